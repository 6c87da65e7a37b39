import { afterEach, describe, expect, it } from 'vitest';
import type { PoolImportReport, WaybillAssignResult, WaybillPoolStatus, WaybillView } from '@common/printing/waybill';
import { acceptedCase, configure, incompleteCase, ok, printingApp, type PrintingTestApp } from './testing/fixtures';

let t: PrintingTestApp;
afterEach(async () => t?.dispose());

const POOL_FILE = [
  '# EMS 单号池 2026-11',
  'EA000000005CN',
  '',
  'EZ123456785GB',
  'EE000000000CN',
  'ABC123',
  'EA000000005CN',
  '1234567890123',
  ' ee123456785cn ',
  'LK123456785CN',
].join('\r\n');
const LOCALITY = {
  name: '王小明',
  phone: '028-86123456',
  address: '四川省成都市锦江区红星路二段70号',
  organization: '四川省人力资源和社会保障厅',
  divisionCode: '510104',
};
const assignInput = (caseId: string, extra: Record<string, unknown> = {}) => ({
  caseId,
  direction: 'materials-to-locality',
  recipient: LOCALITY,
  contents: 'official-documents',
  weightGrams: 300,
  payment: 'government-paid',
  ...extra,
});

describe('EMS waybill pool', () => {
  it('imports the valid numbers and reports every invalid line with its number', async () => {
    t = await printingApp();
    await configure(t, { lowWatermark: 3 });
    const report = await ok<PoolImportReport>(t.app, t.admin, 'waybills:importPool', { text: POOL_FILE });
    expect(report).toEqual({
      imported: 4,
      alreadyInPool: 0,
      invalid: [
        { line: 5, text: 'EE000000000CN', code: 'ems-checksum' },
        { line: 6, text: 'ABC123', code: 'ems-format' },
        { line: 7, text: 'EA000000005CN', code: 'duplicate-in-file' },
        // A valid S10 number of another China Post service (letter post express), not EMS.
        { line: 10, text: 'LK123456785CN', code: 'ems-service' },
      ],
      pool: { available: 4, lowWatermark: 3, low: false },
    });
    const again = await ok<PoolImportReport>(t.app, t.admin, 'waybills:importPool', { text: 'EA000000005CN\n' });
    expect(again).toMatchObject({ imported: 0, alreadyInPool: 1, invalid: [] });
    expect(await t.app.call(t.clerk, 'waybills:importPool', { text: 'EA000000005CN' }, 20)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('hands out pool numbers oldest first, warns when low, and refuses when empty', async () => {
    t = await printingApp();
    await configure(t, { lowWatermark: 1 });
    const { caseId } = await acceptedCase(t.app, t.clerk);
    expect(await t.app.call(t.clerk, 'waybills:assign', assignInput(caseId), 0)).toMatchObject({
      ok: false,
      error: { code: 'waybill-pool-empty' },
    });
    await ok(t.app, t.admin, 'waybills:importPool', { text: 'EZ123456785GB\nEA000000005CN' });
    const first = await ok<WaybillAssignResult>(t.app, t.clerk, 'waybills:assign', assignInput(caseId));
    expect(first.waybill).toMatchObject({
      waybillNo: 'EA000000005CN',
      numberSource: 'pool',
      state: 'sent',
      recipient: { name: '王小明', phoneMasked: '028-****3456' },
    });
    expect(first.pool).toEqual({ available: 1, lowWatermark: 1, low: true });
    const second = await ok<WaybillAssignResult>(t.app, t.clerk, 'waybills:assign', assignInput(caseId));
    expect(second.waybill.waybillNo).toBe('EZ123456785GB');
    expect(await ok<WaybillPoolStatus>(t.app, t.clerk, 'waybills:pool', {})).toEqual({
      available: 0,
      lowWatermark: 1,
      low: true,
    });
    expect(await t.app.call(t.clerk, 'waybills:assign', assignInput(caseId), 0)).toMatchObject({
      ok: false,
      error: { code: 'waybill-pool-empty' },
    });
    const audit = await ok<{ action: string }[]>(t.app, t.admin, 'audit:list', { target: `case:${caseId}` });
    expect(audit.filter((a) => a.action === 'waybill.assign')).toHaveLength(2);
  });

  it('checks a scanned pre-printed number (S10 check digit or 13 digits) and never reuses one', async () => {
    t = await printingApp();
    await configure(t, {});
    const { caseId } = await acceptedCase(t.app, t.clerk);
    expect(
      await t.app.call(t.clerk, 'waybills:assign', assignInput(caseId, { manualNumber: 'RB123456786US' }), 0),
    ).toMatchObject({
      ok: false,
      error: { code: 'waybill-invalid', details: { fields: [{ path: 'manualNumber', code: 'ems-checksum' }] } },
    });
    expect(
      await t.app.call(t.clerk, 'waybills:assign', assignInput(caseId, { manualNumber: 'LK123456785CN' }), 0),
    ).toMatchObject({
      ok: false,
      error: { code: 'waybill-invalid', details: { fields: [{ path: 'manualNumber', code: 'ems-service' }] } },
    });
    expect(
      await t.app.call(t.clerk, 'waybills:assign', assignInput(caseId, { manualNumber: '12345' }), 0),
    ).toMatchObject({ ok: false, error: { code: 'waybill-invalid' } });
    const manual = await ok<WaybillAssignResult>(
      t.app,
      t.clerk,
      'waybills:assign',
      assignInput(caseId, { manualNumber: 'ea 000000005 cn' }),
    );
    expect(manual.waybill).toMatchObject({ waybillNo: 'EA000000005CN', numberSource: 'manual' });
    expect(
      await t.app.call(t.clerk, 'waybills:assign', assignInput(caseId, { manualNumber: 'EA000000005CN' }), 0),
    ).toMatchObject({ ok: false, error: { code: 'waybill-taken' } });
    // A number already recorded against a case is refused when it shows up in a pool file.
    expect(await ok<PoolImportReport>(t.app, t.admin, 'waybills:importPool', { text: 'EA000000005CN' })).toMatchObject({
      imported: 0,
      invalid: [{ line: 1, code: 'already-recorded' }],
    });
  });

  it('defaults the result waybill to the applicant, masked in the view, and records 签收', async () => {
    t = await printingApp();
    await configure(t, {});
    const { caseId } = await acceptedCase(t.app, t.clerk, {
      delivery: 'ems',
      deliveryAddress: '重庆市万州区白岩路1号',
    });
    const r = await ok<WaybillAssignResult>(t.app, t.clerk, 'waybills:assign', {
      caseId,
      direction: 'result-to-applicant',
      contents: 'certificates',
      weightGrams: 80,
      payment: 'recipient-pays',
      manualNumber: '1234567890123',
    });
    expect(r.waybill).toMatchObject({
      recipient: { name: '张三', phoneMasked: '138****8000', address: '重庆市万州区白岩路1号' },
      sender: { name: '万州区政务服务中心', phone: '023-58221234', address: '重庆市万州区北山大道1000号' },
    });
    expect(JSON.stringify(r)).not.toContain('13800138000');
    const signed = await ok<WaybillView>(t.app, t.clerk, 'waybills:setState', {
      waybillNo: '1234567890123',
      state: 'signed',
    });
    expect(signed).toMatchObject({ state: 'signed', signedAt: '2026-11-30T02:00:00.000Z' });
    expect(
      await t.app.call(t.clerk, 'waybills:setState', { waybillNo: '1234567890123', state: 'sent' }, 0),
    ).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'already-signed' } } });
    expect(await ok<WaybillView[]>(t.app, t.clerk, 'waybills:list', { caseId })).toHaveLength(1);
    const audit = await ok<{ action: string; details: Record<string, unknown> }[]>(t.app, t.admin, 'audit:list', {
      action: 'waybill.state',
    });
    expect(audit[0]?.details).toMatchObject({ waybillNo: '1234567890123', from: 'sent', to: 'signed' });
  });

  it('needs a recipient for the locality, a sender profile, and an accepted case', async () => {
    t = await printingApp();
    const { caseId } = await acceptedCase(t.app, t.clerk);
    expect(
      await t.app.call(t.clerk, 'waybills:assign', assignInput(caseId, { manualNumber: 'EA000000005CN' }), 0),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', details: { fields: [{ path: 'sender', code: 'sender-profile-missing' }] } },
    });
    await configure(t, {});
    const { recipient: _omit, ...noRecipient } = assignInput(caseId, { manualNumber: 'EA000000005CN' });
    expect(await t.app.call(t.clerk, 'waybills:assign', noRecipient, 0)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', details: { fields: [{ path: 'recipient' }] } },
    });
    expect(
      await t.app.call(
        t.clerk,
        'waybills:assign',
        assignInput(caseId, { manualNumber: 'EA000000005CN', recipient: { ...LOCALITY, phone: '12' } }),
        0,
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', details: { fields: [{ path: 'recipient.phone' }] } },
    });
    const incomplete = await incompleteCase(t.app, t.clerk);
    expect(
      await t.app.call(
        t.clerk,
        'waybills:assign',
        assignInput(incomplete.caseId, { manualNumber: 'EA000000005CN' }),
        0,
      ),
    ).toMatchObject({ ok: false, error: { code: 'document-not-applicable' } });
  });
});
