import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintResult } from '@common/printing/documents';
import type { WaybillAssignResult } from '@common/printing/waybill';
import { acceptedCase, configure, ok, printingApp, type PrintingTestApp } from './testing/fixtures';
import { mmToPt, pdfInfo, pdfToPngs } from './testing/pdf-tools';

// A hall's real sender block is longer than the fixture's: organisation, contact and a two-line
// address. It used to overflow its fixed-height row, so the border under it struck through the address.
const SENDER = {
  organization: '重庆市万州区政务服务中心（跨省通办专窗）',
  name: '李晓梅',
  phone: '023-58221234',
  address: '重庆市万州区高笋塘街道北山大道1000号万州区政务服务中心一楼大厅3号跨省通办窗口（工作日9:00—17:00）',
};

let t: PrintingTestApp;
let caseId = '';
let waybillNo = '';

beforeAll(async () => {
  t = await printingApp();
  await configure(t, { printers: { label: 'pdf' } });
  ({ caseId } = await acceptedCase(t.app, t.clerk, { delivery: 'ems', deliveryAddress: '重庆市万州区白岩路1号' }));
  await ok(t.app, t.admin, 'waybills:importPool', { text: 'EA000000005CN\n' });
  const out = await ok<WaybillAssignResult>(t.app, t.clerk, 'waybills:assign', {
    caseId,
    direction: 'materials-to-locality',
    sender: SENDER,
    recipient: {
      name: '王小明',
      phone: '028-86123456',
      address: '四川省成都市锦江区红星路二段70号 社会保障卡服务中心',
      organization: '四川省人力资源和社会保障厅（社会保障卡业务）',
      divisionCode: '510104',
    },
    contents: 'official-documents',
    weightGrams: 350,
    payment: 'government-paid',
  });
  waybillNo = out.waybill.waybillNo;
}, 120_000);

afterAll(async () => t?.dispose());

interface Word {
  text: string;
  yMin: number;
  yMax: number;
}

/** Words with their boxes (points, top-down) from `pdftotext -bbox`. */
function words(file: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return [...html.matchAll(/<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
    (m) => ({ yMin: Number(m[1]), yMax: Number(m[2]), text: m[3] as string }),
  );
}

describe('EMS label: the sender block fits its row', () => {
  it.each(['label-76x130', 'label-100x150'] as const)('%s: the address ends above the next row', async (format) => {
    const result = await ok<PrintResult>(t.app, t.clerk, 'print:document', {
      caseId,
      kind: 'waybill',
      format,
      waybillNo,
    });
    const file = result.pdfPath as string;
    pdfToPngs(file, `waybill-long-sender-${format}`);
    expect(pdfInfo(file).pages).toBe(1);
    const all = words(file);
    // The address's last line (ends with "17:00）") and the first cell label of the row below it.
    const addressEnd = all.find((w) => w.text.includes('17:00'));
    const nextRow = all.find((w) => w.text.includes('内件品名'));
    expect(addressEnd, 'sender address printed in full').toBeDefined();
    expect(nextRow).toBeDefined();
    // The row border sits 0.6 mm padding + 0.3 mm line above the next row's text: the address must end above it.
    expect(addressEnd!.yMax).toBeLessThan(nextRow!.yMin - mmToPt(0.9));
  });
});
