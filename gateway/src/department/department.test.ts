// The department's pages: login, its own complete cases only, decisions as status events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceClient } from '../testing/device-client';
import { testFile, testManifest, testSupplement, type TestFile } from '../testing/fixtures';
import { Browser } from '../testing/browser';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { addReviewer } from './repo';

const SC = '510000';
let t: TestGateway;
let device: DeviceClient;

async function pushComplete(departmentId: string, files: TestFile[] = [testFile(300)]) {
  const m = testManifest(SC, files, { departmentId });
  expect((await device.putCase(m)).status).toBe(201);
  for (const f of files) expect((await device.putAttachment(m.caseId, f.slot.attachmentId, f.bytes)).status).toBe(201);
  return m;
}

beforeAll(async () => {
  t = await startTestGateway();
  device = await t.device(SC);
  await addReviewer(t.pool, 'psb1', 'correct horse 1', 'SC-CD-PSB');
  await addReviewer(t.pool, 'civil1', 'correct horse 2', 'SC-CD-CIVIL');
});
afterAll(async () => t?.close());

describe('department login', () => {
  it('requires a session for every department page', async () => {
    const anon = new Browser(t.url);
    const m = await pushComplete('SC-CD-PSB');
    for (const path of [
      '/dept/cases',
      `/dept/cases/${m.caseId}`,
      `/dept/cases/${m.caseId}/attachments/${m.attachments[0]?.attachmentId}`,
    ]) {
      const res = await anon.go('GET', path);
      expect([res.status, res.location]).toEqual([303, '/dept/login']);
    }
    expect((await anon.go('POST', `/dept/cases/${m.caseId}/actions/review`, { caseVersion: '1' })).status).toBe(401);
  });

  it('refuses a wrong password and a missing CSRF token, and logs out', async () => {
    const b = new Browser(t.url);
    const wrong = await b.login('psb1', 'wrong');
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('用户名或密码不正确');
    expect((await b.login('nobody', 'x')).status).toBe(401);
    await b.go('GET', '/dept/login');
    expect(
      (await b.go('POST', '/dept/login', { _csrf: 'forged', username: 'psb1', password: 'correct horse 1' })).status,
    ).toBe(403);
    const ok = await b.login('psb1', 'correct horse 1');
    expect([ok.status, ok.location]).toEqual([303, '/dept/cases']);
    const list = await b.go('GET', '/dept/cases');
    expect(list.status).toBe(200);
    expect(list.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await b.go('POST', '/dept/logout', { _csrf: b.csrf(list.html) })).status).toBe(303);
    expect((await b.go('GET', '/dept/cases')).status).toBe(303);
  });
});

describe('department cases', () => {
  it('lists only complete cases of the reviewer’s department, masked; the case page shows everything, the ID number masked', async () => {
    const own = await pushComplete('SC-CD-PSB');
    const incomplete = testManifest(SC, [testFile(100)], { departmentId: 'SC-CD-PSB' });
    expect((await device.putCase(incomplete)).status).toBe(201);
    const other = await pushComplete('SC-CD-CIVIL');
    const psb = new Browser(t.url);
    await psb.login('psb1', 'correct horse 1');
    const list = (await psb.go('GET', '/dept/cases')).html;
    expect(list).toContain(own.receiptNo);
    expect(list).toContain('张*');
    expect(list).toContain('5001**********0014');
    expect(list).not.toContain('500101199003070014');
    expect(list).not.toContain(incomplete.caseId);
    expect(list).not.toContain(other.caseId);
    expect((await psb.go('GET', `/dept/cases/${other.caseId}`)).status).toBe(404);
    expect((await psb.go('GET', `/dept/cases/${incomplete.caseId}`)).status).toBe(404);
    expect((await psb.go('GET', '/dept/cases?status=approved')).html).not.toContain(own.caseId);

    const page = await psb.go('GET', `/dept/cases/${own.caseId}`);
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('500101199003070014'); // masked until 显示完整号码 (reveal.test.ts)
    expect(page.html).toContain('5001**********0014');
    expect(page.html).toContain('受理审查</button>');
    // The page's markup is indented (prettier formats the html templates): compare without it.
    const facts = page.html.replace(/>\s+</g, '><');
    expect(facts).toContain('<dt>窗口受理时间</dt><dd>2026-01-01 09:00</dd>'); // China time, not the ISO text
    expect(facts).toContain('<dt>情形</dt><dd>投靠子女</dd>'); // the name, not 投靠子女（S-01）
    const file = await psb.go('GET', `/dept/cases/${own.caseId}/attachments/${own.attachments[0]?.attachmentId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');

    const civil = new Browser(t.url);
    await civil.login('civil1', 'correct horse 2');
    const civilList = (await civil.go('GET', '/dept/cases')).html;
    expect(civilList).toContain(other.caseId);
    expect(civilList).not.toContain(own.caseId);
  });

  it('warns on the case page when another case carries the same receipt number', async () => {
    const pushWith = async (receiptNo: string) => {
      const file = testFile(100);
      const m = testManifest(SC, [file], { departmentId: 'SC-CD-PSB', receiptNo });
      const res = await device.putCase(m);
      expect(res.status).toBe(201);
      expect((await device.putAttachment(m.caseId, file.slot.attachmentId, file.bytes)).status).toBe(201);
      return { caseId: m.caseId, departmentNo: (res.json as { departmentNo: string }).departmentNo };
    };
    const first = await pushWith('50010112-20261130-0002K');
    const second = await pushWith('50010112-20261130-0002K');
    const single = await pushWith('50010112-20261130-0003F');
    const psb = new Browser(t.url);
    await psb.login('psb1', 'correct horse 1');
    const page = (await psb.go('GET', `/dept/cases/${second.caseId}`)).html;
    expect(page).toContain(`受理编号 50010112-20261130-0002K 还出现在另一件办件上（部门编号 ${first.departmentNo}）`);
    expect((await psb.go('GET', `/dept/cases/${single.caseId}`)).html).not.toContain('还出现在另一件办件上');
  });

  it('records decisions as status events with increasing caseVersion, refusing bad input and transitions', async () => {
    const m = await pushComplete('SC-CD-PSB');
    const b = new Browser(t.url);
    await b.login('psb1', 'correct horse 1');
    const act = async (action: string, form: Record<string, string | string[]>) => {
      const page = await b.go('GET', `/dept/cases/${m.caseId}`);
      return b.go('POST', `/dept/cases/${m.caseId}/actions/${action}`, { _csrf: b.csrf(page.html), ...form });
    };
    const version = async () =>
      Number(/name="caseVersion"\s+value="(\d+)"/.exec((await b.go('GET', `/dept/cases/${m.caseId}`)).html)?.[1]);

    expect((await act('mail', { caseVersion: '1', waybillNo: 'EA000000005CN' })).status).toBe(409); // not decided yet
    expect((await act('review', { caseVersion: '1' })).status).toBe(303);
    expect((await act('review', { caseVersion: '2' })).status).toBe(409); // already reviewing
    const reviewing = (await b.go('GET', `/dept/cases/${m.caseId}`)).html;
    for (const id of ['missing-1', 'missingOther', 'note', 'reason'])
      expect(reviewing).toMatch(new RegExp(`<label for="${id}"\\s*>`));
    expect((await act('approve', { caseVersion: '1' })).status).toBe(409); // stale page
    expect((await act('request-supplement', { caseVersion: '2' })).status).toBe(400); // nothing listed
    expect(
      (await act('request-supplement', { caseVersion: '2', missing: ['HK'], missingOther: '首页须清晰可辨' })).status,
    ).toBe(303);
    // The note is said once in the history, as the reviewer's note, not as one more material.
    const asked = (await b.go('GET', `/dept/cases/${m.caseId}`)).html;
    expect(asked.split('首页须清晰可辨').length - 1).toBe(1);
    expect(asked.replace(/\s+/g, '')).toContain('首页须清晰可辨；需补正：户口簿');
    expect((await act('approve', { caseVersion: '3' })).status).toBe(409); // the supplement has not come
    expect((await b.go('POST', `/dept/cases/${m.caseId}/actions/approve`, { caseVersion: '3' })).status).toBe(403); // no CSRF token

    const supplement = testSupplement(m.caseId);
    expect((await device.putSupplement(supplement)).body).toMatchObject({ caseVersion: 4 });
    expect(await version()).toBe(4);
    expect((await act('reject', { caseVersion: '4', reason: '  ' })).status).toBe(400);
    expect((await act('approve', { caseVersion: '4', note: '准予迁入' })).status).toBe(303);
    const bad = await act('mail', { caseVersion: '5', waybillNo: 'EA000000001CN' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('EMS 运单号无效');
    expect((await act('mail', { caseVersion: '5', waybillNo: '1234567890' })).status).toBe(400);
    expect((await act('mail', { caseVersion: '5', waybillNo: 'ea000000005cn' })).status).toBe(303);
    expect(await version()).toBeNaN(); // result-mailed: no more actions

    const events: {
      caseId: string;
      caseVersion: number;
      status: string;
      reason: string | null;
      details: Record<string, unknown>;
    }[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = (await device.feed(cursor, 500)).json as { events: typeof events; nextCursor: string };
      events.push(...page.events);
      cursor = page.nextCursor;
      if (page.events.length === 0) break;
    }
    const mine = events.filter((e) => e.caseId === m.caseId);
    expect(mine.map((e) => [e.caseVersion, e.status])).toEqual([
      [1, 'received'],
      [2, 'reviewing'],
      [3, 'supplement-requested'],
      [4, 'supplement-received'],
      [5, 'approved'],
      [6, 'result-mailed'],
    ]);
    expect(mine[2]?.details).toEqual({ missing: ['户口簿'] });
    expect(mine[2]?.reason).toBe('首页须清晰可辨');
    expect(mine[4]?.reason).toBe('准予迁入');
    expect(mine[5]?.details).toEqual({ waybillNo: 'EA000000005CN' });
  });
});
