// 问题处理 (issue #19): problem tickets on a case. A window opens or answers a ticket with a signed PUT (via the
// outbox, so offline work waits); the gateway sends every ticket's current state back in the status feed
// (`tickets` beside `events`), whoever changed it. Deadlines are counted by the gateway in working days.
import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { ATTACHMENT_MEDIA_TYPES } from './manifest';

/** Ticket categories (case_tickets.category). */
export const TICKET_CATEGORIES = [
  'material-question',
  'originals-missing',
  'applicant-request',
  'system',
  'other',
] as const;

/** A ticket category. */
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** Chinese names of the categories. */
export const TICKET_CATEGORY_LABELS_ZH: Record<TicketCategory, string> = {
  'material-question': '材料疑问',
  'originals-missing': '原件未到/破损',
  'applicant-request': '申请人诉求',
  system: '系统问题',
  other: '其他',
};

/** Ticket statuses (case_tickets.status). */
export const TICKET_STATUSES = ['open', 'answered', 'closed'] as const;
/** A ticket status. */
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Chinese names of the statuses. */
export const TICKET_STATUS_LABELS_ZH: Record<TicketStatus, string> = {
  open: '待答复',
  answered: '已答复',
  closed: '已关闭',
};

/** Longest ticket or message text. */
export const TICKET_TEXT_MAX = 1000;

const text = z.string().min(1, 'required').max(TICKET_TEXT_MAX, 'too-long');
const instant = z.iso.datetime({ offset: true });

/** Most files on one ticket or message. */
export const TICKET_ATTACHMENTS_MAX = 5;
/** Largest ticket attachment (the window's limit for a scanned file; a window reads replies up to 8 MiB). */
export const TICKET_ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * A file on a ticket or message (JPEG/PNG/PDF, type judged by content at the window). Declared in the manifest,
 * its bytes follow through `PUT /v1/cases/{caseId}/attachments/{id}` (size and SHA-256 checked); it never counts
 * toward the case's completeness.
 */
export const ticketAttachmentSchema = z.strictObject({
  id: z.uuid(),
  name: z.string().min(1, 'required').max(100, 'too-long'),
  type: z.enum(ATTACHMENT_MEDIA_TYPES),
  size: z.number().int().min(1).max(TICKET_ATTACHMENT_MAX_BYTES),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256-format'),
});

/** A ticket attachment. */
export type TicketAttachment = z.infer<typeof ticketAttachmentSchema>;

const attachmentList = z
  .array(ticketAttachmentSchema)
  .min(1)
  .max(TICKET_ATTACHMENTS_MAX)
  .refine((a) => new Set(a.map((x) => x.id)).size === a.length, 'duplicate-id')
  .optional();

/** `PUT /v1/cases/{caseId}/tickets/{ticketId}`: the window opens a ticket. */
export const ticketManifestSchema = z.strictObject({
  ticketId: z.uuid(),
  caseId: z.uuid(),
  category: z.enum(TICKET_CATEGORIES),
  body: text,
  byName: z.string().min(1, 'required').max(50, 'too-long'),
  openedAt: instant,
  /** Files (absent when none, so older manifests keep their hash). */
  attachments: attachmentList,
});

/** A ticket manifest. */
export type TicketManifest = z.infer<typeof ticketManifestSchema>;

/**
 * `PUT /v1/cases/{caseId}/tickets/{ticketId}/messages/{messageId}`: the window answers (or adds to) a ticket.
 * `closes: true` closes a ticket the window opened, `body` being the reason (absent on ordinary messages, so
 * their canonical text and hash are unchanged).
 */
export const ticketMessageManifestSchema = z.strictObject({
  messageId: z.uuid(),
  ticketId: z.uuid(),
  caseId: z.uuid(),
  body: text,
  byName: z.string().min(1, 'required').max(50, 'too-long'),
  at: instant,
  closes: z.literal(true).optional(),
  /** Files (absent when none, so older manifests keep their hash). */
  attachments: attachmentList,
});

/** A ticket message manifest. */
export type TicketMessageManifest = z.infer<typeof ticketMessageManifestSchema>;

/** The text whose SHA-256 is a ticket manifest's idempotency hash. */
export function ticketCanonicalText(m: TicketManifest | TicketMessageManifest): string {
  return canonicalJson(m);
}

/** One message of a ticket as the feed carries it. */
export const ticketMessageSchema = z.object({
  messageId: z.uuid(),
  side: z.enum(['window', 'department', 'supervisor']),
  author: z.string(),
  body: z.string(),
  at: instant,
  /** This message closed the ticket (its body is the reason); absent otherwise. */
  closes: z.literal(true).optional(),
});

/**
 * A ticket's whole current state, as the status feed carries it after each change. Clients upsert it by
 * ticketId (a later `version` wins) and insert-or-ignore its messages. Unknown keys are stripped.
 */
export const ticketStateSchema = z.object({
  ticketId: z.uuid(),
  caseId: z.uuid(),
  version: z.number().int().min(1),
  category: z.enum(TICKET_CATEGORIES),
  openedBySide: z.enum(['window', 'department']),
  openedBy: z.string(),
  body: z.string(),
  status: z.enum(TICKET_STATUSES),
  openedAt: instant,
  dueAt: instant,
  answeredAt: instant.nullable(),
  escalatedAt: instant.nullable(),
  closedAt: instant.nullable(),
  messages: z.array(ticketMessageSchema),
  /**
   * The ticket's files, both sides' (absent from older gateways). `messageId` null: on the ticket itself.
   * `ready`: the gateway holds the verified bytes (the window fetches the department's with
   * `GET /v1/cases/{caseId}/tickets/{ticketId}/attachments/{id}`).
   */
  attachments: z
    .array(
      z.object({
        id: z.uuid(),
        messageId: z.uuid().nullable(),
        side: z.enum(['window', 'department', 'supervisor']),
        name: z.string(),
        type: z.enum(ATTACHMENT_MEDIA_TYPES),
        size: z.number().int().min(1),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        ready: z.boolean(),
      }),
    )
    .optional(),
});

/** A ticket's state. */
export type TicketState = z.infer<typeof ticketStateSchema>;
