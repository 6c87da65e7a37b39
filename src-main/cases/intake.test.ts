import { afterEach, describe, expect, it } from 'vitest';
import { parseReceiptNumber } from '@common/cases/receipt-number';
import type { CaseDetail } from '@common/cases/case-types';
import type { DecisionView } from '@common/contract';
import type { CommandInput } from '@common/contract';
import { callErr, callOk } from '../testing/call';
import { createUser, initialised, testApp, type TestApp } from '../testing/test-app';
import { marriageByAgent, PNG_BYTES, socialSecurityCardApplication, verifyApplicant } from './testing/intake-fixtures';

let app: TestApp;
afterEach(() => app?.dispose());

async function clerk(a: TestApp): Promise<string> {
  const admin = await initialised(a);
  await createUser(a, admin, 'clerk1', 'clerk');
  const r = await a.call('clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
  if (!r.ok) throw new Error('login failed');
  return 'clerk';
}

/** A draft with the photo attached and the applicant verified (受理 needs both). */
async function draftWithPhoto(a: TestApp, caller: string): Promise<string> {
  const d = await a.call(caller, 'drafts:create', {}, 0);
  if (!d.ok) throw new Error(JSON.stringify(d.error));
  const caseId = (d.value as { caseId: string }).caseId;
  const att = await a.call(
    caller,
    'attachments:add',
    { caseId, materialCode: 'PHOTO', fileName: 'photo.png', dataBase64: PNG_BYTES.toString('base64') },
    0,
  );
  expect(att).toMatchObject({ ok: true, value: { mediaType: 'image/png', size: PNG_BYTES.length } });
  await verifyApplicant(a, caller, caseId);
  return caseId;
}

function counts(a: TestApp) {
  const n = (sql: string) => (a.services.db.prepare(sql).get() as { n: number }).n;
  return {
    cases: n('SELECT count(*) AS n FROM cases'),
    outbox: n('SELECT count(*) AS n FROM outbox'),
    drafts: n('SELECT count(*) AS n FROM drafts'),
  };
}

describe('intake', () => {
  it('accepts a complete 社会保障卡申领 case in one transaction: case, materials, outbox rows, audit entry', async () => {
    app = await testApp();
    const c = await clerk(app);
    const caseId = await draftWithPhoto(app, c);
    const result = await app.call(c, 'intake:accept', { application: socialSecurityCardApplication(caseId) }, 0);
    expect(result.ok).toBe(true);
    const decision = (result as { value: DecisionView }).value;
    expect(decision.outcome).toBe('accepted');
    expect(parseReceiptNumber(decision.documentNo)).toEqual({
      windowCode: '50010112',
      date: '2026-11-30',
      sequence: 1,
    });
    expect(counts(app)).toEqual({ cases: 1, outbox: 2, drafts: 0 });
    const detail = await app.call(c, 'cases:get', { caseId }, 0);
    const d = (detail as { value: CaseDetail }).value;
    expect(d.application.applicant.idNumber).toBe('5001**********0014');
    expect(d.materials.map((m) => [m.code, m.handling])).toContainEqual(['PHOTO', 'electronic']);
    expect(d.departmentName).toBeTruthy();
    // The routing table's code, the one reviewers are added with (`add-reviewer --department …`).
    expect(d.departmentId).toMatch(/^[A-Z]{2}(-[A-Z0-9]+)+$/);
    expect(d.timeline.map((e) => e.action)).toEqual(['identity.verify', 'case.accept']);
    expect(d.catalogueVersion).toBe(app.services.catalogue.version());
    // Accepted cases are immutable: a second acceptance is refused.
    expect(await app.call(c, 'intake:accept', { application: socialSecurityCardApplication(caseId) }, 0)).toMatchObject(
      { ok: false, error: { code: 'case-decided' } },
    );
  });

  it('refuses a wrong ID check digit with the error on the field, saving nothing', async () => {
    app = await testApp();
    const c = await clerk(app);
    const caseId = await draftWithPhoto(app, c);
    const bad = socialSecurityCardApplication(caseId, {
      applicant: {
        name: '张三',
        idType: 'resident-id',
        idNumber: '500101199003070015',
        phone: '13800138000',
        address: '',
      },
    });
    // The form no longer names the person verified (…0014), which blocks acceptance too.
    expect(await app.call(c, 'intake:accept', { application: bad }, 0)).toMatchObject({
      ok: false,
      error: {
        code: 'formal-check-failed',
        details: {
          fields: [
            { path: 'applicant.idNumber', code: 'id-checksum' },
            { path: 'applicant', code: 'number-mismatch' },
          ],
        },
      },
    });
    expect(counts(app)).toEqual({ cases: 0, outbox: 0, drafts: 1 });
  });

  it('takes a passport holder (护照 checked by its own rule in main) and refuses a malformed passport number', async () => {
    app = await testApp();
    const c = await clerk(app);
    const caseId = await draftWithPhoto(app, c);
    const holder = { name: 'John Smith', idType: 'foreign-passport', idNumber: 'l898902c3' };
    // A passport encodes no birth date: the clerk types it (and the expiry) from the data page.
    const verified = await callOk(app, c, 'identity:verify', {
      caseId,
      role: 'applicant',
      method: 'manual',
      manualReason: '护照：窗口人工核验资料页',
      person: { ...holder, idType: 'foreign-passport' },
      confirmedMatch: true,
      birthDate: '1985-04-02',
      validTo: '2031-05-01',
    });
    expect(verified).toMatchObject({ result: 'pass' });
    const withPassport = (idType: string, idNumber: string) =>
      socialSecurityCardApplication(caseId, {
        applicant: { ...holder, idType, idNumber, phone: '13800138000', address: '' } as never,
      });
    // A Chinese passport's pattern is not a foreign one's: main re-checks whatever the form claims.
    const refused = await callErr(app, c, 'intake:accept', { application: withPassport('cn-passport', 'E1234567') });
    expect(refused.code).toBe('formal-check-failed');
    // …and the form no longer names the document verified (a foreign passport), which blocks it too.
    expect((refused.details as { fields: unknown[] }).fields).toEqual([
      { path: 'applicant.idNumber', code: 'passport-cn-format' },
      { path: 'applicant', code: 'document-type-mismatch' },
      { path: 'applicant', code: 'number-mismatch' },
    ]);
    expect(counts(app)).toEqual({ cases: 0, outbox: 0, drafts: 1 });
    const accepted = await app.call(
      c,
      'intake:accept',
      { application: withPassport('foreign-passport', 'L898902C3') },
      0,
    );
    expect(accepted).toMatchObject({ ok: true, value: { outcome: 'accepted' } });
    const d = await callOk(app, c, 'cases:get', { caseId });
    expect(d.application.applicant.idType).toBe('foreign-passport');
  });

  it('lists every missing material at once and keeps the case as 待补齐, which can be completed later', async () => {
    app = await testApp();
    const c = await clerk(app);
    const { caseId } = await callOk(app, c, 'drafts:create', {});
    await verifyApplicant(app, c, caseId);
    const partial = socialSecurityCardApplication(caseId, {
      materials: [{ code: 'ID-DOC', handling: 'seen-returned', pages: 1 }],
    });
    expect(await app.call(c, 'intake:accept', { application: partial }, 0)).toMatchObject({
      ok: false,
      error: { code: 'materials-missing' },
    });
    const notice = await app.call(c, 'intake:notifyIncomplete', { application: partial }, 0);
    expect(notice.ok).toBe(true);
    const decision = (notice as { value: DecisionView }).value;
    expect(decision.missing.map((m) => m.code).sort()).toEqual(['APPLY-FORM', 'PHOTO']);
    expect(counts(app)).toEqual({ cases: 1, outbox: 0, drafts: 0 });

    app.clock.advanceMinutes(5);
    expect(await app.call(c, 'drafts:resume', { caseId }, 0)).toMatchObject({ ok: true, value: { caseId } });
    await app.call(
      c,
      'attachments:add',
      { caseId, materialCode: 'PHOTO', fileName: 'p.png', dataBase64: PNG_BYTES.toString('base64') },
      0,
    );
    // The applicant comes back another time: the first visit's verification no longer counts.
    expect(await app.call(c, 'intake:accept', { application: socialSecurityCardApplication(caseId) }, 0)).toMatchObject(
      {
        ok: false,
        error: {
          code: 'formal-check-failed',
          details: { fields: [{ path: 'applicant', code: 'identity-not-verified' }] },
        },
      },
    );
    await verifyApplicant(app, c, caseId);
    const accepted = await app.call(c, 'intake:accept', { application: socialSecurityCardApplication(caseId) }, 0);
    expect(accepted).toMatchObject({ ok: true, value: { outcome: 'accepted' } });
    const detail = { value: await callOk(app, c, 'cases:get', { caseId }) };
    expect(detail.value.noticeNo).toBe(decision.documentNo);
    expect(detail.value.timeline.map((e) => e.action)).toEqual([
      'identity.verify',
      'case.notify-incomplete',
      'identity.verify',
      'case.accept',
    ]);
  });

  it('婚姻登记 is 仅指引: no 收件 and no 补正, it ends only in a 不予收件告知书', async () => {
    app = await testApp();
    const c = await clerk(app);
    const { caseId } = await callOk(app, c, 'drafts:create', {});
    for (const command of ['intake:accept', 'intake:notifyIncomplete']) {
      const result = await app.call(c, command, { application: marriageByAgent(caseId) }, 0);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'guidance-only', details: { fields: [{ path: 'matterCode', code: 'guidance-only' }] } },
      });
    }
    expect(await app.call(c, 'cases:list', {}, 0)).toMatchObject({ ok: true, value: { total: 0 } });
    const r = await app.call(
      c,
      'intake:reject',
      { application: marriageByAgent(caseId), reason: '婚姻登记须当事人双方亲自到婚姻登记机关办理' },
      0,
    );
    expect(r).toMatchObject({ ok: true, value: { outcome: 'rejected' } });
  });

  it('不予受理 needs a reason and is numbered and audited', async () => {
    app = await testApp();
    const c = await clerk(app);
    const { caseId } = await callOk(app, c, 'drafts:create', {});
    const application = socialSecurityCardApplication(caseId, { materials: [] });
    expect(await app.call(c, 'intake:reject', { application, reason: '' }, 0)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    const r = await app.call(c, 'intake:reject', { application, reason: '不属于本窗口受理范围' }, 0);
    expect(r).toMatchObject({ ok: true, value: { outcome: 'rejected' } });
  });

  it('numbers documents gap-free per day and window, and starts again the next day', async () => {
    app = await testApp();
    const c = await clerk(app);
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const caseId = await draftWithPhoto(app, c);
      const r = (await app.call(c, 'intake:accept', { application: socialSecurityCardApplication(caseId) }, 0)) as {
        value: DecisionView;
      };
      numbers.push(r.value.documentNo);
    }
    expect(numbers.map((n) => parseReceiptNumber(n)?.sequence)).toEqual([1, 2, 3]);
    app.clock.advanceMinutes(24 * 60);
    await app.call(c, 'auth:unlock', { password: 'Passw0rd!' }, 0);
    const caseId = await draftWithPhoto(app, c);
    const next = (await app.call(c, 'intake:accept', { application: socialSecurityCardApplication(caseId) }, 0)) as {
      value: DecisionView;
    };
    expect(parseReceiptNumber(next.value.documentNo)).toMatchObject({ date: '2026-12-01', sequence: 1 });
  });

  it("lists today's cases and finds them by ID number, receipt number, their last digits, name prefix and phone", async () => {
    app = await testApp();
    const c = await clerk(app);
    const caseId = await draftWithPhoto(app, c);
    const r = (await app.call(c, 'intake:accept', { application: socialSecurityCardApplication(caseId) }, 0)) as {
      value: DecisionView;
    };
    const list = async (input: CommandInput<'cases:list'>) => callOk(app, c, 'cases:list', input);
    expect((await list({})).rows.map((x) => x.caseId)).toEqual([caseId]);
    expect((await list({})).rows[0]).toMatchObject({
      applicantIdMasked: '5001**********0014',
      applicantPhoneMasked: '138****8000',
    });
    expect(await list({ q: '500101199003070014' })).toMatchObject({ searchKind: 'id-number', total: 1 });
    expect(await list({ q: r.value.documentNo.toLowerCase() })).toMatchObject({ searchKind: 'receipt-no', total: 1 });
    expect(await list({ q: '张' })).toMatchObject({ searchKind: 'name-prefix', total: 1 });
    expect(await list({ q: '138 0013 8000' })).toMatchObject({ searchKind: 'phone', total: 1 });
    // The last digits of the receipt number (with or without its check character) or of the ID number.
    const receiptTail = r.value.documentNo.replace(/-/g, '').slice(-5);
    expect(await list({ q: receiptTail })).toMatchObject({ searchKind: 'number-tail', total: 1 });
    expect(await list({ q: receiptTail.slice(0, 4) })).toMatchObject({ searchKind: 'number-tail', total: 1 });
    expect(await list({ q: '070014' })).toMatchObject({ searchKind: 'number-tail', total: 1 });
    expect(await list({ q: '070015' })).toMatchObject({ searchKind: 'number-tail', total: 0 });
    expect(await list({ q: '李' })).toMatchObject({ total: 0 });
    expect(await list({ date: '2026-11-29' })).toMatchObject({ total: 0 });
  });

  it('checks scanned files by content and size', async () => {
    app = await testApp();
    const c = await clerk(app);
    const { caseId } = await callOk(app, c, 'drafts:create', {});
    const fake = Buffer.from('MZ this is an exe renamed to .png');
    expect(
      await app.call(
        c,
        'attachments:add',
        { caseId, materialCode: 'PHOTO', fileName: 'photo.png', dataBase64: fake.toString('base64') },
        0,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'unsupported-file' },
    });
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0xff);
    big.set([0xff, 0xd8, 0xff]);
    expect(
      await app.call(
        c,
        'attachments:add',
        { caseId, materialCode: 'PHOTO', fileName: 'big.jpg', dataBase64: big.toString('base64') },
        0,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'unsupported-file' },
    });
  });

  it('keeps drafts across a restart of the app', async () => {
    app = await testApp();
    const c = await clerk(app);
    const { caseId } = await callOk(app, c, 'drafts:create', {});
    await app.call(
      c,
      'drafts:save',
      { caseId, matterCode: 'CQ-KSTB-0001', situationCode: 'FIRST', data: { step: 2, applicant: { name: '张三' } } },
      0,
    );
    const dataDir = app.dataDir;
    app.close();
    const again = await testApp({ dataDir });
    await again.call('clerk2', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
    expect(await again.call('clerk2', 'drafts:get', { caseId }, 0)).toMatchObject({
      ok: true,
      value: { matterCode: 'CQ-KSTB-0001', data: { step: 2, applicant: { name: '张三' } } },
    });
    again.close();
    app = { ...again, dispose: () => undefined } as TestApp;
  });

  it('a township helper sees only their own cases', async () => {
    app = await testApp();
    const c = await clerk(app);
    const caseId = await draftWithPhoto(app, c);
    await app.call(c, 'intake:accept', { application: socialSecurityCardApplication(caseId) }, 0);
    await createUser(app, 'test:admin', 'helper1', 'helper');
    await app.call('helper', 'auth:login', { username: 'helper1', password: 'Passw0rd!' }, 0);
    expect(await app.call('helper', 'cases:list', {}, 0)).toMatchObject({ ok: true, value: { total: 0 } });
    expect(await app.call('helper', 'cases:get', { caseId }, 0)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});
