// What the supervisor commands return (the contract's output types).
import type { PrinterStatus } from '../printing/print-settings';
import type { LedgerAdjustment, LedgerEntry } from './ledger';
import type { DayTotals, LedgerSummary } from './ledger-summary';
import type { FollowUpStep, RatingIndicator } from '@tongban/protocol/supervisor/ratings';

/** A closed day (日结): its hash went into the audit chain; a reopened version keeps its record. */
export interface ClosedDayInfo {
  date: string;
  version: number;
  ledgerHash: string;
  totals: DayTotals;
  rowCount: number;
  closedAt: string;
  closedBy: string;
  auditSeq: number;
  /** Adjustments of this closing are those with a larger id. */
  adjustmentsAfter: number;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
}

/** A page of the ledger with the whole scope's summary. */
export interface LedgerView {
  from: string;
  to: string;
  windowCode: string | null;
  clerkId: number | null;
  hallName: string;
  generatedAt: string;
  summary: LedgerSummary;
  total: number;
  rows: LedgerEntry[];
  /** Current closed days in the scope (their rows come from the closed snapshot). */
  closedDays: ClosedDayInfo[];
  /** Corrections to earlier closed days recorded during the scope (newest last). */
  adjustments: LedgerAdjustment[];
}

/** Why a closed day no longer matches. */
export interface DayProblem {
  kind:
    | 'snapshot-tampered'
    | 'hash-not-in-audit'
    | 'audit-chain-broken'
    | 'case-changed'
    | 'case-missing'
    | 'case-unrecorded';
  caseId?: string;
  field?: string;
  expected?: unknown;
  actual?: unknown;
}

/** Result of `ledger:verifyDay`. */
export interface DayVerification {
  date: string;
  ok: boolean;
  closed: ClosedDayInfo;
  recomputedHash: string;
  adjustments: number;
  problems: DayProblem[];
}

/** A file written by an export; download it with `exports:download` (≤ 20 MB). */
export interface ExportResult {
  exportId: string;
  kind: 'ledger' | 'audit';
  format: 'xlsx' | 'csv' | 'pdf';
  fileName: string;
  path: string;
  size: number;
  sha256: string;
  rows: number;
  mediaType: string;
  createdAt: string;
}

/** An export's bytes, base64. */
export interface ExportDownload {
  fileName: string;
  mediaType: string;
  size: number;
  dataBase64: string;
}

/** What the customer screen shows for the applicant to confirm (masked). */
export interface RatingCaseSummary {
  documentNo: string;
  matterName: string;
  situationName: string;
  outcome: string;
  /** When the case was decided: an ISO instant (UTC), shown in China time by the screen. */
  decidedAt: string;
  applicantName: string;
  hallName: string;
  windowNo: string;
  clerkName: string;
}

/** A ticket the clerk opened; the customer screen is opened with `ticket`. */
export interface RatingTicketView {
  ticket: string;
  expiresAt: string;
  summary: RatingCaseSummary;
}

/** A rating as the supervisor lists it (contact masked). */
export interface RatingView {
  ratingId: string;
  caseId: string;
  documentNo: string | null;
  level: number;
  levelLabel: string;
  indicators: RatingIndicator[];
  comment: string;
  realName: boolean;
  contactName: string | null;
  contactPhoneMasked: string | null;
  clerkId: number;
  clerkName: string;
  windowCode: string;
  matterName: string;
  ratedAt: string;
  followUpId: string | null;
}

/** One recorded follow-up step. */
export interface FollowUpStepView {
  stepId: string;
  step: FollowUpStep;
  note: string;
  contacted: boolean | null;
  finding: string | null;
  byId: number;
  byName: string;
  at: string;
}

/** A 差评 follow-up on the supervisor's list. */
export interface FollowUpView {
  followUpId: string;
  ratingId: string;
  caseId: string;
  documentNo: string | null;
  level: number;
  comment: string;
  realName: boolean;
  clerkName: string;
  openedAt: string;
  dueDate: string;
  workingDays: number;
  /** false when the due date was counted through a year whose holiday data is not yet published. */
  dueVerified: boolean;
  state: 'open' | 'done';
  overdue: boolean;
  /** Working days left until the due date (negative when overdue); null when done. */
  workingDaysLeft: number | null;
  nextStep: FollowUpStep | null;
  steps: FollowUpStepView[];
  closedAt: string | null;
}

/** A follow-up with the rater's contact in full (needed for the callback; viewing it is audited). */
export interface FollowUpDetail extends FollowUpView {
  contact: { name: string; phone: string } | null;
}

/** One backup as recorded. */
export interface BackupRecord {
  backupId: string;
  fileName: string;
  path: string;
  trigger: 'scheduled' | 'manual';
  startedAt: string;
  finishedAt: string;
  state: 'ok' | 'failed';
  error: string | null;
  size: number | null;
  counts: { cases: number; auditLog: number } | null;
  /** false once rotated away or deleted. */
  present: boolean;
}

/** The backups page. */
export interface BackupsView {
  folder: string;
  intervalHours: number;
  keep: number;
  lastGood: BackupRecord | null;
  /** Hours since the last good backup (null when there is none). */
  lastGoodAgeHours: number | null;
  warning: boolean;
  backups: BackupRecord[];
}

/** Result of staging a restore. */
export interface RestoreResult {
  restartRequired: true;
  restoredFrom: string;
  counts: { cases: number; auditLog: number };
  /** The sync device must enrol again: the gateway then issues a new epoch. */
  reenrolmentRequired: true;
}

/** Result of a retention run (counts only: no personal data). */
export interface RetentionReport {
  cutoffDate: string;
  days: number;
  dryRun: boolean;
  cases: number;
  attachments: number;
  blobs: number;
  waybills: number;
  ratings: number;
  printedFiles: number;
  identityRows: number;
  /** 电子签名 cleared (image, strokes, text; hashes kept). */
  signatures: number;
  /** 问题处理 tickets whose text (and messages) was cleared. */
  tickets: number;
}

/** The supervisor's dashboard. */
export interface DashboardView {
  date: string;
  generatedAt: string;
  today: {
    total: number;
    accepted: number;
    incomplete: number;
    rejected: number;
    avgCounterSeconds: number | null;
    closed: boolean;
  };
  sync: {
    state: string;
    backlog: number;
    /** 好差评 and 回访 records not yet sent to the department. */
    unsentRecords: number;
    needsAttention: number;
    oldestUnsent: { caseId: string; documentNo: string | null; decidedAt: string; ageMinutes: number } | null;
    lastSuccessAt: string | null;
    reenrolmentRequired: boolean;
  };
  /** One entry per window of this installation; reader states are the identity module's (ready, card-present, reading, disconnected, error …), 'unknown' when none reports. */
  windows: {
    windowCode: string;
    windowNo: string;
    printers: PrinterStatus[];
    reader: { state: string; driver: string | null; detail: string | null };
  }[];
  ratings: {
    today: number;
    poorToday: number;
    /** Share of today's ratings at 基本满意 or better, in percent (0–100, one decimal); null with no rating. */
    satisfactionRate: number | null;
    byLevel: Record<'1' | '2' | '3' | '4' | '5', number>;
  };
  followUps: { open: number; overdue: number; dueWithin2WorkingDays: number };
  backups: { lastGoodAt: string | null; ageHours: number | null; warning: boolean; lastRunFailed: boolean };
  /** Days of the last 14 with cases that have not been closed yet (oldest first). */
  unclosedDays: string[];
}
