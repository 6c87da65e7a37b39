// 问题处理 at the window: what the renderer sends (validated again in main) and what it is shown.
import { z } from 'zod';
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

/** Opening a ticket on a delivered case. */
export const openTicketSchema = z
  .object({ caseId: z.uuid(), category: z.enum(TICKET_CATEGORIES), body: text })
  .strict();
/** An answer or an addition to a ticket. */
export const answerTicketSchema = z.object({ ticketId: z.uuid(), body: text }).strict();
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
}

/** The 工作台's 问题处理 reminders and list. */
export interface TicketInbox {
  newCount: number;
  dueSoonCount: number;
  overdueCount: number;
  tickets: TicketView[];
}
