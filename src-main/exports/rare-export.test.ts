// 生僻字 in the ledger exports: a masked agent name ending in an Ext B character (𠈌, beyond Noto Sans SC)
// survives XLSX and CSV (UTF-8 with a BOM, no UTF-16 slicing) and is drawn with a real glyph in the PDF.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseCsv } from '@common/supervisor/csv';
import { PROXY_CARD_MATERIALS } from '../cases/testing/intake-fixtures';
import { glyphCells, pdfFonts, pdfToPngs } from '../printing/testing/pdf-tools';
import { callOk } from '../testing/call';
import { acceptCase, supervisorApp, type SupervisorTestApp } from '../testing/supervisor';

const DAY = '2026-11-30';
const AGENT = '王小𠈌';
const MASKED = '王*𠈌';
let t: SupervisorTestApp;

beforeAll(async () => {
  t = await supervisorApp();
  await acceptCase(t.app, t.clerk, {
    mode: 'proxy',
    agent: {
      name: AGENT,
      idType: 'resident-id',
      idNumber: '500228198512310021',
      phone: '13900139000',
      address: '',
      relationship: '配偶',
    },
    materials: PROXY_CARD_MATERIALS,
  });
}, 120_000);

afterAll(async () => t?.dispose());

it('XLSX keeps the supplementary-plane character whole', async () => {
  const e = await callOk(t.app, t.sup, 'ledger:export', { date: DAY, format: 'xlsx' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(e.path);
  const cells: unknown[] = [];
  (wb.getWorksheet('明细') as ExcelJS.Worksheet).eachRow((row) => row.eachCell((c) => cells.push(c.value)));
  expect(cells).toContain(MASKED);
  expect(cells.some((v) => typeof v === 'string' && /[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(v))).toBe(false);
});

it('CSV is UTF-8 with a BOM and the character as its four UTF-8 bytes', async () => {
  const e = await callOk(t.app, t.sup, 'ledger:export', { date: DAY, format: 'csv' });
  const bytes = readFileSync(e.path);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(bytes.includes(Buffer.from('𠈌', 'utf8'))).toBe(true);
  expect(parseCsv(bytes.toString('utf8')).flat()).toContain(MASKED);
});

it('PDF draws it with the embedded fallback font', async () => {
  const e = await callOk(t.app, t.sup, 'ledger:export', { date: DAY, format: 'pdf' });
  pdfToPngs(e.path, 'rare-ledger-export', 80);
  expect(pdfFonts(e.path).some((f) => /\+OTS-derived-font$/.test(f.name) && f.embedded)).toBe(true);
  const [cell] = glyphCells(e.path, ['𠈌'], 300);
  expect(cell?.ink).toBeGreaterThan(20);
});
