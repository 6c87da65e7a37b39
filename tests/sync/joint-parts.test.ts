// 多地联办 on real parts (decision 0215): a window app on a real SQLite file files a case of a matter with two
// departments' parts; the gateway on a real PostgreSQL pushes the second part only after the first is 办结; each
// part's status comes back to the window's case list and detail, and the case is 办结 only when both are.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { performAction } from '../../gateway/src/department/actions';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { createUser, initialised, testApp, type TestApp } from '../../src-main/testing/test-app';
import type { CaseDetail } from '@common/cases/case-types';
import { callOk } from '../../src-main/testing/call';
import { socialSecurityCardApplication, verifyApplicant } from '../../src-main/cases/testing/intake-fixtures';

let gw: TestGateway;
let app: TestApp;
let admin: string;
const CLERK = 'clerk';

beforeAll(async () => {
  gw = await startTestGateway();
  app = await testApp();
  admin = await initialised(app);
  await createUser(app, admin, 'clerk1', 'clerk');
  await app.call(CLERK, 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
  const { code } = await issueEnrolmentCode(gw.pool, '50010112', '500101', 1);
  expect(await app.call(admin, 'sync:configure', { gatewayUrl: gw.url, code }, 0)).toMatchObject({ ok: true });
}, 120_000);

afterAll(async () => {
  await app?.shutdown();
  await gw?.close();
});

/** Files a 新生儿出生一件事 (CQ-KSTB-0043) case for a 成都市锦江区 locality. */
async function fileJointCase(): Promise<string> {
  const { caseId } = await callOk(app, CLERK, 'drafts:create', {});
  await verifyApplicant(app, CLERK, caseId);
  await callOk(app, CLERK, 'intake:accept', {
    application: socialSecurityCardApplication(caseId, {
      matterCode: 'CQ-KSTB-0043',
      situationCode: 'NEWBORN',
      form: { childName: '张小宝', childBirthDate: '2026-11-20', birthCertNo: 'Q510123456' },
      materials: [
        { code: 'ID-DOC', handling: 'seen-returned', pages: 1 },
        { code: 'BIRTH-CERT', handling: 'kept-to-mail', pages: 1 },
        { code: 'HOUSEHOLD-BOOK', handling: 'kept-to-mail', pages: 2 },
      ],
    }),
  });
  return caseId;
}

async function act(caseId: string, departmentId: string, action: Parameters<typeof performAction>[3]) {
  const { rows } = await gw.pool.query<{ case_version: number }>('SELECT case_version FROM cases WHERE case_id = $1', [
    caseId,
  ]);
  const form = new URLSearchParams({ caseVersion: String(rows[0]!.case_version) });
  await performAction(
    gw.pool,
    { reviewerId: 1, username: 'reviewer', departmentId, csrfToken: '' },
    caseId,
    action,
    form,
  );
}

const detail = (caseId: string): Promise<CaseDetail> => callOk(app, CLERK, 'cases:get', { caseId });
const partStatuses = (d: Pick<CaseDetail, 'parts'>) => d.parts?.map((p) => `${p.code}:${p.status}`);

describe('多地联办 window ⇄ gateway', () => {
  it('shows each department part, pushes them in order and closes the case only when both are done', async () => {
    const caseId = await fileJointCase();
    const filed = await detail(caseId);
    expect(filed.departmentId).toBe('SC-CD-JJ-PSB');
    expect(partStatuses(filed)).toEqual(['HUKOU:null', 'MEDINS:null']); // not sent yet
    expect(filed.parts?.map((p) => p.departmentName)).toEqual(['成都市公安局锦江区分局', '四川省医疗保障局']);
    // The 受理模式 the case was filed under, for the ledger (decision 0216).
    expect(
      app.services.db
        .prepare<[string], { mode: string }>('SELECT acceptance_mode AS mode FROM cases WHERE case_id = ?')
        .get(caseId),
    ).toEqual({ mode: '多地联办' });

    await app.services.sync.syncNow();
    const { rows } = await gw.pool.query<{ part_code: string; department_id: string; status: string }>(
      'SELECT part_code, department_id, status FROM case_parts WHERE case_id = $1 ORDER BY step',
      [caseId],
    );
    expect(rows).toEqual([
      { part_code: 'HUKOU', department_id: 'SC-CD-JJ-PSB', status: 'received' },
      { part_code: 'MEDINS', department_id: 'SC-MIA', status: 'waiting' },
    ]);
    expect(partStatuses(await detail(caseId))).toEqual(['HUKOU:received', 'MEDINS:waiting']);

    // The 医保 department cannot act before its part is pushed.
    await expect(act(caseId, 'SC-MIA', 'review')).rejects.toThrow('没有这个案件');
    await act(caseId, 'SC-CD-JJ-PSB', 'review');
    await act(caseId, 'SC-CD-JJ-PSB', 'approve');
    await app.services.sync.syncNow();
    const half = await detail(caseId);
    expect(half.deptStatus).toBe('reviewing');
    expect(partStatuses(half)).toEqual(['HUKOU:approved', 'MEDINS:received']);
    const row = (await callOk(app, CLERK, 'cases:list', {})).rows.find((r) => r.caseId === caseId);
    expect(row && partStatuses(row)).toEqual(['HUKOU:approved', 'MEDINS:received']);

    await act(caseId, 'SC-MIA', 'review');
    await act(caseId, 'SC-MIA', 'approve');
    await app.services.sync.syncNow();
    const done = await detail(caseId);
    expect(done.deptStatus).toBe('approved');
    expect(partStatuses(done)).toEqual(['HUKOU:approved', 'MEDINS:approved']);
  });
});
