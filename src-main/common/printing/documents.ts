// What the app prints: document kinds, print formats, page sizes and the print log as the UI sees it.

/** Documents the window prints. */
export const DOCUMENT_KINDS = [
  'acceptance-receipt',
  'incomplete-notice',
  'rejection-notice',
  'material-transfer',
  'waybill',
  'power-of-attorney',
] as const;
/** A document kind. */
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** Output formats: thermal receipt rolls, A4 sheets, and EMS waybill labels. */
export const PRINT_FORMATS = ['thermal-80', 'thermal-58', 'a4', 'label-76x130', 'label-100x150'] as const;
/** A print format. */
export type PrintFormat = (typeof PRINT_FORMATS)[number];

/** Which formats each document comes in. */
export const DOCUMENT_FORMATS: Record<DocumentKind, readonly PrintFormat[]> = {
  'acceptance-receipt': ['thermal-80', 'thermal-58', 'a4'],
  'incomplete-notice': ['thermal-80', 'thermal-58', 'a4'],
  'rejection-notice': ['a4'],
  'material-transfer': ['a4'],
  waybill: ['label-76x130', 'label-100x150'],
  'power-of-attorney': ['a4'],
};

/**
 * Chinese titles of the window's documents under 收受分离 (the default 受理模式, 异地代收代办): the window
 * 收件s and the 办理地 department 受理s, so the window issues a 收件凭证 and a 不予收件告知书, never a
 * 受理/不予受理 document. `documentTitleZh` gives the title under each 受理模式.
 */
export const DOCUMENT_TITLES_ZH: Record<DocumentKind, string> = {
  'acceptance-receipt': '收件凭证',
  'incomplete-notice': '补正材料一次性告知书',
  'rejection-notice': '不予收件告知书',
  'material-transfer': '材料流转单',
  waybill: 'EMS邮件详情单',
  'power-of-attorney': '授权委托书',
};

/**
 * The printed title of a window document under a 受理模式: only under 委托受理 (the department has
 * delegated 受理 to the window, 行政许可法 §24) does the window issue 受理通知书 / 不予受理通知书; under
 * 全程网办 the window only helps file online, so its record is a 帮办凭证.
 */
export function documentTitleZh(kind: DocumentKind, mode: string): string {
  if (mode === '委托受理') {
    if (kind === 'acceptance-receipt') return '受理通知书';
    if (kind === 'rejection-notice') return '不予受理通知书';
  }
  if (mode === '全程网办' && kind === 'acceptance-receipt') return '网上申办帮办凭证';
  return DOCUMENT_TITLES_ZH[kind];
}

/** Chinese names of the formats. */
export const PRINT_FORMAT_LABELS_ZH: Record<PrintFormat, string> = {
  'thermal-80': '80毫米热敏小票',
  'thermal-58': '58毫米热敏小票',
  a4: 'A4纸',
  'label-76x130': '76×130毫米一联面单',
  'label-100x150': '100×150毫米二联面单',
};

/** The printer a format goes to. */
export type PrinterRole = 'thermal' | 'a4' | 'label';

/** The printer role of a format. */
export function printerRoleOf(format: PrintFormat): PrinterRole {
  if (format === 'thermal-80' || format === 'thermal-58') return 'thermal';
  return format === 'a4' ? 'a4' : 'label';
}

/**
 * The copy the next print of a document on `format`'s kind of paper will be, from the print log: one
 * more than the highest copy printed on that kind of paper (the main process counts the same way).
 */
export function nextCopyOf(
  log: readonly Pick<PrintLogEntry, 'kind' | 'state' | 'format' | 'documentNo' | 'copy'>[],
  kind: DocumentKind,
  format: PrintFormat,
  documentNo?: string,
): number {
  let highest = 0;
  for (const e of log) {
    if (
      e.kind === kind &&
      e.state === 'printed' &&
      printerRoleOf(e.format) === printerRoleOf(format) &&
      (documentNo === undefined || e.documentNo === documentNo)
    )
      highest = Math.max(highest, e.copy);
  }
  return highest + 1;
}

/** Page size in millimetres of a sheet or label format (thermal rolls have no fixed height). */
export const PAGE_SIZES_MM: Record<'a4' | 'label-76x130' | 'label-100x150', { widthMm: number; heightMm: number }> = {
  a4: { widthMm: 210, heightMm: 297 },
  'label-76x130': { widthMm: 76, heightMm: 130 },
  'label-100x150': { widthMm: 100, heightMm: 150 },
};

/** Paper width in millimetres of a thermal format. */
export const THERMAL_PAPER_MM: Record<'thermal-80' | 'thermal-58', number> = { 'thermal-80': 80, 'thermal-58': 58 };

/** The state of one print attempt: written as pending before the job is sent. */
export const PRINT_STATES = ['pending', 'printed', 'failed'] as const;
/** A print attempt's state. */
export type PrintState = (typeof PRINT_STATES)[number];

/** One row of the print log. */
export interface PrintLogEntry {
  printId: string;
  caseId: string;
  kind: DocumentKind;
  documentNo: string;
  format: PrintFormat;
  printer: string;
  userId: number;
  /** Login name, as recorded at the time of printing. */
  userName: string;
  /** The account's display name (what the clerks call each other). */
  userDisplayName: string;
  at: string;
  copy: number;
  reprint: boolean;
  state: PrintState;
  errorCode: string | null;
  outputPath: string | null;
}

/** What `print:document` returns. */
export interface PrintResult {
  printId: string;
  copy: number;
  reprint: boolean;
  output: 'printer' | 'pdf';
  pdfPath?: string;
}

/** What `print:preview` returns: HTML from the same template, or the exact PDF. */
export type PrintPreview =
  | { as: 'html'; html: string; copy: number; reprint: boolean }
  | { as: 'pdf'; pdfBase64: string; copy: number; reprint: boolean };

/** '2026-11-30' → '2026年11月30日', the form official documents use. */
export function formatChineseDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!m) throw new RangeError(`not an ISO date: ${isoDate}`);
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`;
}

/** Chinese mark of a reprint, printed on the document itself: '补打（第2份）'. */
export function reprintMark(copy: number): string {
  return `补打（第${copy}份）`;
}
