// The ledger as an XLSX workbook, streamed to a file (exceljs WorkbookWriter): 汇总 is written and
// committed first, then 明细 page by page, then 调整记录. Each sheet is finished before the next
// starts, so the zip never buffers a sheet, and memory stays bounded for a month of cases.
import type ExcelJS from 'exceljs';
import {
  ADJUSTMENT_FIELD_LABELS_ZH,
  adjustmentValueLabel,
  excelChinaDate,
  type LedgerAdjustment,
  type LedgerEntry,
} from '@common/supervisor/ledger';
import { ColumnFit, LEDGER_COLUMNS, type LedgerColumn } from '@common/supervisor/ledger-columns';
import type { LedgerSummary } from '@common/supervisor/ledger-summary';
import { summaryRows, type LedgerHeading } from './export-summary';
import { yieldToEventLoop } from '../db/statements';

/** Excel's date-time format for the date cells (China wall-clock). */
export const XLSX_DATE_FORMAT = 'yyyy-mm-dd hh:mm';
/** Excel's format for day cells (业务日期). */
export const XLSX_DAY_FORMAT = 'yyyy-mm-dd';

/** A 'YYYY-MM-DD' business day as an Excel date (midnight, no time-zone shift). */
export function excelDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

const FORMAT_OF: Partial<Record<LedgerColumn['kind'], string>> = { datetime: XLSX_DATE_FORMAT, date: XLSX_DAY_FORMAT };

/** Sheet names (exports are in Chinese). */
export const SHEETS = { summary: '汇总', detail: '明细', adjustments: '调整记录' } as const;

/**
 * exceljs (with jszip, archiver and their streams: ~400 modules) is loaded on the first export, not at start:
 * every start of the app — the Electron window, the browser host, each child of the kill -9 test — pays for
 * what it loads.
 */
export async function loadExcel(): Promise<typeof ExcelJS> {
  const mod = (await import('exceljs')) as unknown as typeof ExcelJS & { default?: typeof ExcelJS };
  return mod.default ?? mod;
}

const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, name: '等线' };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const FROZEN_HEADER: Partial<ExcelJS.WorksheetView>[] = [
  { state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' },
];

function styleHeader(row: ExcelJS.Row): void {
  row.font = HEADER_FONT;
  row.fill = HEADER_FILL;
  row.alignment = { vertical: 'middle' };
}

/** Writes the workbook; `pages` is called once and streams the detail rows. Returns the detail row count. */
export async function writeLedgerXlsx(
  file: string,
  heading: LedgerHeading,
  summary: LedgerSummary,
  pages: () => AsyncGenerator<LedgerEntry[]>,
  adjustments: readonly LedgerAdjustment[],
  fit: ColumnFit = new ColumnFit(),
  onRows: (written: number) => void = () => undefined,
): Promise<number> {
  const Excel = await loadExcel();
  const wb = new Excel.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = '跨省通办窗口';
  wb.created = heading.generatedAt;

  const sum = wb.addWorksheet(SHEETS.summary, { views: FROZEN_HEADER });
  sum.columns = [
    { width: 22 },
    { width: 30 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 12 },
    { width: 18 },
  ];
  summaryRows(heading, summary).forEach((cells, i) => {
    const row = sum.addRow(cells.values);
    if (i === 0 || cells.header) styleHeader(row);
    if (cells.dateCol !== undefined) row.getCell(cells.dateCol + 1).numFmt = XLSX_DATE_FORMAT;
    row.commit();
  });
  sum.commit();

  const detail = wb.addWorksheet(SHEETS.detail, { views: FROZEN_HEADER });
  detail.columns = LEDGER_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: fit.width(c),
    ...(FORMAT_OF[c.kind] ? { style: { numFmt: FORMAT_OF[c.kind] } } : {}),
  }));
  styleHeader(detail.getRow(1));
  detail.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: LEDGER_COLUMNS.length } };
  let n = 0;
  for await (const page of pages()) {
    for (const r of page) {
      n += 1;
      detail.addRow(LEDGER_COLUMNS.map((c) => cellValue(c.kind, c.value(r, n)))).commit();
    }
    await drained(detail);
    onRows(n);
  }
  detail.commit();

  const adj = wb.addWorksheet(SHEETS.adjustments, { views: FROZEN_HEADER });
  adj.columns = [
    { header: '记录时间', width: 18, style: { numFmt: XLSX_DATE_FORMAT } },
    { header: '所属日结日期', width: 14, style: { numFmt: XLSX_DAY_FORMAT } },
    { header: '文书编号', width: 26 },
    { header: '调整项目', width: 22 },
    { header: '原值', width: 22 },
    { header: '新值', width: 22 },
  ];
  styleHeader(adj.getRow(1));
  for (const a of adjustments) {
    adj
      .addRow([
        excelChinaDate(a.recordedAt),
        excelDay(a.businessDate),
        a.documentNo ?? a.caseId,
        ADJUSTMENT_FIELD_LABELS_ZH[a.field] ?? a.field,
        adjustmentValueLabel(a.field, a.oldValue),
        adjustmentValueLabel(a.field, a.newValue),
      ])
      .commit();
  }
  adj.commit();
  await wb.commit();
  return n;
}

// exceljs's StreamBuf hands full 64 KiB buffers to the zip's deflate stream without waiting, and
// buffers everything while the zip has not started the entry: without this wait a month of rows
// would pile up in memory. Reaches into exceljs internals (checked against 4.4.0), read-only.
interface SheetStream {
  buffers?: unknown[];
  pipes?: { _writableState?: { length?: number }; _readableState?: { length?: number } }[];
}
const MAX_PENDING_BYTES = 1024 * 1024;

/** Waits until the sheet's written rows have gone into the zip (bounded memory). */
export async function drained(sheet: ExcelJS.Worksheet): Promise<void> {
  const stream = (sheet as unknown as { stream?: SheetStream }).stream;
  if (!stream?.buffers || !stream.pipes) return;
  for (let spins = 0; ; spins++) {
    const sink = stream.pipes[0];
    const pending =
      stream.buffers.length * 65_536 + (sink?._writableState?.length ?? 0) + (sink?._readableState?.length ?? 0);
    if (sink && pending <= MAX_PENDING_BYTES) return;
    await (spins < 50 ? yieldToEventLoop() : new Promise((resolve) => setTimeout(resolve, 2)));
  }
}

function cellValue(kind: LedgerColumn['kind'], v: string | number | null): ExcelJS.CellValue {
  if (v === null) return null;
  if (kind === 'datetime') return excelChinaDate(String(v));
  return kind === 'date' ? excelDay(String(v)) : v;
}
