// 好差评 records on the real PostgreSQL: idempotent like cases, refused for other districts,
// unknown cases and unsigned requests, steps only in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FollowUpManifest, FollowUpStepManifest, RatingManifest } from '@tongban/protocol/sync/records';
import type { DeviceClient } from '../testing/device-client';
import { testManifest } from '../testing/fixtures';
import { addReviewer } from '../department/repo';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { recordPath, testFollowUp, testRating, testStep } from '../testing/record-fixtures';

const CQ = '500101';
let t: TestGateway;
let device: DeviceClient;
let other: DeviceClient;
beforeAll(async () => {
  t = await startTestGateway();
  device = await t.device(CQ);
  other = await t.device('510000');
});
afterAll(async () => t?.close());

type AnyRecord = RatingManifest | FollowUpManifest | FollowUpStepManifest;
const put = (m: AnyRecord, by: DeviceClient = device) => {
  const { path, key } = recordPath(m);
  return by.request('PUT', path, { body: m, idempotencyKey: key });
};

async function newCase(): Promise<string> {
  const m = testManifest(CQ);
  expect((await device.putCase(m)).status).toBe(201);
  return m.caseId;
}

const rows = async (caseId: string) =>
  (
    await t.pool.query(
      'SELECT r.manifest, r.received_at, f.follow_up_id, s.step, s.received_at AS step_at FROM ratings r LEFT JOIN follow_ups f USING (rating_id) LEFT JOIN follow_up_steps s USING (follow_up_id) WHERE r.case_id = $1 ORDER BY s.ordinal',
      [caseId],
    )
  ).rows;

describe('PUT /v1/cases/{id}/ratings/{id}', () => {
  it('stores a rating once: replay → 200 with the same answer; another body → 422 and nothing changed', async () => {
    const rating = testRating(await newCase());
    const results = await Promise.all(Array.from({ length: 10 }, () => put(rating)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const answer = results[0]?.body;
    expect(answer).toMatchObject({ id: rating.ratingId, caseId: rating.caseId });
    for (const r of results) expect(r.body).toEqual(answer);
    expect(await t.count(`ratings WHERE case_id = '${rating.caseId}'`)).toBe(1);
    expect(await t.count(`backoffice_outbox WHERE case_id = '${rating.caseId}' AND kind = 'rating-received'`)).toBe(1);

    const before = await rows(rating.caseId);
    const changed = await put({ ...rating, level: 1 });
    expect(changed.status).toBe(422);
    expect(changed.body).toMatchObject({ error: { code: 'manifest-mismatch' } });
    expect(await rows(rating.caseId)).toEqual(before);
    // A second rating (another id) of a rated case: refused, nothing stored.
    const second = await put(testRating(rating.caseId));
    expect(second.status).toBe(422);
    expect(second.body).toMatchObject({ error: { code: 'record-conflict' } });
    expect(await t.count(`ratings WHERE case_id = '${rating.caseId}'`)).toBe(1);
    const replay = await put(rating);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(answer);
  });

  it('refuses a case of another district (403), an unknown case (404), unsigned (401) and a bad manifest (400), storing nothing', async () => {
    const caseId = await newCase();
    const before = await t.count('ratings');
    const foreign = await put(testRating(caseId), other);
    expect(foreign.status).toBe(403);
    expect(foreign.body).toMatchObject({ error: { code: 'district-forbidden' } });
    const unknown = await put(testRating('0193a1b2-0000-7000-8000-000000000001'));
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'case-not-found' } });
    const rating = testRating(caseId);
    const unsigned = await fetch(`${t.url}${recordPath(rating).path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rating),
    });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ error: { code: 'signature-missing' } });
    const anonymousWithContact = await put({ ...rating, realName: false });
    expect(anonymousWithContact.status).toBe(400);
    expect(anonymousWithContact.body).toMatchObject({
      error: { code: 'invalid-manifest', fields: [{ path: 'contact', code: 'anonymous-no-contact' }] },
    });
    const wrongKey = await device.request('PUT', recordPath(rating).path, { body: rating, idempotencyKey: caseId });
    expect(wrongKey.status).toBe(400);
    expect(await t.count('ratings')).toBe(before);
  });
});

describe('follow-ups and their steps', () => {
  it('arrive in order 回访 → 核实 → 整改 → 反馈; early or repeated steps are refused; replays answer the same', async () => {
    const rating = testRating(await newCase());
    const followUp = testFollowUp(rating);
    // Before its rating: out of order, retried later by the window.
    expect(await put(followUp)).toMatchObject({ status: 409, body: { error: { code: 'out-of-order' } } });
    expect((await put(rating)).status).toBe(201);
    const opened = await put(followUp);
    expect(opened.status).toBe(201);
    expect((await put(followUp)).body).toEqual(opened.body);
    expect(await put({ ...followUp, dueDate: '2026-12-31' })).toMatchObject({
      status: 422,
      body: { error: { code: 'manifest-mismatch' } },
    });

    const steps = (['callback', 'verify', 'rectify', 'feedback'] as const).map((s) => testStep(followUp, s));
    const [callback, verify, rectify, feedback] = steps as [
      FollowUpStepManifest,
      FollowUpStepManifest,
      FollowUpStepManifest,
      FollowUpStepManifest,
    ];
    expect(await put(verify)).toMatchObject({ status: 409, body: { error: { code: 'out-of-order' } } });
    expect((await put(callback)).status).toBe(201);
    expect(await put({ ...testStep(followUp, 'callback') })).toMatchObject({
      status: 422,
      body: { error: { code: 'record-conflict' } },
    });
    for (const s of [verify, rectify, feedback]) expect((await put(s)).status).toBe(201);
    expect((await put(rectify)).status).toBe(200);
    const stored = await rows(rating.caseId);
    expect(stored.map((r: { step: string }) => r.step)).toEqual(['callback', 'verify', 'rectify', 'feedback']);
    // A step of this follow-up from another district's device is refused before anything else.
    expect(await put(testStep(followUp, 'feedback'), other)).toMatchObject({ status: 403 });
  });
});

describe('the reviewer’s case page', () => {
  it('shows the rating with the contact masked, and the follow-up steps in order', async () => {
    await addReviewer(t.pool, 'psb-cq', 'correct horse 9', 'SC-CD-PSB');
    const rating = testRating(await newCase());
    const followUp = testFollowUp(rating);
    for (const m of [rating, followUp, testStep(followUp, 'callback'), testStep(followUp, 'verify')])
      expect((await put(m)).status).toBe(201);
    let cookie = '';
    const go = async (method: string, path: string, form?: Record<string, string>) => {
      const res = await fetch(`${t.url}${path}`, {
        method,
        redirect: 'manual',
        headers: { cookie, ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
        body: form ? new URLSearchParams(form) : undefined,
      });
      for (const c of res.headers.getSetCookie()) cookie = [cookie, c.split(';')[0]].filter(Boolean).join('; ');
      return res.text();
    };
    const login = await go('GET', '/dept/login');
    await go('POST', '/dept/login', {
      _csrf: /name="_csrf" value="([^"]+)"/.exec(login)?.[1] ?? '',
      username: 'psb-cq',
      password: 'correct horse 9',
    });
    const page = await go('GET', `/dept/cases/${rating.caseId}`);
    expect(page).toContain('<h2>好差评</h2>');
    expect(page).toContain('不满意（2 星），差评');
    expect(page).toContain('实名：王*明，138****8000');
    expect(page).not.toContain('13800138000');
    expect(page).not.toContain('小明');
    expect(page).toContain('差评回访整改');
    const order = ['回访', '核实', '整改', '反馈'].map((s) => page.indexOf(`<td>${s}</td>`));
    expect(order.every((i, n) => i > 0 && (n === 0 || i > (order[n - 1] as number)))).toBe(true);
    expect(page).toContain('核实结果：部分属实');
  });
});
