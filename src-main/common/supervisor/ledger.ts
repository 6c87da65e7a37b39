// The supervisor's daily ledger (台账): one masked row per case, the filters, and the labels
// the exports print. Pure: the services layer fills rows from SQLite or from a closed-day snapshot.
import { z } from 'zod';
import type { CaseOutcome } from '../cases/case-types';
import { CASE_STATUS_LABELS_ZH, type CaseStatus } from '@tongban/protocol/sync/status';
import type { SyncStateOfCase } from '../cases/case-types';
import { PART_STATUS_LABELS_ZH, type PartStatus } from '@tongban/protocol/sync/joint-parts';

/** Where a case is on its way to the department (cases.sync_state). */
/** A case's sync state as the ledger shows it: the one type of common/cases/case-types.ts. */
export type LedgerSyncState = SyncStateOfCase;

/** One ledger row. Personal values are masked when the row is built; nothing here is a full ID number. */
export interface LedgerEntry {
  caseId: string;
  businessDate: string;
  /** 收件凭证 (受理回执) number for accepted cases, else the notice number (一次性告知书 / 不予收件告知书). */
  documentNo: string;
  startedAt: string;
  decidedAt: string;
  /** Seconds at the counter (draft opened → decision); null when the case was resumed on a later day. */
  counterSeconds: number | null;
  matterCode: string;
  matterName: string;
  situationName: string;
  outcome: CaseOutcome;
  mode: 'self' | 'assisted' | 'proxy';
  applicantName: string;
  applicantIdMasked: string;
  agentName: string | null;
  clerkId: number;
  clerkName: string;
  windowCode: string;
  localityDivision: string;
  departmentName: string | null;
  waybillNos: string[];
  syncState: LedgerSyncState;
  departmentNo: string | null;
  deptStatus: string | null;
  /** 好差评 level 1..5 (5 = 非常满意), null when not rated. */
  rating: number | null;
  /** 陪办 and 错时/延时 services given with the case (absent in days closed before they were recorded). */
  services?: HallService[];
  /** 受理模式 the case was filed under (absent or null on cases filed before it was recorded; decision 0216). */
  acceptanceMode?: string | null;
  /** 多地联办: each department's part and its status (null: not sent yet); absent on other matters. */
  parts?: { name: string; departmentName: string; status: string | null }[];
  /** The 办理地 department's own documents (受理通知书, 决定书 …) with their 文号, as the status feed announced them. */
  departmentDocuments?: { title: string; documentNo: string }[];
}

/** The 办理地 documents of a ledger row as one line: '受理通知书 川公锦受〔2026〕12号；…'. */
export const departmentDocumentsText = (r: Pick<LedgerEntry, 'departmentDocuments'>): string =>
  (r.departmentDocuments ?? []).map((d) => `${d.title} ${d.documentNo}`).join('；');

/** The window's outcome as the ledger prints it: the window 收件s, except under 委托受理 where it 受理s. */
export function ledgerOutcomeLabel(outcome: CaseOutcome, acceptanceMode?: string | null): string {
  if (acceptanceMode === '委托受理' && outcome !== 'incomplete') return outcome === 'accepted' ? '受理' : '不予受理';
  return LEDGER_OUTCOME_LABELS_ZH[outcome];
}

/** The parts of a 多地联办 case in one line: '出生登记：已办结；医保参保登记：审查中'. */
export function ledgerPartsText(parts: LedgerEntry['parts']): string {
  return (parts ?? [])
    .map(
      (p) =>
        `${p.name}（${p.departmentName}）：${p.status ? (PART_STATUS_LABELS_ZH[p.status as PartStatus] ?? p.status) : '未送达'}`,
    )
    .join('；');
}

/** Services counted beside the mode: 陪办 and 错时/延时服务 (work plan 二(六)). */
export type HallService = 'accompanied' | 'off-hours';

/** Chinese names of the services as the ledger prints them. */
export const HALL_SERVICE_LABELS_ZH: Record<HallService, string> = { accompanied: '陪办', 'off-hours': '错时/延时' };

/** Outcome names as the ledger prints them: under 收受分离 the window 收件s (委托受理 rows: ledgerOutcomeLabel). */
export const LEDGER_OUTCOME_LABELS_ZH: Record<CaseOutcome, string> = {
  accepted: '收件',
  incomplete: '一次性告知',
  rejected: '不予收件',
};

/** Sync states as the ledger prints them. */
export const LEDGER_SYNC_LABELS_ZH: Record<LedgerSyncState, string> = {
  local: '未发送',
  sending: '发送中',
  delivered: '已送达',
  'needs-attention': '需处理',
};

/** The department status label, '—' when none yet. */
export function deptStatusLabel(status: string | null): string {
  if (!status) return '—';
  return CASE_STATUS_LABELS_ZH[status as CaseStatus] ?? status;
}

/** Longest range a ledger view or export covers (a quarter; a month is the usual case). */
export const MAX_LEDGER_DAYS = 93;

const isoDate = z.iso.date();

/** Fields of a ledger scope: one day (`date`) or a range (`from`, `to`), optionally one window or one clerk. */
export const ledgerScopeFields = {
  date: isoDate.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  windowCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{4,10}$/, 'window-code-format')
    .optional(),
  clerkId: z.number().int().positive().optional(),
};

type ScopeInput = { date?: string; from?: string; to?: string };

/** Checks a scope: a day or a complete range, in order, at most MAX_LEDGER_DAYS long. */
export function refineLedgerScope(s: ScopeInput, ctx: z.RefinementCtx): void {
  const single = s.date !== undefined;
  const range = s.from !== undefined || s.to !== undefined;
  if (single === range) ctx.addIssue({ code: 'custom', path: ['date'], message: 'date-or-range' });
  if (range && (!s.from || !s.to))
    ctx.addIssue({ code: 'custom', path: [s.from ? 'to' : 'from'], message: 'required' });
  if (s.from && s.to) {
    if (s.from > s.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'range-reversed' });
    else if (daysInRange(s.from, s.to) > MAX_LEDGER_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'range-too-long' });
  }
}

/** The ledger's scope. */
export const ledgerScopeSchema = z.object(ledgerScopeFields).strict().superRefine(refineLedgerScope);

/** A resolved scope: always a range. */
export interface LedgerScope {
  from: string;
  to: string;
  windowCode?: string;
  clerkId?: number;
}

/** Turns a parsed scope into a range. */
export function resolveScope(s: ScopeInput & { windowCode?: string; clerkId?: number }): LedgerScope {
  const from = s.date ?? (s.from as string);
  const to = s.date ?? (s.to as string);
  return {
    from,
    to,
    ...(s.windowCode ? { windowCode: s.windowCode } : {}),
    ...(s.clerkId ? { clerkId: s.clerkId } : {}),
  };
}

/** Number of calendar days from `from` to `to`, both included. */
export function daysInRange(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Every date of an inclusive range. */
export function eachDate(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/** China wall-clock 'YYYY-MM-DD HH:MM' of an ISO instant. */
export function chinaDateTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * A Date whose UTC fields are the China wall-clock time of the instant. Excel cells have no time
 * zone: exceljs writes a Date's UTC fields, so this makes the cell show the time the clerk saw.
 */
export function excelChinaDate(iso: string): Date {
  return new Date(Date.parse(iso) + 8 * 3_600_000);
}

/** One correction to a closed day, recorded when a change reached one of its cases. */
export interface LedgerAdjustment {
  id: number;
  /** The closed day whose ledger the change concerns. */
  businessDate: string;
  caseId: string;
  documentNo: string | null;
  /** The ledger field that changed: syncState, deptStatus, departmentNo, outcome, documentNo, businessDate, decidedAt, waybillNos, rating, caseAdded. */
  field: string;
  oldValue: string | null;
  newValue: string | null;
  recordedAt: string;
}

/** Chinese names of adjustment fields. */
export const ADJUSTMENT_FIELD_LABELS_ZH: Record<string, string> = {
  syncState: '同步状态',
  deptStatus: '部门办理状态',
  departmentNo: '部门受理编号',
  outcome: '办理结果',
  documentNo: '文书编号',
  businessDate: '业务日期（补齐后受理）',
  decidedAt: '办理时间',
  waybillNos: '新增运单号',
  rating: '补充评价',
  caseAdded: '日结后新增办件',
};

const RATING_WORDS: Record<string, string> = {
  '5': '非常满意',
  '4': '满意',
  '3': '基本满意',
  '2': '不满意',
  '1': '非常不满意',
};

/** An adjustment's old or new value as the exports print it ('—' for none). */
export function adjustmentValueLabel(field: string, value: string | null): string {
  if (value === null || value === '') return '—';
  switch (field) {
    case 'syncState':
      return LEDGER_SYNC_LABELS_ZH[value as LedgerSyncState] ?? value;
    case 'deptStatus':
      return deptStatusLabel(value);
    case 'outcome':
      return LEDGER_OUTCOME_LABELS_ZH[value as CaseOutcome] ?? value;
    case 'rating':
      return RATING_WORDS[value] ?? value;
    case 'decidedAt':
      return chinaDateTime(value);
    default:
      return value;
  }
}
