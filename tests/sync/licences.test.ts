// 调取电子证照 on real parts: a window app on a real SQLite file, the gateway on a real PostgreSQL with the
// fixture licences loaded by the loader. A 户口迁移 case whose 居民户口簿 is satisfied by a looked-up licence is
// accepted without the original, pushed with the licence in its manifest, and its receipt and 材料流转单 (PDF,
// pdftotext) say 免提交原件. The holders are the card-verified applicant and the persons the form names; a
// licence the renderer invents is refused; offline and a refused lookup keep the paper path; all audited.
import { maskIdNumber } from '@tongban/protocol/validators';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationInput } from '@tongban/protocol/cases/application';
import { caseManifestSchema } from '@tongban/protocol/sync/manifest';
import { recordLicence, type LicenceLookupView } from '@common/licences';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { LICENCE_FIXTURE_FILE } from '../../gateway/src/licences/fixture-file';
import { importLicences, parseLicenceFile } from '../../gateway/src/licences/loader';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { verifyApplicant, ZHANG_SAN } from '../../src-main/cases/testing/intake-fixtures';
import { configure } from '../../src-main/printing/testing/fixtures';
import { pdfText, pdfToPngs } from '../../src-main/printing/testing/pdf-tools';
import { createUser, initialised, testApp, type TestApp } from '../../src-main/testing/test-app';

let gw: TestGateway;
let app: TestApp;
let admin: string;
const CLERK = 'clerk';
const LISI = '500228198512310021';

beforeAll(async () => {
  gw = await startTestGateway();
  const parsed = parseLicenceFile(readFileSync(LICENCE_FIXTURE_FILE, 'utf8'));
  if (!parsed.ok) throw new Error('fixtures');
  await importLicences(gw.pool, parsed.records);
  app = await testApp();
  admin = await initialised(app);
  await createUser(app, admin, 'clerk1', 'clerk');
  await app.call(CLERK, 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
  const { code } = await issueEnrolmentCode(gw.pool, '50010112', '500101', 1);
  expect(await app.call(admin, 'sync:configure', { gatewayUrl: gw.url, code }, 0)).toMatchObject({ ok: true });
  await configure({ app, admin, clerk: CLERK, dispose: async () => undefined }, { printers: { a4: 'pdf' } });
}, 120_000);

afterAll(async () => {
  await app?.services.sync.engine.stop();
  await app?.services.printing.close();
  app?.dispose();
  await gw?.close();
});

/** 户口迁移 / 投靠配偶: 张三 moves to his spouse 李四; every material on paper unless `materials` says otherwise. */
function migration(caseId: string, materials: ApplicationInput['materials'] = []): ApplicationInput {
  const paper = ['ID-DOC', 'HUKOU-BOOK', 'APPLY-FORM', 'HOST-HUKOU', 'MARRIAGE-CERT'].map((code) => ({
    code,
    handling: code === 'ID-DOC' ? ('seen-returned' as const) : ('kept-to-mail' as const),
    pages: 1,
  }));
  return {
    caseId,
    matterCode: 'CQ-KSTB-0005',
    situationCode: 'SPOUSE',
    localityDivision: '510104',
    mode: 'self',
    applicant: { ...ZHANG_SAN, phone: '13800138000', address: '重庆市万州区白岩路1号' },
    agent: null,
    form: {
      moveInDivision: '510104',
      moveInAddress: '四川省成都市锦江区红星路二段1号',
      moveOutDivision: '500101',
      migrantName: '张三',
      migrantIdNumber: ZHANG_SAN.idNumber,
      relationToApplicant: '本人',
      spouseName: '李四',
      spouseIdNumber: LISI,
    },
    materials: paper.map((p) => materials.find((m) => m.code === p.code) ?? p),
    delivery: 'window',
    deliveryAddress: '',
  };
}

const call = async <T>(name: string, input: unknown): Promise<T> => {
  const r = await app.call(CLERK, name, input, 0);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as T;
};
const draft = async () => (await call<{ caseId: string }>('drafts:create', {})).caseId;
const auditOf = (caseId: string, action: string) =>
  app.services.db
    .prepare<[string, string], { details: string }>('SELECT details FROM audit_log WHERE target = ? AND action = ?')
    .all(`case:${caseId}`, action)
    .map((r) => JSON.parse(r.details) as Record<string, unknown>);

describe('调取电子证照 at the window', () => {
  it('files 户口迁移 with the 居民户口簿 from a looked-up licence: no original, pushed, 免提交原件 on the documents', async () => {
    const caseId = await draft();
    const lookup = (materialCode: string) =>
      app.call(CLERK, 'licences:lookup', { application: migration(caseId), materialCode }, 0);
    // Only for an applicant the window verified.
    expect(await lookup('HUKOU-BOOK')).toMatchObject({ ok: false, error: { code: 'licence-applicant-unverified' } });
    await verifyApplicant(app, CLERK, caseId);
    const own = await call<LicenceLookupView>('licences:lookup', {
      application: migration(caseId),
      materialCode: 'HUKOU-BOOK',
    });
    // 张三's current book (usable), his old revoked one (listed, not usable), and the spouse's named in the form.
    expect(own.licences.map((l) => [l.number, l.holderRole, l.usable])).toEqual([
      ['500101-2011-0038271', 'applicant', true],
      ['500101-2004-0012093', 'applicant', false],
      ['500228-2009-0107735', 'subject', true],
    ]);
    expect((await lookup('APPLY-FORM')) as unknown).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', details: { fields: [{ code: 'licence-not-offered' }] } },
    });
    const chosen = recordLicence(own, own.licences[0]!);
    const application = migration(caseId, [{ code: 'HUKOU-BOOK', handling: 'e-licence', pages: 0 }]);

    // Without its licence, and with one the window never looked up, 收件 is refused.
    const missing = await app.call(CLERK, 'intake:accept', { application }, 0);
    expect(missing).toMatchObject({
      ok: false,
      error: { details: { fields: [{ path: 'materials.HUKOU-BOOK', code: 'licence-missing' }] } },
    });
    const invented = await app.call(
      CLERK,
      'intake:accept',
      { application: { ...application, licences: [{ ...chosen, number: '500101-2011-9999999' }] } },
      0,
    );
    expect(invented).toMatchObject({
      ok: false,
      error: {
        code: 'formal-check-failed',
        details: { fields: [{ path: 'materials.HUKOU-BOOK', code: 'licence-not-looked-up' }] },
      },
    });

    const accepted = await call<{ documentNo: string }>('intake:accept', {
      application: { ...application, licences: [chosen] },
    });
    const trail = auditOf(caseId, 'licence.lookup');
    expect(trail.map((d) => d.outcome)).toEqual(['answered']);
    expect(trail[0]).toMatchObject({
      purpose: 'case-intake',
      materialCode: 'HUKOU-BOOK',
      holderRoles: ['applicant', 'subject'],
    });
    expect(JSON.stringify(trail)).not.toContain(ZHANG_SAN.idNumber);

    // The case reaches the gateway with the licence in its manifest (the department can check its hash).
    await app.services.sync.syncNow();
    const { rows } = await gw.pool.query<{ manifest: unknown }>('SELECT manifest FROM cases WHERE case_id = $1', [
      caseId,
    ]);
    const manifest = caseManifestSchema.parse(rows[0]?.manifest);
    expect(manifest.licences).toEqual([chosen]);
    expect(manifest.materials.find((m) => m.code === 'HUKOU-BOOK')?.handling).toBe('e-licence');
    // The department gets the form whole; the window's case drawer masks the other people's ID numbers in it.
    expect(manifest.form).toMatchObject({ spouseIdNumber: LISI, migrantIdNumber: ZHANG_SAN.idNumber });
    const detail = await call<{ application: { form: Record<string, string> } }>('cases:get', { caseId });
    expect(detail.application.form).toMatchObject({
      spouseIdNumber: maskIdNumber(LISI),
      migrantIdNumber: maskIdNumber(ZHANG_SAN.idNumber),
      spouseName: '李四',
      moveInDivision: '510104',
    });
    const gatewayTrail = await gw.pool.query<{ target: string }>(
      "SELECT target FROM gateway_audit WHERE action = 'licence.lookup' ORDER BY id",
    );
    expect(gatewayTrail.rows.map((r) => r.target)).toContain(`case:${caseId}`);

    // The receipt and the 材料流转单 say the 居民户口簿 needs no original.
    const dir = mkdtempSync(join(tmpdir(), 'licence-docs-'));
    for (const [kind, format] of [
      ['acceptance-receipt', 'a4'],
      ['material-transfer', 'a4'],
    ] as const) {
      const preview = await call<{ pdfBase64: string }>('print:preview', { caseId, kind, format, as: 'pdf' });
      const file = join(dir, `${kind}.pdf`);
      writeFileSync(file, Buffer.from(preview.pdfBase64, 'base64'));
      const text = pdfText(file).replace(/\s+/g, '');
      expect(text, kind).toContain('免提交原件');
      expect(text, kind).toContain('迁移人居民户口簿');
      expect(text, kind).toContain(accepted.documentNo);
      pdfToPngs(file, `licence-${kind}`, 60);
    }
  }, 90_000);

  it('offline: says so, nothing recorded, the paper path stays; audited with the case', async () => {
    const caseId = await draft();
    await verifyApplicant(app, CLERK, caseId);
    const device = app.services.sync.repo.device()!;
    app.services.sync.repo.saveDevice({ ...device, gatewayUrl: 'http://127.0.0.1:9' });
    try {
      const r = await app.call(
        CLERK,
        'licences:lookup',
        { application: migration(caseId), materialCode: 'HUKOU-BOOK' },
        0,
      );
      expect(r).toMatchObject({ ok: false, error: { code: 'licence-offline' } });
    } finally {
      app.services.sync.repo.saveDevice(device);
    }
    expect(auditOf(caseId, 'licence.lookup').map((d) => d.outcome)).toEqual(['offline']);
    // The same material on paper is accepted as before.
    await call('intake:accept', { application: migration(caseId) });
  }, 60_000);
});
