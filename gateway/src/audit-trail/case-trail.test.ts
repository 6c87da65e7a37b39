// A case's history across both sides on the department case page and as CSV: the window's 受理 and
// deliveries, the reviewer's decision and views, in time order with who; the export itself is audited.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReviewer } from '../department/repo';
import { Browser } from '../testing/browser';
import { testFile, testManifest } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { verifyGatewayAudit } from './verify';

const SC = '510000';
let t: TestGateway;

beforeAll(async () => {
  t = await startTestGateway();
  await addReviewer(t.pool, 'psb1', 'correct horse 1', 'SC-CD-PSB');
});
afterAll(async () => t?.close());

describe('case trail', () => {
  it('shows and exports both sides of a case in order, and every step is in the hash chain', async () => {
    const device = await t.device(SC, 'CQ01');
    const file = testFile(300);
    const m = testManifest(SC, [file], { departmentId: 'SC-CD-PSB' });
    expect((await device.putCase(m)).status).toBe(201);
    expect((await device.putAttachment(m.caseId, file.slot.attachmentId, file.bytes)).status).toBe(201);
    const b = new Browser(t.url);
    await b.login('psb1', 'correct horse 1');
    const first = await b.go('GET', `/dept/cases/${m.caseId}`);
    expect(
      (await b.go('POST', `/dept/cases/${m.caseId}/actions/review`, { _csrf: b.csrf(first.html), caseVersion: '1' }))
        .status,
    ).toBe(303);
    const pageHtml = (await b.go('GET', `/dept/cases/${m.caseId}`)).html;
    expect(pageHtml).toContain('全程记录（窗口与部门）');
    const csv = await b.go('GET', `/dept/cases/${m.caseId}/trail.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.html
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const what = lines.slice(1).map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')));
    expect(what.map((c) => [c[2], c[3], c[4]])).toEqual([
      ['窗口', '窗口 CQ01', '窗口受理'],
      ['部门', '部门网关', '已送达'], // the status event at the push's transaction time, its audit row just after
      ['窗口', '窗口 CQ01', '办件送达部门网关'],
      ['窗口', '窗口 CQ01', '电子材料上传完成'],
      ['部门', '审查人员 psb1', '查看案件'],
      ['部门', '审查人员 psb1', '审查中'],
      ['部门', '审查人员 psb1', '查看案件'],
    ]);
    expect(lines[1]).toContain(m.receiptNo);
    const review = await t.pool.query("SELECT actor FROM gateway_audit WHERE action = 'dept.action.review'");
    expect(review.rows).toEqual([{ actor: 'psb1' }]);
    const exported = await t.pool.query("SELECT 1 FROM gateway_audit WHERE action = 'dept.trail-exported'");
    expect(exported.rowCount).toBe(1);
    expect((await verifyGatewayAudit(t.pool)).ok).toBe(true);
  });

  it('merges the window steps it received (clerk, printing, waybill) into the page, the CSV and the PDF', async () => {
    const device = await t.device(SC, 'CQ02');
    const other = await t.device(SC, 'CQ03');
    const file = testFile(200);
    const m = testManifest(SC, [file], { departmentId: 'SC-CD-PSB' });
    expect((await device.putCase(m)).status).toBe(201);
    expect((await device.putAttachment(m.caseId, file.slot.attachmentId, file.bytes)).status).toBe(201);
    const h = (n: number) => n.toString(16).padStart(64, '0');
    const events = [
      {
        seq: 7,
        action: 'identity.verify',
        at: '2026-01-01T00:55:00.000Z',
        details: { role: 'applicant', method: 'chip-visual', result: 'pass' },
      },
      {
        seq: 9,
        action: 'case.accept',
        at: '2026-01-01T01:00:00.000Z',
        details: { documentNo: m.receiptNo, missing: [] },
      },
      {
        seq: 10,
        action: 'print.document',
        at: '2026-01-01T01:01:00.000Z',
        details: { kind: 'acceptance-receipt', documentNo: m.receiptNo, copy: 1 },
      },
      { seq: 12, action: 'waybill.assign', at: '2026-01-01T01:03:00.000Z', details: { waybillNo: 'EA123456789CN' } },
    ].map((e) => ({ ...e, hash: h(e.seq), caseId: m.caseId, actor: '张窗口' }));
    const push = await device.request('POST', '/v1/case-events', { body: { events } });
    expect(push.status).toBe(200);
    expect(push.body).toEqual({ stored: 4, unknownCases: [] });
    // A resend stores nothing again; another window cannot write into this window's case.
    expect((await device.request('POST', '/v1/case-events', { body: { events } })).body).toEqual({
      stored: 0,
      unknownCases: [],
    });
    expect(
      (await other.request('POST', '/v1/case-events', { body: { events: [{ ...events[0], seq: 99 }] } })).body,
    ).toEqual({ stored: 0, unknownCases: [m.caseId] });
    // Personal data has no place to go: an unknown detail key is refused, nothing stored.
    const pii = { ...events[0], seq: 50, details: { idNumber: '110101199003071234' } };
    expect((await device.request('POST', '/v1/case-events', { body: { events: [pii] } })).status).toBe(400);
    expect(await t.count('window_case_events')).toBe(4);

    const b = new Browser(t.url);
    await b.login('psb1', 'correct horse 1');
    const pageHtml = (await b.go('GET', `/dept/cases/${m.caseId}`)).html;
    expect(pageHtml).toContain('窗口 CQ02 · 张窗口');
    expect(pageHtml).toContain('邮件号 EA123456789CN');
    const csv = (await b.go('GET', `/dept/cases/${m.caseId}/trail.csv`)).html
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const what = csv
      .slice(1, 5)
      .map((l) => l.split(',').map((c) => c.replace(/^"|"$/g, '')))
      .map((c) => [c[1], c[3], c[4]]);
    expect(what).toEqual([
      ['2026-01-01 08:55', '窗口 CQ02 · 张窗口', '人证核验'],
      ['2026-01-01 09:00', '窗口 CQ02 · 张窗口', '窗口受理（形式审查通过）'],
      ['2026-01-01 09:01', '窗口 CQ02 · 张窗口', '打印文书'],
      ['2026-01-01 09:03', '窗口 CQ02 · 张窗口', '分配 EMS 邮件号'],
    ]);
    expect(csv.join('\n')).not.toContain('"窗口受理"'); // the manifest's 受理 row gives way to the clerk's

    const res = await fetch(`${t.url}/dept/cases/${m.caseId}/trail.pdf`, { headers: { cookie: b.cookieHeader() } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'trail-pdf-'));
    writeFileSync(join(dir, 't.pdf'), Buffer.from(await res.arrayBuffer()));
    const size = execFileSync('pdfinfo', [join(dir, 't.pdf')], { encoding: 'utf8' });
    expect(size).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', join(dir, 't.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('跨省通办案件全程记录');
    expect(text).toContain(m.receiptNo);
    expect(text).toMatch(/窗口 CQ02 · 张窗口\s+人证核验/);
    expect(text).toContain('EA123456789CN');
    expect(text).toMatch(/审查人员 psb1\s+查看案件/);
    const exported = await t.pool.query("SELECT 1 FROM gateway_audit WHERE action = 'dept.trail-pdf-exported'");
    expect(exported.rowCount).toBe(1);
    expect((await t.pool.query("SELECT 1 FROM gateway_audit WHERE action = 'device.case-events'")).rowCount).toBe(1);
  });
});
