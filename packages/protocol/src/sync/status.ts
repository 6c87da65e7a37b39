// Case statuses as the department decides them, and the status feed the windows pull.
import { z } from 'zod';
import { departmentDocumentSchema } from './department-documents';
import { ticketStateSchema } from './tickets';
import { partStateSchema } from './joint-parts';

/** Every status a case can have at the gateway, in the usual order of a case's life. */
export const CASE_STATUSES = [
  'received',
  'reviewing',
  'supplement-requested',
  'supplement-received',
  'approved',
  'rejected',
  'result-mailed',
] as const;

/** A case status. */
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Chinese names of the statuses, as the clerk and the reviewer see them. */
export const CASE_STATUS_LABELS_ZH: Record<CaseStatus, string> = {
  received: '已送达',
  reviewing: '审查中',
  'supplement-requested': '需补正',
  'supplement-received': '已补正',
  approved: '已办结（准予）',
  rejected: '不予办理',
  'result-mailed': '结果已寄出',
};

/**
 * Allowed status changes. `received` is made by the first push and `supplement-received` by a
 * supplement push from the window; all others are department actions.
 */
export const STATUS_TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  // received → rejected is the department's 不予受理 (行政许可法 §32 第一款第（二）（三）项).
  received: ['reviewing', 'rejected'],
  reviewing: ['supplement-requested', 'approved', 'rejected'],
  'supplement-requested': ['supplement-received', 'rejected'],
  'supplement-received': ['reviewing', 'supplement-requested', 'approved', 'rejected'],
  approved: ['result-mailed'],
  rejected: ['result-mailed'],
  'result-mailed': [],
};

/** Whether a case in status `from` may move to `to`. */
export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return STATUS_TRANSITIONS[from].includes(to);
}

/**
 * One status change. Clients apply it idempotently: insert-or-ignore on `eventId`, and only when
 * `caseVersion` is newer than what they hold. Unknown keys are stripped (forward compatible).
 */
export const statusEventSchema = z.object({
  eventId: z.uuid(),
  caseId: z.uuid(),
  caseVersion: z.number().int().min(1),
  status: z.enum(CASE_STATUSES),
  reason: z.string().nullable(),
  details: z.object({
    missing: z.array(z.string()).optional(),
    waybillNo: z.string().optional(),
    departmentNo: z.string().optional(),
    /** 网络送达: the result PDF attached with the decision (GET /v1/cases/{caseId}/result fetches it). */
    result: z.object({ sha256: z.string(), fileName: z.string(), size: z.number() }).optional(),
    /** Every document the 办理地 department has issued on the case so far (受理通知书, 决定书…), newest last. */
    documents: z.array(departmentDocumentSchema).max(8).optional(),
    /** 多地联办: every part's status after this event (decision 0215). */
    parts: z.array(partStateSchema).optional(),
  }),
  at: z.iso.datetime({ offset: true }),
});

/** A status event. */
export type StatusEvent = z.infer<typeof statusEventSchema>;

/** A page of `GET /v1/status-events`; `nextCursor` is opaque and always present (send it back as is). */
export const statusFeedSchema = z.object({
  events: z.array(statusEventSchema),
  /** 问题处理 tickets changed in this page's range (absent from gateways before #19). */
  tickets: z.array(ticketStateSchema).optional(),
  nextCursor: z.string().min(1),
  hasMore: z.boolean(),
});

/** A page of the status feed. */
export type StatusFeed = z.infer<typeof statusFeedSchema>;

/** Default and largest `limit` of one status feed page. */
export const FEED_PAGE_LIMITS = { default: 100, max: 500 } as const;
