// A company files 建筑工程施工许可证核发 (住建, 行政许可): unit name, USCC checked (GB 32100-2015), 法定代表人,
// and the 经办人 as the person verified at the window with the 单位授权委托书 among the materials.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '@tongban/protocol/cases/application';
import { createUser, initialised, testApp, type TestApp } from '../testing/test-app';
import { socialSecurityCardApplication, verifyApplicant } from './testing/intake-fixtures';

let app: TestApp;
afterEach(() => app?.dispose());

async function clerk(a: TestApp): Promise<string> {
  const admin = await initialised(a);
  await createUser(a, admin, 'clerk1', 'clerk');
  const r = await a.call('clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
  if (!r.ok) throw new Error('login failed');
  return 'clerk';
}

function constructionPermit(caseId: string, creditCode: string): ApplicationInput {
  return {
    ...socialSecurityCardApplication(caseId),
    matterCode: 'CQ-KSTB-0040',
    situationCode: 'ISSUE',
    // The 经办人, verified at the window; the company is in the form.
    applicant: {
      name: '张三',
      idType: 'resident-id',
      idNumber: '500101199003070014',
      phone: '13800138000',
      address: '重庆市万州区白岩路1号',
    },
    form: {
      unitName: '重庆某某建设有限公司',
      unitCreditCode: creditCode,
      legalRepresentative: '王五',
      projectDivision: '510104',
      projectName: '锦江区某住宅小区一期',
    },
    materials: [
      { code: 'UNIT-LICENCE', handling: 'seen-returned', pages: 1 },
      { code: 'APPLICATION', handling: 'kept-to-mail', pages: 3 },
      { code: 'LAND', handling: 'kept-to-mail', pages: 2 },
      { code: 'CONTRACT', handling: 'kept-to-mail', pages: 10 },
      { code: 'FUNDS', handling: 'kept-to-mail', pages: 1 },
      { code: 'UNIT-AUTH', handling: 'kept-to-mail', pages: 1 },
      { code: 'AGENT-ID', handling: 'seen-returned', pages: 1 },
    ],
  };
}

describe('organisation applicants', () => {
  it('files 施工许可 with a valid USCC and a verified 经办人; refuses a wrong check digit', async () => {
    app = await testApp();
    const c = await clerk(app);
    const d = await app.call(c, 'drafts:create', {}, 0);
    const caseId = (d as { value: { caseId: string } }).value.caseId;
    await verifyApplicant(app, c, caseId);

    const wrong = await app.call(
      c,
      'intake:accept',
      { application: constructionPermit(caseId, '91110000600037341N') },
      0,
    );
    expect(wrong).toMatchObject({ ok: false, error: { code: 'formal-check-failed' } });
    expect(!wrong.ok && wrong.error.details?.fields).toContainEqual(
      expect.objectContaining({ path: 'form.unitCreditCode' }),
    );

    const ok = await app.call(c, 'intake:accept', { application: constructionPermit(caseId, '91110000600037341L') }, 0);
    expect(ok, JSON.stringify(ok)).toMatchObject({ ok: true, value: { outcome: 'accepted' } });
  });
});
