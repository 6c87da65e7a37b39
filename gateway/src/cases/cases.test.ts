// (c) Idempotent case pushes: concurrent duplicates, replays, and a different payload under one id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { performAction } from '../department/actions';
import type { DeviceClient } from '../testing/device-client';
import { testFile, testManifest, testSupplement } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';

const SC = '510000';
let t: TestGateway;
let device: DeviceClient;
beforeAll(async () => {
  t = await startTestGateway();
  device = await t.device(SC);
});
afterAll(async () => t?.close());

async function caseRow(caseId: string) {
  const { rows } = await t.pool.query(
    'SELECT manifest, manifest_hash, department_no, status, case_version, received_at FROM cases WHERE case_id = $1',
    [caseId],
  );
  return rows;
}

describe('PUT /v1/cases/{id}', () => {
  it('50 concurrent identical pushes make 1 row and 50 identical department numbers; another payload is a 422', async () => {
    const files = [testFile(64), testFile(128, 'HK')];
    const m = testManifest(SC, files);
    const results = await Promise.all(Array.from({ length: 50 }, () => device.putCase(m)));
    const statuses = results.map((r) => r.status);
    const numbers = new Set(results.map((r) => r.body.departmentNo));
    console.log(
      `concurrent PUTs: 50 sent, ${statuses.filter((s) => s === 201).length}×201, ${statuses.filter((s) => s === 200).length}×200, ${numbers.size} distinct department number(s)`,
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(49);
    expect(numbers.size).toBe(1);
    const [departmentNo] = [...numbers] as string[];
    expect(departmentNo).toMatch(/^KSTB-510000-\d{4}-\d{6}$/);
    for (const r of results) {
      expect(r.body).toEqual({
        departmentNo,
        caseVersion: 1,
        missingAttachments: files.map((f) => f.slot.attachmentId).sort(),
      });
    }
    expect(await t.count(`cases WHERE case_id = '${m.caseId}'`)).toBe(1);
    expect(await t.count(`status_events WHERE case_id = '${m.caseId}'`)).toBe(1);
    expect(await t.count(`backoffice_outbox WHERE case_id = '${m.caseId}'`)).toBe(1);
    expect(await t.count(`attachment_slots WHERE case_id = '${m.caseId}'`)).toBe(2);

    const before = await caseRow(m.caseId);
    const different = await device.putCase({ ...m, applicant: { ...m.applicant, phone: '13900000000' } });
    expect(different.status).toBe(422);
    expect(different.body).toMatchObject({ error: { code: 'manifest-mismatch' } });
    expect(await caseRow(m.caseId)).toEqual(before);

    const replay = await device.putCase(m);
    expect(replay.status).toBe(200);
    expect(replay.body.departmentNo).toBe(departmentNo);
  });

  it('answers a replay from a reinstalled window (another device of the district) with the same number', async () => {
    const m = testManifest(SC);
    const first = await device.putCase(m);
    const reinstalled = await t.device(SC);
    const again = await reinstalled.putCase(m);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.departmentNo).toBe(first.body.departmentNo);
  });

  it('refuses an attachment id that belongs to another case, storing nothing', async () => {
    const file = testFile(32);
    expect((await device.putCase(testManifest(SC, [file]))).status).toBe(201);
    const clash = testManifest(SC, [file]);
    const res = await device.putCase(clash);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ error: { code: 'attachment-conflict' } });
    expect(await caseRow(clash.caseId)).toEqual([]);
  });
});

describe('PUT /v1/cases/{id}/supplements/{id}', () => {
  it('is refused until the department asks, then idempotent like cases', async () => {
    const m = testManifest(SC);
    expect((await device.putCase(m)).status).toBe(201);
    const s = testSupplement(m.caseId, [testFile(40, 'HK')]);
    const early = await device.putSupplement(s);
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ error: { code: 'supplement-not-requested' } });

    const reviewer = { reviewerId: 0, username: 'test', departmentId: 'SC-CD-PSB', csrfToken: '' };
    await performAction(t.pool, reviewer, m.caseId, 'review', new URLSearchParams({ caseVersion: '1' }));
    await performAction(
      t.pool,
      reviewer,
      m.caseId,
      'request-supplement',
      new URLSearchParams({ caseVersion: '2', missing: 'HK' }),
    );

    const first = await device.putSupplement(s);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ caseVersion: 4, missingAttachments: [s.attachments[0]?.attachmentId] });
    const replay = await device.putSupplement(s);
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    const other = await device.putSupplement({ ...s, note: '另一份' });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ error: { code: 'manifest-mismatch' } });
    const { rows } = await t.pool.query('SELECT status, case_version FROM cases WHERE case_id = $1', [m.caseId]);
    expect(rows[0]).toEqual({ status: 'supplement-received', case_version: 4 });
  });
});
