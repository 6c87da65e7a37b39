import { z } from 'zod';
import type { AuditEntry } from '../audit';
import type { Application, ApplyMode, MaterialHandling } from '@tongban/protocol/cases/application';
import type { MissingMaterial } from './formal-check';
import type { DepartmentDocument } from '@tongban/protocol/sync/department-documents';

/** Outcomes at the window (收受分离): 收件 ('accepted'), 一次性告知 (kept as 待补齐), 不予收件 ('rejected'). */
export const CASE_OUTCOMES = ['accepted', 'incomplete', 'rejected'] as const;
/** A window outcome. */
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

/** Chinese names of outcomes. */
export const CASE_OUTCOME_LABELS_ZH: Record<CaseOutcome, string> = {
  accepted: '已收件',
  incomplete: '待补齐',
  rejected: '不予收件',
};

/** One row of the case list; personal numbers are masked. */
export interface CaseSummary {
  caseId: string;
  outcome: CaseOutcome;
  receiptNo: string | null;
  noticeNo: string | null;
  businessDate: string;
  decidedAt: string;
  matterCode: string;
  matterName: string;
  situationName: string;
  mode: ApplyMode;
  applicantName: string;
  applicantIdMasked: string;
  applicantPhoneMasked: string;
  clerkId: number;
  clerkName: string;
  departmentName: string | null;
  /** Where the case is on its way to the department. */
  syncState: SyncStateOfCase;
  departmentNo: string | null;
  /** The department's latest status (received, reviewing, supplement-requested, approved, rejected, result-mailed …). */
  deptStatus: string | null;
  attentionReason: string | null;
  /** 多地联办: each department's part with its status (null before the gateway has the case); absent on other matters. */
  parts?: CasePartState[];
}

/** One department's part of a 多地联办 case as the window knows it (decision 0215). */
export interface CasePartState {
  code: string;
  name: string;
  departmentName: string;
  step: number;
  required: boolean;
  /** waiting / received / reviewing / supplement-requested / supplement-received / approved / rejected; null: not sent yet. */
  status: string | null;
  reason?: string | null;
}

/** A material as recorded with the case. */
export interface CaseMaterial {
  code: string;
  name: string;
  handling: MaterialHandling;
  pages: number;
  required: boolean;
}

/** An attachment as listed with a case or draft. */
export interface AttachmentInfo {
  attachmentId: string;
  materialCode: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
}

/** Everything about one case, for its detail page; the ID number is masked. */
export interface CaseDetail extends CaseSummary {
  startedAt: string;
  cataloguePromisedDays: number | null;
  /** The receiving department's code in the routing table (e.g. SC-CD-PSB), as reviewers sign in with it. */
  departmentId: string | null;
  localityDivision: string;
  localityName: string | null;
  catalogueVersion: string;
  application: Omit<Application, 'applicant' | 'agent'> & {
    applicant: Application['applicant'] & { idNumber: string };
    agent: (NonNullable<Application['agent']> & { idNumber: string }) | null;
  };
  materials: CaseMaterial[];
  attachments: AttachmentInfo[];
  missing: MissingMaterial[];
  rejectReason: string | null;
  deptReason: string | null;
  /** What the department asked for (需补正) and the result's waybill number. */
  deptDetails: {
    missing?: string[];
    waybillNo?: string;
    /** 网络送达: the result PDF the department attached to its decision (cases:result fetches it). */
    result?: { sha256: string; fileName: string; size: number };
    /** The 办理地 department's own documents (受理通知书, 决定书…); cases:result with `document` fetches one. */
    documents?: DepartmentDocument[];
  } | null;
  timeline: AuditEntry[];
  /** The department's side from the status feed (受理, 需补正, 办结 …), oldest first (全程记录, decision 0205). */
  departmentEvents: DepartmentEvent[];
}

/** One status event of the department as the feed brought it. */
export interface DepartmentEvent {
  at: string;
  status: string;
  reason: string | null;
  departmentNo: string | null;
  waybillNo: string | null;
}

/** Filters of the case list; a search text `q` looks across all days unless a range is given. */
/** Where an accepted case is on its way to the department. */
export const CASE_SYNC_STATES = ['local', 'sending', 'delivered', 'needs-attention'] as const;
/** One of CASE_SYNC_STATES. */
export type SyncStateOfCase = (typeof CASE_SYNC_STATES)[number];
/** What the list filters by: a state, or 未送达 (saved here or still sending). */
export const CASE_SYNC_FILTERS = [...CASE_SYNC_STATES, 'undelivered'] as const;
/** One of CASE_SYNC_FILTERS. */
export type CaseSyncFilter = (typeof CASE_SYNC_FILTERS)[number];

export const caseQuerySchema = z
  .object({
    date: z.iso.date().optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    outcome: z.enum(CASE_OUTCOMES).optional(),
    /** Without dates or a search, a state other than 已送达 lists such cases of every day. */
    syncState: z.enum(CASE_SYNC_FILTERS).optional(),
    /** 需补正 only: the cases the department asked to complete, of every day unless dates are given. */
    deptStatus: z.literal('supplement-requested').optional(),
    matterCode: z.string().max(40).optional(),
    clerkId: z.number().int().positive().optional(),
    q: z.string().trim().max(50).optional(),
    limit: z.number().int().min(1).max(200).default(50),
    offset: z.number().int().min(0).max(100_000).default(0),
  })
  .strict();

/** Filters of the case list. */
export type CaseQuery = z.infer<typeof caseQuerySchema>;

/** How a search text was understood. */
export type SearchKind = 'receipt-no' | 'id-number' | 'phone' | 'number-tail' | 'name-prefix';

/** A page of the case list. */
export interface CaseList {
  rows: CaseSummary[];
  /** Matches, counted up to a cap (see `totalIsLowerBound`). */
  total: number;
  /** True when there are more matches than `total` says. */
  totalIsLowerBound: boolean;
  searchKind: SearchKind | null;
}
