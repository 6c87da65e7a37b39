// A case's history across both sides on the department case page and as CSV: the window's 受理 and
// deliveries, the reviewer's decision and views, in time order with who; the export itself is audited.
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
      ['部门', '部门', '审查中'],
      ['部门', '审查人员 psb1', '查看案件'],
    ]);
    expect(lines[1]).toContain(m.receiptNo);
    const review = await t.pool.query("SELECT actor FROM gateway_audit WHERE action = 'dept.action.review'");
    expect(review.rows).toEqual([{ actor: 'psb1' }]);
    const exported = await t.pool.query("SELECT 1 FROM gateway_audit WHERE action = 'dept.trail-exported'");
    expect(exported.rowCount).toBe(1);
    expect((await verifyGatewayAudit(t.pool)).ok).toBe(true);
  });
});
