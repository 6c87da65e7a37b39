// 问题处理 at the window: what the renderer sends (validated again in main) and what it is shown.
import { z } from 'zod';
import { base64File } from './base64';
import {
  TICKET_CATEGORIES,
  TICKET_TEXT_MAX,
  type TicketCategory,
  type TicketStatus,
} from '@tongban/protocol/sync/tickets';

export { TICKET_CATEGORIES, TICKET_CATEGORY_LABELS_ZH, TICKET_STATUS_LABELS_ZH } from '@tongban/protocol/sync/tickets';
export type { TicketCategory, TicketStatus } from '@tongban/protocol/sync/tickets';

/** What a ticket's or message's text reads once retention cleared it with the case's personal data. */
export const TICKET_TEXT_PURGED = '（内容已按保存期限清除）';

const text = z.string().trim().min(1, 'required').max(TICKET_TEXT_MAX, 'too-long');

/** Most files a clerk attaches to one ticket or answer. */
export const TICKET_FILES_PER_MESSAGE = 3;
/** Largest file a clerk attaches (the gateway's limit for ticket files). */
export const TICKET_FILE_MAX_BYTES = 8 * 1024 * 1024;
/** Largest request carrying ticket files (base64 of them all, and the text). */
export const TICKET_FILES_PAYLOAD_MAX =
  Math.ceil((TICKET_FILES_PER_MESSAGE * TICKET_FILE_MAX_BYTES * 4) / 3) + 64 * 1024;

/** Files a clerk attaches (JPG/PNG/PDF, judged by content in main). */
const files = z
  .array(
    z
      .object({
        fileName: z.string().trim().min(1).max(100),
        dataBase64: base64File(Math.ceil(TICKET_FILE_MAX_BYTES / 3) * 4),
      })
      .strict(),
  )
  .max(TICKET_FILES_PER_MESSAGE, 'too-many')
  .optional();

/** Opening a ticket on a delivered case. */
export const openTicketSchema = z
  .object({ caseId: z.uuid(), category: z.enum(TICKET_CATEGORIES), body: text, files })
  .strict();
/** An answer or an addition to a ticket. */
export const answerTicketSchema = z.object({ ticketId: z.uuid(), body: text, files }).strict();
/** Opening a file of a ticket (fetched from the gateway the first time when it is the department's). */
export const ticketFileSchema = z.object({ attachmentId: z.uuid() }).strict();

/** A ticket file as the window shows it. */
export interface TicketFileView {
  attachmentId: string;
  messageId: string | null;
  side: 'window' | 'department' | 'supervisor';
  fileName: string;
  mediaType: string;
  size: number;
  /** false while a clerk's file waits in the outbox. */
  synced: boolean;
  /** Cleared by retention with the case. */
  purged: boolean;
}

/** A ticket file's bytes for viewing or saving. */
export interface TicketFileContent {
  fileName: string;
  mediaType: string;
  sha256: string;
  dataBase64: string;
}
/** Closing a ticket this window opened, with the reason. */
export const closeTicketSchema = z.object({ ticketId: z.uuid(), reason: text }).strict();

/** Where a ticket's deadline stands now. */
export type TicketDeadline = 'overdue' | 'due-soon' | 'later' | 'none';

/** One message of a ticket. */
export interface TicketMessageView {
  messageId: string;
  side: 'window' | 'department' | 'supervisor';
  author: string;
  body: string;
  at: string;
  /** false while a window message waits in the outbox. */
  synced: boolean;
  /** This message closed the ticket (its body is the reason). */
  closes: boolean;
}

/** A ticket as the window shows it. */
export interface TicketView {
  ticketId: string;
  caseId: string;
  receiptNo: string;
  matterName: string;
  category: TicketCategory;
  openedBySide: 'window' | 'department';
  openedBy: string;
  body: string;
  status: TicketStatus;
  openedAt: string;
  dueAt: string | null;
  escalatedAt: string | null;
  deadline: TicketDeadline;
  /** A department ticket or answer not yet shown at this window. */
  isNew: boolean;
  /** false while a window ticket waits in the outbox. */
  synced: boolean;
  messages: TicketMessageView[];
  /** Both sides' files, on the ticket itself or on a message (messageId). */
  files: TicketFileView[];
}

/** The 工作台's 问题处理 reminders and list. */
export interface TicketInbox {
  newCount: number;
  dueSoonCount: number;
  overdueCount: number;
  tickets: TicketView[];
}
