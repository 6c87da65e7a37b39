import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPlaceholderUrl, type ReadinessKey } from '@common/readiness';
import { RATING_URL_PLACEHOLDER } from '@common/printing/print-settings';
import { callErr, callOk } from '../testing/call';
import {
  acceptedCase,
  configure,
  printingApp,
  TEST_RATING_URL,
  type PrintingTestApp,
} from '../printing/testing/fixtures';

let t: PrintingTestApp;
let training = false;
let caseId = '';

beforeAll(async () => {
  t = await printingApp({ isTrainingMode: () => training });
  ({ caseId } = await acceptedCase(t.app, t.clerk));
}, 120_000);
afterAll(async () => t?.dispose());

const notOk = (items: { key: ReadinessKey; ok: boolean }[]) => items.filter((i) => !i.ok).map((i) => i.key);

describe('上线检查 and placeholder addresses', () => {
  it('recognises placeholder hosts, not real ones', () => {
    expect(isPlaceholderUrl(RATING_URL_PLACEHOLDER)).toBe(true);
    expect(isPlaceholderUrl('https://www.example.com/rate')).toBe(true);
    expect(isPlaceholderUrl('https://hcp.test/rate')).toBe(true);
    expect(isPlaceholderUrl('not a url')).toBe(true);
    expect(isPlaceholderUrl(TEST_RATING_URL)).toBe(false);
    expect(isPlaceholderUrl('https://zwfw.cq.gov.cn/hcp?doc={documentNo}')).toBe(false);
  });

  it('a fresh window lists every placeholder and device not set up; only administrators may ask', async () => {
    const { items, training: inTraining } = await callOk(t.app, t.admin, 'settings:readiness', {});
    expect(inTraining).toBe(false);
    expect(notOk(items)).toEqual([
      'rating-url',
      'seal',
      'sender-address',
      'gateway',
      'reader',
      'thermal-printer',
      'a4-printer',
      'label-printer',
      'camera',
      'waybill-pool',
      'seal-certificate',
    ]);
    expect(await callErr(t.app, t.clerk, 'settings:readiness', {})).toMatchObject({ code: 'forbidden' });
  });

  it('the placeholder 好差评 code is refused in print, shown on screen, printed in 培训模式', async () => {
    const request = { caseId, kind: 'acceptance-receipt', format: 'a4' } as const;
    expect(await callErr(t.app, t.clerk, 'print:document', request)).toMatchObject({
      code: 'placeholder-not-printable',
      details: { reason: 'rating-url' },
    });
    expect(await callErr(t.app, t.clerk, 'print:preview', { ...request, as: 'pdf' })).toMatchObject({
      code: 'placeholder-not-printable',
    });
    expect(await callOk(t.app, t.clerk, 'print:preview', { ...request, as: 'html' })).toMatchObject({ as: 'html' });
    // Nothing was counted as printed by the refusals.
    expect(await callOk(t.app, t.clerk, 'print:log', { caseId, limit: 10 })).toEqual([]);

    training = true;
    expect(await callOk(t.app, t.clerk, 'print:document', request)).toMatchObject({ output: 'pdf', copy: 1 });
    training = false;
  });

  it('once the hall is configured, those items are ticked and documents print', async () => {
    await configure(t, { printers: { a4: 'pdf', label: 'pdf' } });
    await callOk(t.app, t.admin, 'settings:updateCamera', { deviceId: 'cam-1', label: '高拍仪' });
    const { items } = await callOk(t.app, t.admin, 'settings:readiness', {});
    const open = notOk(items);
    for (const key of ['rating-url', 'sender-address', 'camera'] as const) expect(open).not.toContain(key);
    expect(open).toContain('gateway');
    expect(items.find((i) => i.key === 'gateway')).toMatchObject({ severity: 'block', tab: 'sync' });
    expect(
      await callOk(t.app, t.clerk, 'print:document', { caseId, kind: 'acceptance-receipt', format: 'a4' }),
    ).toMatchObject({ output: 'pdf', copy: 2 });
  });

  it('扫码核验 address: validated, a placeholder refused outside 培训模式 and listed, audited, null = the gateway', async () => {
    expect(await callOk(t.app, t.admin, 'sync:getVerifyBase', {})).toEqual({
      baseUrl: null,
      effective: null,
      placeholder: false,
    });
    for (const baseUrl of ['ftp://verify.cq.gov.cn', 'https://verify.cq.gov.cn/?a=1', 'verify.cq.gov.cn'])
      expect(await callErr(t.app, t.admin, 'sync:setVerifyBase', { baseUrl })).toMatchObject({
        code: 'invalid-input',
      });
    expect(
      await callErr(t.app, t.admin, 'sync:setVerifyBase', { baseUrl: 'https://verify.example.com' }),
    ).toMatchObject({
      code: 'invalid-input',
      details: { fields: [{ path: 'baseUrl', code: 'verify-url-placeholder' }] },
    });
    expect(await callErr(t.app, t.clerk, 'sync:setVerifyBase', { baseUrl: null })).toMatchObject({
      code: 'forbidden',
    });
    training = true;
    expect(await callOk(t.app, t.admin, 'sync:setVerifyBase', { baseUrl: 'https://verify.example.com/' })).toEqual({
      baseUrl: 'https://verify.example.com',
      effective: 'https://verify.example.com',
      placeholder: true,
    });
    training = false;
    expect(notOk((await callOk(t.app, t.admin, 'settings:readiness', {})).items)).toContain('verify-url');
    const real = 'https://zwfw.cq.gov.cn/tongban';
    expect(await callOk(t.app, t.admin, 'sync:setVerifyBase', { baseUrl: real })).toMatchObject({ effective: real });
    expect(notOk((await callOk(t.app, t.admin, 'settings:readiness', {})).items)).not.toContain('verify-url');
    const trail = await callOk(t.app, t.admin, 'audit:list', { action: 'settings.verify-base' });
    expect(trail[0]).toMatchObject({ details: { before: 'https://verify.example.com', after: real } });
    expect(await callOk(t.app, t.admin, 'sync:setVerifyBase', { baseUrl: null })).toMatchObject({ baseUrl: null });
  });
});
