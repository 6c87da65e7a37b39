// 生僻字 (GB 18030-2022) in every PDF the window makes: names, addresses and company names with characters
// from CJK Extensions A–G render with a real glyph (the shipped Jigmo SC fallback, embedded as a subset),
// checked on the rendered pages, not only in the text layer.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintResult } from '@common/printing/documents';
import { ledgerRowsOf } from '@common/printing/ledger';
import type { WaybillAssignResult } from '@common/printing/waybill';
import {
  PNG_BYTES,
  PROXY_CARD_MATERIALS,
  socialSecurityCardApplication,
  verifyApplicant,
} from '../cases/testing/intake-fixtures';
import { acceptedCase, configure, ok, printingApp, type PrintingTestApp } from './testing/fixtures';
import { glyphCells, pdfFonts, pdfText, pdfToPngs, type GlyphCell } from './testing/pdf-tools';
import {
  RARE,
  RARE_ADDRESS,
  RARE_AGENT_NAME,
  RARE_APPLICANT_NAME,
  RARE_CHARS,
  RARE_COMPANY,
} from './testing/rare-names';

let t: PrintingTestApp;
let personCase = '';
let companyCase = '';
let waybillNo = '';
const applicant = { name: RARE_APPLICANT_NAME, idType: 'resident-id', idNumber: '500101199003070014' };
const agent = { name: RARE_AGENT_NAME, idType: 'resident-id', idNumber: '500228198512310021' };
const charsIn = (...texts: string[]) => RARE.filter((c) => texts.some((s) => s.includes(c)));
const cells: GlyphCell[] = [];

beforeAll(async () => {
  t = await printingApp();
  await configure(t, { printers: { a4: 'pdf', label: 'pdf' } });
  const { caseId } = await ok<{ caseId: string }>(t.app, t.clerk, 'drafts:create', {});
  await ok(t.app, t.clerk, 'attachments:add', {
    caseId,
    materialCode: 'PHOTO',
    fileName: 'photo.png',
    dataBase64: PNG_BYTES.toString('base64'),
  });
  await verifyApplicant(t.app, t.clerk, caseId, { person: applicant });
  await verifyApplicant(t.app, t.clerk, caseId, { role: 'agent', person: agent });
  const base = socialSecurityCardApplication(caseId);
  await ok(t.app, t.clerk, 'intake:accept', {
    application: {
      ...base,
      mode: 'proxy',
      applicant: { ...base.applicant, name: RARE_APPLICANT_NAME, address: RARE_ADDRESS },
      agent: { ...agent, phone: '13900139000', address: '', relationship: '配偶' },
      materials: PROXY_CARD_MATERIALS,
      delivery: 'ems',
      deliveryAddress: RARE_ADDRESS,
    },
  });
  personCase = caseId;
  companyCase = (
    await acceptedCase(t.app, t.clerk, {
      matterCode: 'CQ-KSTB-0040',
      situationCode: 'ISSUE',
      form: {
        unitName: RARE_COMPANY,
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
    })
  ).caseId;
  await ok(t.app, t.admin, 'waybills:importPool', { text: 'EA000000005CN\n' });
  const out = await ok<WaybillAssignResult>(t.app, t.clerk, 'waybills:assign', {
    caseId: personCase,
    direction: 'materials-to-locality',
    recipient: {
      name: RARE_AGENT_NAME,
      phone: '028-86123456',
      address: `四川省成都市锦江区${RARE_ADDRESS.slice(6)}`,
      organization: RARE_COMPANY,
      divisionCode: '510104',
    },
    contents: 'official-documents',
    weightGrams: 350,
    payment: 'government-paid',
  });
  waybillNo = out.waybill.waybillNo;
}, 120_000);

afterAll(async () => t?.dispose());

/** Checks the fonts of a PDF and measures the cells of the rare characters it should show. */
function checkPdf(file: string, name: string, expected: string[]): GlyphCell[] {
  pdfToPngs(file, name);
  const fonts = pdfFonts(file);
  // Noto Sans SC, and the fallback's chunks as subsets: Chromium's font sanitiser (OTS) names web fonts
  // 'OTS-derived-font'; a bold line in the fallback (synthetic bold) comes as a Type 3 font of outlines.
  for (const font of fonts)
    expect(font, font.name).toMatchObject({
      name: expect.stringMatching(/\+(NotoSansSC-(Regular|Bold)|OTS-derived-font)$|^\[none\]$/),
      embedded: true,
    });
  expect(fonts.some((f) => /\+OTS-derived-font$/.test(f.name))).toBe(true);
  const text = pdfText(file);
  for (const c of expected) expect(text, c).toContain(c);
  const measured = glyphCells(file, expected);
  for (const cell of measured) expect(cell.ink, `${cell.char} in ${name} has no ink`).toBeGreaterThan(20);
  cells.push(...measured);
  return measured;
}

async function printed(kind: string, format: string, caseId: string, extra: object = {}): Promise<string> {
  const r = await ok<PrintResult>(t.app, t.clerk, 'print:document', { caseId, kind, format, ...extra });
  return r.pdfPath as string;
}

describe('rare characters in PDFs', () => {
  it('收件凭证 (A4): applicant, agent and address', async () => {
    const file = await printed('acceptance-receipt', 'a4', personCase);
    checkPdf(file, 'rare-acceptance-a4', charsIn(RARE_APPLICANT_NAME, RARE_AGENT_NAME, RARE_ADDRESS));
  });

  it('收件凭证 (A4) of a company with rare characters in its name', async () => {
    const file = await printed('acceptance-receipt', 'a4', companyCase);
    checkPdf(file, 'rare-company-a4', charsIn(RARE_COMPANY));
  });

  it('EMS label: masked recipient, organisation and address', async () => {
    const file = await printed('waybill', 'label-100x150', personCase, { waybillNo });
    checkPdf(file, 'rare-waybill-100x150', charsIn('𫖯', RARE_COMPANY, RARE_ADDRESS.slice(6)));
  });

  it('thermal receipt as HTML for a system printer', async () => {
    const preview = await ok<{ pdfBase64: string }>(t.app, t.clerk, 'print:preview', {
      caseId: personCase,
      kind: 'acceptance-receipt',
      format: 'thermal-80',
      as: 'pdf',
    });
    const file = join(mkdtempSync(join(tmpdir(), 'rare-')), 'receipt.pdf');
    writeFileSync(file, Buffer.from(preview.pdfBase64, 'base64'));
    checkPdf(file, 'rare-receipt-thermal-80', charsIn(RARE_AGENT_NAME, RARE_ADDRESS));
  });

  it('ledger page (A4 landscape)', async () => {
    const p = t.app.services.printing;
    const list = t.app.services.caseQueries.list({ date: '2026-11-30', limit: 50, offset: 0 });
    const job = p.renderer.ledgerJob({
      title: '跨省通办收件台账',
      period: '2026年11月30日',
      hallName: '万州区政务服务中心',
      windowLabel: '12号窗口',
      rows: ledgerRowsOf(list.rows, () => null),
      pageNo: 1,
      pageCount: 1,
      printedAt: '2026年11月30日 10:00',
      printedBy: '值班主管',
    });
    const file = join(mkdtempSync(join(tmpdir(), 'rare-')), 'ledger.pdf');
    writeFileSync(file, await p.chromium().toPdf(job));
    checkPdf(file, 'rare-ledger-a4', charsIn(RARE_APPLICANT_NAME));
  });

  it('every rare character was drawn, and each with its own glyph (no shared tofu box)', () => {
    const seen = new Set(cells.map((c) => c.char));
    expect(RARE.filter((c) => !seen.has(c))).toEqual([]);
    const byChar = new Map<string, Set<string>>();
    for (const c of cells) byChar.set(c.char, (byChar.get(c.char) ?? new Set()).add(c.signature));
    for (const [a, sa] of byChar)
      for (const [b, sb] of byChar)
        if (a !== b) for (const s of sa) expect(sb.has(s), `${a} and ${b} print the same shape`).toBe(false);
    console.log(
      'rare characters:',
      RARE_CHARS.map(
        (r) => `${r.char} ${r.block} ink ${Math.min(...cells.filter((c) => c.char === r.char).map((c) => c.ink))}`,
      ).join('; '),
    );
  });
});
