// 多地联办 at the gateway (decision 0215), on a real PostgreSQL: each part reaches its department in order, each
// department acts on its own part and sees the others read-only, and the case is 办结 only when every required
// part is; a refused required part ends the case as refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import type { DeviceClient } from '../testing/device-client';
import { testFile, testManifest } from '../testing/fixtures';
import { Browser } from '../testing/browser';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { addReviewer } from './repo';

const SC = '510000';
const PSB = { departmentId: 'SC-CD-PSB', departmentName: '成都市公安局' };
const MI = { departmentId: 'SC-CD-MI', departmentName: '成都市医疗保障局' };
let t: TestGateway;
let device: DeviceClient;

type Part = NonNullable<CaseManifest['parts']>[number];
const part = (code: string, name: string, dept: typeof PSB, step: number, required = true): Part => ({
  code,
  name,
  ...dept,
  step,
  required,
});

async function pushJoint(parts: Part[]): Promise<CaseManifest> {
  const file = testFile(200);
  const m = testManifest(SC, [file], { ...PSB, matterCode: 'CQ-KSTB-0043', matterName: '新生儿出生一件事', parts });
  expect((await device.putCase(m)).status).toBe(201);
  expect((await device.putAttachment(m.caseId, file.slot.attachmentId, file.bytes)).status).toBe(201);
  return m;
}

async function reviewer(username: string, password: string): Promise<Browser> {
  const b = new Browser(t.url);
  await b.login(username, password);
  return b;
}

async function act(b: Browser, caseId: string, action: string, form: Record<string, string> = {}) {
  const page = await b.go('GET', `/dept/cases/${caseId}`);
  const caseVersion = /name="caseVersion"\s+value="(\d+)"/.exec(page.html)?.[1] ?? '0';
  return b.go('POST', `/dept/cases/${caseId}/actions/${action}`, { _csrf: b.csrf(page.html), caseVersion, ...form });
}

async function eventsOf(caseId: string) {
  const events: { caseId: string; status: string; reason: string | null; details: Record<string, unknown> }[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = (await device.feed(cursor, 500)).json as { events: typeof events; nextCursor: string };
    events.push(...page.events);
    cursor = page.nextCursor;
    if (page.events.length === 0) break;
  }
  return events.filter((e) => e.caseId === caseId);
}

const partStatuses = (details: Record<string, unknown>) =>
  (details.parts as { code: string; status: string }[]).map((p) => `${p.code}:${p.status}`);

beforeAll(async () => {
  t = await startTestGateway();
  device = await t.device(SC);
  await addReviewer(t.pool, 'psb-joint', 'correct horse 1', PSB.departmentId);
  await addReviewer(t.pool, 'mi-joint', 'correct horse 2', MI.departmentId);
});
afterAll(async () => t?.close());

describe('多地联办', () => {
  it('pushes the parts in order, each department acts on its own part, the case is 办结 when both are', async () => {
    const m = await pushJoint([part('HUKOU', '出生登记', PSB, 1), part('MEDINS', '医保参保登记', MI, 2)]);
    const psb = await reviewer('psb-joint', 'correct horse 1');
    const mi = await reviewer('mi-joint', 'correct horse 2');
    // Step 2 is not pushed yet: the 医保 department neither lists nor opens the case.
    expect((await mi.go('GET', '/dept/cases')).html).not.toContain(m.receiptNo);
    expect((await mi.go('GET', `/dept/cases/${m.caseId}`)).status).toBe(404);
    const first = (await psb.go('GET', `/dept/cases/${m.caseId}`)).html;
    expect(first).toContain('多地联办环节');
    expect(first).toContain('待前序办结');
    expect(first).toContain('（本部门）');

    expect((await act(psb, m.caseId, 'review')).status).toBe(303);
    expect((await act(psb, m.caseId, 'approve', { note: '已办理出生登记' })).status).toBe(303);
    // Part 1 done: part 2 reaches the 医保 department; the case is still open.
    expect((await mi.go('GET', '/dept/cases')).html).toContain(m.receiptNo);
    const second = (await mi.go('GET', `/dept/cases/${m.caseId}`)).html;
    expect(second).toMatch(/当前状态<\/dt><dd>审查中/);
    expect(second).toContain('本部门环节');
    // The lead department's part is done: no action is offered until the case is decided.
    expect((await psb.go('GET', `/dept/cases/${m.caseId}`)).html).toContain('当前状态下没有可做的操作');
    // The lead department cannot act again on its decided part, nor register mailing before the case is decided.
    expect((await act(psb, m.caseId, 'approve')).status).toBe(409);
    expect((await act(mi, m.caseId, 'mail', { waybillNo: 'EA000000005CN' })).status).toBe(409);

    expect((await act(mi, m.caseId, 'review')).status).toBe(303);
    expect((await act(mi, m.caseId, 'approve')).status).toBe(303);
    expect((await psb.go('GET', `/dept/cases/${m.caseId}`)).html).toMatch(/当前状态<\/dt><dd>已办结（准予）/);
    expect((await act(psb, m.caseId, 'mail', { waybillNo: 'EA000000005CN' })).status).toBe(303);

    const events = await eventsOf(m.caseId);
    expect(events.map((e) => e.status)).toEqual([
      'received',
      'reviewing',
      'reviewing',
      'reviewing',
      'approved',
      'result-mailed',
    ]);
    expect(events.map((e) => partStatuses(e.details))).toEqual([
      ['HUKOU:received', 'MEDINS:waiting'],
      ['HUKOU:reviewing', 'MEDINS:waiting'],
      ['HUKOU:approved', 'MEDINS:received'],
      ['HUKOU:approved', 'MEDINS:reviewing'],
      ['HUKOU:approved', 'MEDINS:approved'],
      ['HUKOU:approved', 'MEDINS:approved'],
    ]);
    expect(events[2]?.reason).toBe('出生登记（成都市公安局）：已办理出生登记');
  });

  it('runs parallel parts together and ends the case as refused when a required part is refused', async () => {
    const m = await pushJoint([part('HUKOU', '出生登记', PSB, 1), part('MEDINS', '医保参保登记', MI, 1)]);
    const psb = await reviewer('psb-joint', 'correct horse 1');
    const mi = await reviewer('mi-joint', 'correct horse 2');
    expect((await mi.go('GET', `/dept/cases/${m.caseId}`)).status).toBe(200);
    expect((await act(psb, m.caseId, 'review')).status).toBe(303);
    expect((await act(psb, m.caseId, 'approve')).status).toBe(303);
    expect((await act(mi, m.caseId, 'review')).status).toBe(303);
    expect((await act(mi, m.caseId, 'reject', { reason: '未在本地参保' })).status).toBe(303);
    const events = await eventsOf(m.caseId);
    const last = events.at(-1);
    expect(last?.status).toBe('rejected');
    expect(last?.reason).toBe('医保参保登记（成都市医疗保障局）：未在本地参保');
    expect(partStatuses(last?.details ?? {})).toEqual(['HUKOU:approved', 'MEDINS:rejected']);
  });

  it('refuses (400) a manifest whose parts are malformed or whose first part is not the case’s department', async () => {
    const bad = testManifest(SC, [], {
      ...MI,
      parts: [part('HUKOU', '出生登记', PSB, 1), part('MEDINS', '医保参保登记', MI, 2)],
    });
    const refused = await device.putCase(bad);
    expect([refused.status, refused.body]).toMatchObject([
      400,
      { error: { code: 'invalid-manifest', fields: [{ path: 'parts', code: 'first-part-department' }] } },
    ]);
    const gap = testManifest(SC, [], {
      ...PSB,
      parts: [part('HUKOU', '出生登记', PSB, 1), part('MEDINS', '医保参保登记', MI, 3)],
    });
    expect((await device.putCase(gap)).status).toBe(400);
  });
});
