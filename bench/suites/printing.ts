// Printing figures: building a receipt's ESC/POS bytes, a whole print to a network printer,
// and Chromium rendering an A4 notice and a waybill label to PDF (the browser-host path).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src-main/app/app';
import {
  PNG_BYTES,
  socialSecurityCardApplication,
  verifyApplicant,
} from '../../src-main/cases/testing/intake-fixtures';
import { DEFAULT_PRINT_SETTINGS } from '@common/printing/print-settings';
import { startVirtualPrinter } from '../../src-main/printing/testing/virtual-printer';
import { quantile, sample, type Figure, type Suite } from '../lib';
import { ROOT } from '../host-process';

const HALL = { name: '万州区政务服务中心', divisionCode: '500101', windowNo: '12', windowCode: '50010112' };

async function call<T>(app: App, caller: string, name: string, input: unknown): Promise<T> {
  const r = await app.call(caller, name, input, 0);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as T;
}

/** An app with an accepted case, a printer on a virtual network printer, and a recorded waybill. */
async function setUp(printerUrl: string): Promise<{ app: App; dataDir: string; caseId: string; waybillNo: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-print-'));
  const app = await createApp({
    firstPasswordChange: false,
    dataDir,
    migrationsDir: join(ROOT, 'migrations'),
    resourcesDir: join(ROOT, 'resources'),
    runtime: 'browser-host',
    version: 'bench',
  });
  await call(app, 'admin', 'setup:initialize', {
    hall: HALL,
    admin: { username: 'admin', displayName: '管理员', password: 'Chongqing2026' },
  });
  await call(app, 'admin', 'users:create', {
    username: 'clerk1',
    displayName: '窗口受理员',
    role: 'clerk',
    password: 'Passw0rd!',
  });
  await call(app, 'clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' });
  await call(app, 'admin', 'printers:update', {
    ...DEFAULT_PRINT_SETTINGS,
    printers: { ...DEFAULT_PRINT_SETTINGS.printers, thermal: printerUrl },
    documents: {
      ...DEFAULT_PRINT_SETTINGS.documents,
      hallAddress: '重庆市万州区北山大道1000号',
      hallPhone: '023-58221234',
      ratingUrl: 'https://hcp.cq.gov.cn/rate?window={windowCode}&doc={documentNo}',
    },
  });
  const { caseId } = await call<{ caseId: string }>(app, 'clerk', 'drafts:create', {});
  await call(app, 'clerk', 'attachments:add', {
    caseId,
    materialCode: 'PHOTO',
    fileName: 'photo.png',
    dataBase64: PNG_BYTES.toString('base64'),
  });
  await verifyApplicant(app, 'clerk', caseId);
  await call(app, 'clerk', 'intake:accept', { application: socialSecurityCardApplication(caseId) });
  await call(app, 'admin', 'waybills:importPool', { text: 'EA000000005CN' });
  const assigned = await call<{ waybill: { waybillNo: string } }>(app, 'clerk', 'waybills:assign', {
    caseId,
    direction: 'materials-to-locality',
    contents: 'official-documents',
    weightGrams: 300,
    payment: 'government-paid',
    recipient: {
      name: '王小明',
      phone: '028-86123456',
      address: '四川省成都市锦江区红星路二段70号',
      divisionCode: '510104',
    },
  });
  return { app, dataDir, caseId, waybillNo: assigned.waybill.waybillNo };
}

export const printingSuite: Suite = {
  name: 'printing',
  async run(): Promise<Figure[]> {
    const printer = await startVirtualPrinter({ status: { answer: true } });
    const { app, dataDir, caseId, waybillNo } = await setUp(printer.url);
    const p = app.services.printing;
    const viewer = { id: 2, role: 'clerk' as const };
    try {
      const receipt = await sample(2000, () => {
        const doc = p.documents.resolve({ caseId, kind: 'acceptance-receipt', format: 'thermal-80' }, viewer);
        if (doc.model !== 'notice') throw new Error('not a notice');
        return p.renderer.escpos(p.renderer.receiptLayout(doc.data, 80), 80);
      });
      const printed = await sample(
        200,
        () => call(app, 'clerk', 'print:document', { caseId, kind: 'acceptance-receipt', format: 'thermal-80' }),
        10,
      );
      const notice = p.documents.resolve({ caseId, kind: 'acceptance-receipt', format: 'a4' }, viewer);
      const label = p.documents.resolve({ caseId, kind: 'waybill', format: 'label-100x150', waybillNo }, viewer);
      if (notice.model !== 'notice' || label.model !== 'waybill') throw new Error('unexpected models');
      const chromium = p.chromium();
      const cold = performance.now();
      await chromium.toPdf(p.renderer.noticeJob(notice.data, null));
      const coldMs = performance.now() - cold;
      const a4 = await sample(40, () => chromium.toPdf(p.renderer.noticeJob(notice.data, null)), 3);
      const waybill = await sample(40, () => chromium.toPdf(p.renderer.waybillJob(label.data, 'label-100x150')), 3);
      // 电子印章 (decision 0160): signing the A4 notice's PDF (RSA-2048/SHA-256); the first includes loading the key.
      const anchored = await chromium.toPdf(
        p.renderer.noticeJob(notice.data, null, true, { anchor: true, training: true }),
      );
      const firstSign = performance.now();
      await p.seal.sign(anchored);
      const firstSignMs = performance.now() - firstSign;
      const sign = await sample(40, () => p.seal.sign(anchored), 0);
      return [
        {
          suite: 'printing',
          name: 'seal: first A4 signature (key generation/loading)',
          value: firstSignMs,
          unit: 'ms',
        },
        { suite: 'printing', name: 'seal: sign an A4 PDF p50', value: quantile(sign, 0.5), unit: 'ms', note: 'n=40' },
        { suite: 'printing', name: 'seal: sign an A4 PDF p95', value: quantile(sign, 0.95), unit: 'ms' },
        {
          suite: 'printing',
          name: 'receipt ESC/POS bytes (resolve + layout + encode) p50',
          value: quantile(receipt, 0.5),
          unit: 'ms',
          note: 'n=2000, 80 mm',
        },
        { suite: 'printing', name: 'receipt ESC/POS bytes p99', value: quantile(receipt, 0.99), unit: 'ms' },
        {
          suite: 'printing',
          name: 'print:document to a TCP printer p50',
          value: quantile(printed, 0.5),
          unit: 'ms',
          note: 'n=200: log, status query, send, audit',
        },
        { suite: 'printing', name: 'print:document to a TCP printer p99', value: quantile(printed, 0.99), unit: 'ms' },
        { suite: 'printing', name: 'first PDF (Chromium launch + fonts)', value: coldMs, unit: 'ms' },
        {
          suite: 'printing',
          name: 'A4 notice PDF p50',
          value: quantile(a4, 0.5),
          unit: 'ms',
          note: 'n=40, headless Chromium, page reused',
        },
        { suite: 'printing', name: 'A4 notice PDF p99', value: quantile(a4, 0.99), unit: 'ms' },
        { suite: 'printing', name: 'waybill 100×150 PDF p50', value: quantile(waybill, 0.5), unit: 'ms', note: 'n=40' },
        { suite: 'printing', name: 'waybill 100×150 PDF p99', value: quantile(waybill, 0.99), unit: 'ms' },
      ];
    } finally {
      await p.close();
      app.close();
      await printer.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
