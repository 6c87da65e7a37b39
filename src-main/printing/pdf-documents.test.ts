import { PROXY_CARD_MATERIALS } from '../cases/testing/intake-fixtures';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintResult } from '@common/printing/documents';
import { ledgerRowsOf } from '@common/printing/ledger';
import type { WaybillAssignResult } from '@common/printing/waybill';
import {
  acceptedCase,
  configure,
  incompleteCase,
  ok,
  printingApp,
  rejectedCase,
  type PrintingTestApp,
} from './testing/fixtures';
import {
  DOCUMENT_ARTIFACTS,
  HAS_ZBAR,
  mmToPt,
  pdfFonts,
  pdfInfo,
  pdfText,
  pdfToPngs,
  scanBarcodes,
} from './testing/pdf-tools';

// One app for the whole file: Chromium starts once, as in the browser host.
let t: PrintingTestApp;
const cases: Record<
  'accepted' | 'longAddress' | 'company' | 'incomplete' | 'rejected',
  { caseId: string; documentNo: string }
> = {} as never;
/** A 40+ character delivery address (it used to push the 收件凭证 onto a second page). */
const LONG_ADDRESS =
  '重庆市万州区高笋塘街道白岩路社区白岩路1号附3号万州区政务服务中心家属院2单元501室（请电话联系后投递）';
let materialsWaybill = '';
let resultWaybill = '';
const FULL_ID = '500101199003070014';
const squash = (s: string) => s.replace(/\s+/g, '');

beforeAll(async () => {
  t = await printingApp();
  await configure(t, { printers: { a4: 'pdf', label: 'pdf' } });
  cases.accepted = await acceptedCase(t.app, t.clerk, {
    mode: 'proxy',
    agent: {
      name: '李四',
      idType: 'resident-id',
      idNumber: '500228198512310021',
      phone: '13900139000',
      address: '',
      relationship: '配偶',
    },
    materials: PROXY_CARD_MATERIALS,
    delivery: 'ems',
    deliveryAddress: '重庆市万州区白岩路1号附3号2单元501室',
  });
  cases.longAddress = await acceptedCase(t.app, t.clerk, { delivery: 'ems', deliveryAddress: LONG_ADDRESS });
  cases.company = await acceptedCase(t.app, t.clerk, {
    matterCode: 'CQ-KSTB-0040',
    situationCode: 'ISSUE',
    form: {
      unitName: '重庆某某建设有限公司',
      unitCreditCode: '91110000600037341L',
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
  });
  cases.incomplete = await incompleteCase(t.app, t.clerk);
  cases.rejected = await rejectedCase(t.app, t.clerk);
  await ok(t.app, t.admin, 'waybills:importPool', { text: 'EA000000005CN\n1234567890123\n' });
  const out = await ok<WaybillAssignResult>(t.app, t.clerk, 'waybills:assign', {
    caseId: cases.accepted.caseId,
    direction: 'materials-to-locality',
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
  materialsWaybill = out.waybill.waybillNo;
  const back = await ok<WaybillAssignResult>(t.app, t.clerk, 'waybills:assign', {
    caseId: cases.accepted.caseId,
    direction: 'result-to-applicant',
    contents: 'certificates',
    weightGrams: 120,
    payment: 'recipient-pays',
    manualNumber: 'EE123456785CN',
  });
  resultWaybill = back.waybill.waybillNo;
}, 120_000);

afterAll(async () => t?.dispose());

async function printPdf(
  kind: string,
  format: string,
  caseId: string,
  waybillNo?: string,
): Promise<{ file: string; text: string; result: PrintResult }> {
  const result = await ok<PrintResult>(t.app, t.clerk, 'print:document', {
    caseId,
    kind,
    format,
    ...(waybillNo ? { waybillNo } : {}),
  });
  expect(result.output).toBe('pdf');
  const file = result.pdfPath as string;
  // Only the shipped font, embedded: the output never depends on the PC's fonts.
  for (const font of pdfFonts(file))
    expect(font).toMatchObject({ name: expect.stringMatching(/\+NotoSansSC-(Regular|Bold)$/), embedded: true });
  return { file, text: pdfText(file), result };
}

describe('A4 notices as PDF', () => {
  it('收件凭证 (收受分离): the window 收件s, the 办理地 department 受理s; A4, one page, rendered to PNG', async () => {
    const { file, text } = await printPdf('acceptance-receipt', 'a4', cases.accepted.caseId);
    const s = squash(text);
    for (const fact of [
      '收件凭证',
      '异地代收代办',
      '本窗口已按“异地代收代办”方式收件',
      '是否受理由该部门依法决定',
      '不作出受理或审批决定',
      '自办理地部门受理之日起',
      '以办理地部门告知为准',
      '收取方式',
      '流转方式',
      '原件寄递',
      cases.accepted.documentNo,
      '社会保障卡申领',
      '首次申领',
      '张三',
      '5001**********0014',
      '138****8000',
      '李四',
      '2026年11月30日',
      '2026年12月28日',
      '四川省成都市锦江区',
      '12345',
      '扫码查询办件',
      '收件专用章',
      '收件人',
      materialsWaybill,
      resultWaybill,
    ]) {
      expect(s, fact).toContain(squash(fact));
    }
    expect(text).not.toContain(FULL_ID);
    expect(text).not.toContain('13800138000');
    for (const claim of ['受理通知书', '予以受理', '受理专用章', '受理人', '本窗口决定'])
      expect(s, claim).not.toContain(claim);
    pdfToPngs(file, 'acceptance-notice-a4');
    expect(pdfInfo(file)).toMatchObject({ pages: 1 });
    expect(Math.abs(pdfInfo(file).widthPt - 595)).toBeLessThan(1);
    expect(Math.abs(pdfInfo(file).heightPt - 842)).toBeLessThan(1);
    pdfToPngs(file, 'acceptance-notice-a4');
  });

  it('收件凭证 stays on one A4 page with a 40+ character delivery address', async () => {
    const { file, text } = await printPdf('acceptance-receipt', 'a4', cases.longAddress.caseId);
    pdfToPngs(file, 'acceptance-notice-a4-long-address');
    expect([...LONG_ADDRESS].length).toBeGreaterThanOrEqual(40);
    // The layout text puts the row label between the wrapped lines: check both ends of the address.
    expect(squash(text)).toContain(LONG_ADDRESS.slice(0, 24));
    expect(squash(text)).toContain(LONG_ADDRESS.slice(-16));
    expect(pdfInfo(file)).toMatchObject({ pages: 1 });
  });

  it('收件凭证 for a company (施工许可, 住建): 申请单位 with its USCC, the 经办人 masked', async () => {
    const { file, text } = await printPdf('acceptance-receipt', 'a4', cases.company.caseId);
    pdfToPngs(file, 'acceptance-notice-a4-company');
    const s = squash(text);
    for (const fact of [
      '收件凭证',
      '建筑工程施工许可证核发',
      '申请单位',
      '重庆某某建设有限公司',
      '统一社会信用代码',
      '91110000600037341L',
      '法定代表人',
      '王五',
      '经办人',
      '5001**********0014',
      '单位授权委托书（载明经办人）',
      '住房和城乡建设厅',
      '不收费',
    ])
      expect(s, fact).toContain(squash(fact));
    expect(text).not.toContain(FULL_ID);
    expect(pdfInfo(file)).toMatchObject({ pages: 1 });
  });

  it('补正材料一次性告知书 lists every missing material, once, without a 受理 promise by the window', async () => {
    const { file, text } = await printPdf('incomplete-notice', 'a4', cases.incomplete.caseId);
    const s = squash(text);
    expect(s).not.toContain('予以受理');
    expect(pdfInfo(file)).toMatchObject({ pages: 1 });
    for (const fact of [
      '补正材料一次性告知书',
      '本窗口即予收件并流转至业务办理地',
      cases.incomplete.documentNo,
      '近期免冠彩色证件照（数码照片回执号或窗口现场采集）',
      '《社会保障卡申领登记表》',
      '需补正的材料（共2项）',
      '一次性告知您需要补正的全部内容',
    ])
      expect(s, fact).toContain(squash(fact));
    pdfToPngs(file, 'incomplete-notice-a4');
  });

  it('不予收件告知书 (婚姻登记, 仅指引): why the window cannot take it and where to go; no decision, no 复议 claim', async () => {
    const { file, text } = await printPdf('rejection-notice', 'a4', cases.rejected.caseId);
    const s = squash(text);
    for (const fact of [
      '不予收件告知书',
      '办事指引',
      cases.rejected.documentNo,
      '内地居民婚姻登记',
      '婚姻登记须当事人双方亲自到场办理',
      '本窗口不能收件',
      '不是对您申请事项的审查决定',
      '办理地点',
      '婚姻登记机关',
      '办理方式',
      '男女双方须共同亲自到婚姻登记机关办理',
      '收件专用章',
    ])
      expect(s, fact).toContain(squash(fact));
    for (const claim of ['不予受理', '本窗口决定', '行政复议', '行政诉讼']) expect(s, claim).not.toContain(claim);
    expect(pdfInfo(file)).toMatchObject({ pages: 1 });
    pdfToPngs(file, 'rejection-notice-a4');
  });

  it('材料流转单 lists what travels and how, with the waybill number', async () => {
    const { file, text } = await printPdf('material-transfer', 'a4', cases.accepted.caseId);
    const s = squash(text);
    for (const fact of [
      '材料流转单',
      cases.accepted.documentNo,
      '《社会保障卡申领登记表》',
      '授权委托书',
      '原件寄递',
      '电子材料网上流转',
      materialsWaybill,
      '接收人签字',
    ])
      expect(s, fact).toContain(squash(fact));
    pdfToPngs(file, 'material-transfer-a4');
  });

  it('a reprint says 补打 on the sheet', async () => {
    const { file, text, result } = await printPdf('acceptance-receipt', 'a4', cases.accepted.caseId);
    expect(result).toMatchObject({ copy: 2, reprint: true });
    expect(squash(text)).toContain('补打（第2份）');
    pdfToPngs(file, 'acceptance-notice-a4-reprint');
  });
});

describe('EMS waybill labels as PDF', () => {
  it.each([
    ['label-76x130', 76, 130],
    ['label-100x150', 100, 150],
  ] as const)('%s: page size, masked recipient, waybill number', async (format, w, h) => {
    const { file, text } = await printPdf('waybill', format, cases.accepted.caseId, materialsWaybill);
    const info = pdfInfo(file);
    expect(info.pages).toBe(1);
    // Chromium rounds page sizes to whole CSS pixels: within 1 pt (0.35 mm) of the label stock.
    expect(Math.abs(info.widthPt - mmToPt(w))).toBeLessThan(1);
    expect(Math.abs(info.heightPt - mmToPt(h))).toBeLessThan(1);
    const s = squash(text);
    for (const fact of [
      materialsWaybill,
      '王*明',
      '028-****3456',
      '四川省成都市',
      '政务文书',
      '政府购买',
      '0.35kg',
      cases.accepted.documentNo,
      '11183',
    ])
      expect(s, fact).toContain(squash(fact));
    expect(text).not.toContain('王小明');
    expect(text).not.toContain('86123456');
    pdfToPngs(file, `waybill-${format}`);
  });

  it('the result waybill goes to the applicant, masked', async () => {
    const { file, text } = await printPdf('waybill', 'label-100x150', cases.accepted.caseId, resultWaybill);
    const s = squash(text);
    for (const fact of [
      '张*',
      '138****8000',
      '重庆市万州区白岩路1号附3号2单元501室',
      '重庆市 万州区',
      '证件',
      '到付',
      '结果寄回',
    ])
      expect(s, fact).toContain(squash(fact));
    expect(text).not.toContain('13800138000');
    pdfToPngs(file, 'waybill-result-label-100x150');
  });
});

describe('other pages', () => {
  it('renders an A4 landscape ledger page', async () => {
    const p = t.app.services.printing;
    const list = t.app.services.caseQueries.list({ date: '2026-11-30', limit: 50, offset: 0 });
    const rows = ledgerRowsOf(list.rows, (caseId) => (caseId === cases.accepted.caseId ? materialsWaybill : null));
    const job = p.renderer.ledgerJob({
      title: '跨省通办收件台账',
      period: '2026年11月30日',
      hallName: '万州区政务服务中心',
      windowLabel: '12号窗口',
      rows,
      pageNo: 1,
      pageCount: 1,
      printedAt: '2026年11月30日 10:00',
      printedBy: '值班主管',
    });
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-')), 'ledger.pdf');
    writeFileSync(file, await p.chromium().toPdf(job));
    const info = pdfInfo(file);
    expect(Math.abs(info.widthPt - 842)).toBeLessThan(1);
    expect(Math.abs(info.heightPt - 595)).toBeLessThan(1);
    const s = squash(pdfText(file));
    for (const fact of [
      '跨省通办收件台账',
      cases.accepted.documentNo,
      '5001**********0014',
      '已收件',
      '待补齐',
      '不予收件',
    ])
      expect(s, fact).toContain(squash(fact));
    pdfToPngs(file, 'ledger-page-a4');
  });

  it('renders the thermal receipt as HTML for a system printer (80 mm wide)', async () => {
    const preview = await ok<{ as: 'pdf'; pdfBase64: string; copy: number }>(t.app, t.clerk, 'print:preview', {
      caseId: cases.accepted.caseId,
      kind: 'acceptance-receipt',
      format: 'thermal-80',
      as: 'pdf',
    });
    expect(preview.copy).toBe(1); // two A4 notices were printed above; the slip is counted on its own
    const file = join(mkdtempSync(join(tmpdir(), 'receipt-')), 'receipt.pdf');
    writeFileSync(file, Buffer.from(preview.pdfBase64, 'base64'));
    expect(Math.abs(pdfInfo(file).widthPt - mmToPt(80))).toBeLessThan(1);
    const s = squash(pdfText(file));
    for (const fact of ['收件凭证', cases.accepted.documentNo, '5001**********0014'])
      expect(s, fact).toContain(squash(fact));
    expect(s).not.toContain('补打');
    pdfToPngs(file, 'acceptance-receipt-thermal-80');
    const html = await ok<{ as: 'html'; html: string }>(t.app, t.clerk, 'print:preview', {
      caseId: cases.accepted.caseId,
      kind: 'acceptance-receipt',
      format: 'a4',
    });
    expect(html.html).toContain('收件凭证');
    expect(html.html).not.toContain('file://');
  });
});

describe('barcodes', () => {
  // Scanned at 203 dpi, the resolution of a thermal label printer (zbar-tools needed; skipped without it).
  it.skipIf(!HAS_ZBAR)('every code on the documents scans back to its data', () => {
    const scan = (name: string) => scanBarcodes(join(DOCUMENT_ARTIFACTS, `${name}.pdf`), 203);
    const receiptCode = `CODE-128:${cases.accepted.documentNo.replace(/-/g, '')}`;
    const notice = scan('acceptance-notice-a4');
    expect(notice).toContain(receiptCode);
    expect(notice.some((s) => s.startsWith(`QR-Code:TB1:${cases.accepted.documentNo}:`))).toBe(true);
    expect(scan('acceptance-receipt-thermal-80')).toContain(receiptCode);
    for (const name of ['waybill-label-76x130', 'waybill-label-100x150'])
      expect(scan(name)).toEqual(
        expect.arrayContaining([`CODE-128:${materialsWaybill}`, `QR-Code:${materialsWaybill}`]),
      );
    expect(scan('waybill-result-label-100x150')).toContain(`CODE-128:${resultWaybill}`);
  });
});
