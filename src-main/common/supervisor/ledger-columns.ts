// The ledger's detail columns, shared by the XLSX, CSV and PDF exports so they always agree.
import { RATING_LEVEL_LABELS_ZH } from '@tongban/protocol/supervisor/ratings';
import {
  chinaDateTime,
  departmentDocumentsText,
  deptStatusLabel,
  HALL_SERVICE_LABELS_ZH,
  LEDGER_SYNC_LABELS_ZH,
  ledgerOutcomeLabel,
  ledgerPartsText,
  type LedgerEntry,
} from './ledger';

/** One detail column: Chinese header, XLSX width (characters), and how a row fills it. */
export interface LedgerColumn {
  key: string;
  header: string;
  width: number;
  /**
   * 'datetime' cells are real dates in XLSX ('yyyy-mm-dd hh:mm'), 'date' cells ('YYYY-MM-DD') real dates
   * formatted 'yyyy-mm-dd'; both are text in CSV and PDF.
   */
  kind: 'text' | 'number' | 'datetime' | 'date';
  /** XLSX widens the column to the longest value of the export (long 事项 and 部门 names), up to this. */
  fitUpTo?: number;
  value(row: LedgerEntry, no: number): string | number | null;
}

const MODE_LABELS_ZH: Record<LedgerEntry['mode'], string> = { self: '本人', assisted: '帮办', proxy: '代办' };

/** Detail columns in order. */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { key: 'no', header: '序号', width: 7, kind: 'number', value: (_r, n) => n },
  { key: 'businessDate', header: '业务日期', width: 12, kind: 'date', value: (r) => r.businessDate },
  { key: 'documentNo', header: '文书编号', width: 26, kind: 'text', value: (r) => r.documentNo },
  { key: 'decidedAt', header: '办理时间', width: 17, kind: 'datetime', value: (r) => r.decidedAt },
  { key: 'matter', header: '事项', width: 26, fitUpTo: 70, kind: 'text', value: (r) => r.matterName },
  { key: 'situation', header: '办事情形', width: 18, kind: 'text', value: (r) => r.situationName },
  {
    key: 'acceptanceMode',
    header: '受理模式',
    width: 13,
    kind: 'text',
    value: (r) => r.acceptanceMode ?? '',
  },
  // Under 收受分离 the window 收件s; only 委托受理 rows read 受理 / 不予受理.
  {
    key: 'outcome',
    header: '窗口办理结果',
    width: 11,
    kind: 'text',
    value: (r) => ledgerOutcomeLabel(r.outcome, r.acceptanceMode),
  },
  { key: 'applicant', header: '申请人', width: 10, kind: 'text', value: (r) => r.applicantName },
  { key: 'idMasked', header: '证件号码（脱敏）', width: 21, kind: 'text', value: (r) => r.applicantIdMasked },
  {
    key: 'mode',
    header: '办理方式',
    width: 12,
    kind: 'text',
    // 陪办 and 错时/延时 are services beside the mode: '本人 · 陪办'.
    value: (r) => [MODE_LABELS_ZH[r.mode], ...(r.services ?? []).map((x) => HALL_SERVICE_LABELS_ZH[x])].join(' · '),
  },
  { key: 'agent', header: '代办人', width: 10, kind: 'text', value: (r) => r.agentName ?? '' },
  { key: 'clerk', header: '收件人', width: 10, kind: 'text', value: (r) => r.clerkName },
  { key: 'window', header: '窗口', width: 11, kind: 'text', value: (r) => r.windowCode },
  {
    key: 'department',
    header: '业务属地部门',
    width: 28,
    fitUpTo: 60,
    kind: 'text',
    value: (r) => r.departmentName ?? '',
  },
  { key: 'waybills', header: 'EMS运单号', width: 16, kind: 'text', value: (r) => r.waybillNos.join(' ') },
  { key: 'sync', header: '同步状态', width: 10, kind: 'text', value: (r) => LEDGER_SYNC_LABELS_ZH[r.syncState] },
  { key: 'departmentNo', header: '办理地部门编号', width: 20, kind: 'text', value: (r) => r.departmentNo ?? '' },
  {
    key: 'departmentDocuments',
    header: '办理地文书及文号',
    width: 24,
    fitUpTo: 60,
    kind: 'text',
    value: departmentDocumentsText,
  },
  {
    key: 'deptStatus',
    header: '部门办理状态',
    width: 14,
    kind: 'text',
    value: (r) => (r.deptStatus ? deptStatusLabel(r.deptStatus) : ''),
  },
  // 多地联办: each department's part and its status (decision 0215).
  {
    key: 'parts',
    header: '联办环节状态',
    width: 30,
    fitUpTo: 80,
    kind: 'text',
    value: (r) => ledgerPartsText(r.parts),
  },
  {
    key: 'rating',
    header: '评价',
    width: 11,
    kind: 'text',
    value: (r) => (r.rating ? RATING_LEVEL_LABELS_ZH[r.rating as 1 | 2 | 3 | 4 | 5] : ''),
  },
  {
    key: 'counterMinutes',
    header: '窗口用时（分钟）',
    width: 15,
    kind: 'number',
    value: (r) => (r.counterSeconds === null ? null : Math.round(r.counterSeconds / 6) / 10),
  },
];

/** A cell as text (CSV, PDF): dates as China wall-clock 'YYYY-MM-DD HH:MM'. */
export function columnText(col: LedgerColumn, row: LedgerEntry, no: number): string {
  const v = col.value(row, no);
  if (v === null) return '';
  return col.kind === 'datetime' ? chinaDateTime(String(v)) : String(v);
}

/**
 * Width of a text in Excel's column units (the width of "0" in the default font): a CJK or other
 * full-width character takes two, as it does on screen.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    w += cp >= 0x1100 && (cp <= 0x115f || cp >= 0x2e80) ? 2 : 1;
  }
  return w;
}

/** Widest value per column that fits its content (`fitUpTo`), for the rows of one export. */
export class ColumnFit {
  private readonly widest = new Map<string, number>();

  add(row: LedgerEntry, no: number): void {
    for (const c of LEDGER_COLUMNS) {
      if (!c.fitUpTo) continue;
      const w = displayWidth(String(c.value(row, no) ?? ''));
      if (w > (this.widest.get(c.key) ?? 0)) this.widest.set(c.key, w);
    }
  }

  /** The column's XLSX width: its default, widened to the widest value (plus a margin), capped at `fitUpTo`. */
  width(c: LedgerColumn): number {
    const content = this.widest.get(c.key);
    if (!c.fitUpTo || content === undefined) return c.width;
    return Math.min(c.fitUpTo, Math.max(c.width, content + 2));
  }
}
