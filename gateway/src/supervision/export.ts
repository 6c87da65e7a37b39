// Exports of the dashboard tables and the 工作台账: CSV (UTF-8 with BOM, so Excel opens Chinese text) and XLSX
// (exceljs, loaded on first export). Cells that look like formulas are quoted so a spreadsheet never runs them.
import type ExcelJS from 'exceljs';
import type { Cell, Table } from './tables';

const BOM = '\uFEFF';

/** A text cell that starts like a formula (=, +, -, @) gets a leading apostrophe (CSV injection). */
const safeText = (s: string): string => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

function csvCell(c: Cell): string {
  if (c === null) return '';
  if (typeof c === 'number') return String(c);
  const s = safeText(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The table as CSV text with a BOM and CRLF line ends. */
export function tableCsv(table: Table, heading: string[] = []): string {
  const lines = [...heading.map((h) => csvCell(h)), table.columns.map(csvCell).join(',')];
  for (const row of table.rows) lines.push(row.map(csvCell).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

async function loadExcel(): Promise<typeof ExcelJS> {
  const mod = (await import('exceljs')) as unknown as typeof ExcelJS & { default?: typeof ExcelJS };
  return mod.default ?? mod;
}

/** Writes tables as sheets of one workbook: a title row, a note row, the header, the rows. */
export async function tablesXlsx(tables: readonly Table[], note: string): Promise<Buffer> {
  const Excel = await loadExcel();
  const wb = new Excel.Workbook();
  wb.creator = '跨省通办 监督管理';
  wb.created = new Date();
  const used = new Set<string>();
  for (const t of tables) {
    let sheetName = t.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28);
    while (used.has(sheetName)) sheetName = `${sheetName.slice(0, 26)}_${used.size}`;
    used.add(sheetName);
    const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 3 }] });
    ws.addRow([t.title]).font = { bold: true, size: 14 };
    ws.addRow([note]).font = { size: 10, color: { argb: 'FF555555' } };
    const header = ws.addRow(t.columns);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    for (const row of t.rows) ws.addRow(row.map((c) => (typeof c === 'string' ? safeText(c) : c)));
    t.columns.forEach((name, i) => {
      const longest = Math.max(
        name.length * 2,
        ...t.rows.slice(0, 200).map((r) => String(r[i] ?? '').length * (/[^\u0020-\u00ff]/.test(String(r[i])) ? 2 : 1)),
      );
      ws.getColumn(i + 1).width = Math.min(50, Math.max(8, longest + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
