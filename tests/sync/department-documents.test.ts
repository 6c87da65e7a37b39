// The 办理地 department's own documents (issue #14 item 1, decision 0220) on real parts: a reviewer records 受理,
// 准予 and 不予受理 with document numbers; the gateway renders and seals each on A4 (pdfsig: valid), the status feed
// announces them, and the window fetches each (SHA-256 checked) and its text (pdftotext) is the department's.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfsig } from '@tongban/pdf-seal/testing/pdfsig';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { ActionRefused, performAction } from '../../gateway/src/department/actions';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { createUser, initialised, testApp, type TestApp } from '../../src-main/testing/test-app';
import { callOk } from '../../src-main/testing/call';
import { acceptReadyCase } from './window';

let gw: TestGateway;
let app: TestApp;
const CLERK = 'clerk';
const sealDir = mkdtempSync(join(tmpdir(), 'dept-seal-'));

beforeAll(async () => {
  gw = await startTestGateway();
  app = await testApp();
  const admin = await initialised(app);
  await createUser(app, admin, 'clerk1', 'clerk');
  await app.call(CLERK, 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
  const { code } = await issueEnrolmentCode(gw.pool, '50010112', '500101', 1);
  await callOk(app, admin, 'sync:configure', { gatewayUrl: gw.url, code });
}, 120_000);

afterAll(async () => {
  await app?.shutdown();
  await gw?.close();
});

async function act(caseId: string, action: Parameters<typeof performAction>[3], fields: Record<string, string>) {
  const { rows } = await gw.pool.query<{ department_id: string; case_version: number }>(
    'SELECT department_id, case_version FROM cases WHERE case_id = $1',
    [caseId],
  );
  const row = rows[0]!;
  const form = new URLSearchParams({ caseVersion: String(row.case_version), ...fields });
  const reviewer = { reviewerId: 1, username: 'reviewer', departmentId: row.department_id, csrfToken: '' };
  return performAction(gw.pool, reviewer, caseId, action, form, { dataDir: sealDir });
}

/** Fetches a department document through the window's command and returns its bytes and text. */
async function fetched(caseId: string, document: 'acceptance' | 'approval' | 'non-acceptance' | 'refusal') {
  const file = await callOk(app, CLERK, 'cases:result', { caseId, document });
  const pdf = Buffer.from(file.pdfBase64, 'base64');
  const path = join(mkdtempSync(join(tmpdir(), 'dept-doc-')), 'doc.pdf');
  writeFileSync(path, pdf);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  mkdirSync('test-results/documents', { recursive: true });
  writeFileSync(join('test-results/documents', `department-${document}.pdf`), pdf);
  return { file, pdf, text };
}

describe('the 办理地 department’s documents reach the window', () => {
  let caseId: string;
  let departmentName: string;

  it('受理 with a number issues a sealed 受理通知书 in the department’s name; the window prints it', async () => {
    caseId = (await acceptReadyCase(app, CLERK)).caseId;
    await app.services.sync.syncNow();
    await act(caseId, 'review', { documentNo: '渝人社受〔2026〕101号' });
    await app.services.sync.syncNow();
    const d = await callOk(app, CLERK, 'cases:get', { caseId });
    departmentName = d.departmentName ?? '';
    expect(d.deptStatus).toBe('reviewing');
    expect(d.deptDetails?.documents).toMatchObject([
      { kind: 'acceptance', title: '受理通知书', documentNo: '渝人社受〔2026〕101号' },
    ]);
    const { file, pdf, text } = await fetched(caseId, 'acceptance');
    expect(file.sha256).toBe(d.deptDetails?.documents?.[0]?.sha256);
    expect(text).toContain('受理通知书');
    expect(text).toContain('渝人社受〔2026〕101号');
    expect(text).toContain(departmentName);
    expect(text).toContain('本机关决定予以受理');
    expect(text).not.toContain('本窗口决定');
    const sig = pdfsig(pdf);
    expect(sig.valid, sig.output).toBe(true);
    expect(sig.totalDocumentSigned).toBe(true);
  });

  it('the decision adds its own document; the 受理通知书 stays listed and printable', async () => {
    await act(caseId, 'approve', { documentNo: '渝人社决〔2026〕7号', note: '社会保障卡已制卡' });
    await app.services.sync.syncNow();
    const d = await callOk(app, CLERK, 'cases:get', { caseId });
    expect(d.deptDetails?.documents?.map((x) => x.kind)).toEqual(['acceptance', 'approval']);
    const { text } = await fetched(caseId, 'approval');
    // 社会保障卡 is a 公共服务 matter: not a 行政许可 decision (§38 only for licences).
    expect(text).toContain('办理结果通知书');
    expect(text).toContain('社会保障卡已制卡');
    expect(text).not.toContain('准予行政许可');
    expect((await fetched(caseId, 'acceptance')).text).toContain('渝人社受〔2026〕101号');
  });

  it('不予受理 from 已送达 needs a number and reasons, and names the 复议机关 and court (or says to ask)', async () => {
    const other = (await acceptReadyCase(app, CLERK)).caseId;
    await app.services.sync.syncNow();
    await expect(act(other, 'reject', { reason: '申请人不属于本地参保人员' })).rejects.toBeInstanceOf(ActionRefused);
    // A number the department already used on another case is refused, nothing changes.
    await expect(
      act(other, 'reject', { reason: '申请人不属于本地参保人员', documentNo: '渝人社受〔2026〕101号' }),
    ).rejects.toMatchObject({ status: 409 });
    await act(other, 'reject', { reason: '申请人不属于本地参保人员', documentNo: '渝人社不受〔2026〕3号' });
    await app.services.sync.syncNow();
    const d = await callOk(app, CLERK, 'cases:get', { caseId: other });
    expect(d.deptStatus).toBe('rejected');
    const { text } = await fetched(other, 'non-acceptance');
    expect(text).toContain('不予受理决定书');
    expect(text).toContain('经审查：申请人不属于本地参保人员。');
    expect(text).toContain('本机关决定不予受理');
    expect(text).toMatch(/六十日内(向.+申请行政复议|依法申请行政复议)/);
    expect(text).toContain('以办理地部门告知为准');
  });
});
