// SQL of 问题处理 at the window: tickets and messages written here (pushed through the outbox), the manifests
// they are pushed with (immutable once written), and the gateway's ticket states applied from the status feed.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { TicketManifest, TicketMessageManifest, TicketState } from '@tongban/protocol/sync/tickets';
import type { TicketCategory, TicketStatus } from '@common/tickets';
import { statement } from '../db/statements';
import { TicketFilesRepo } from './ticket-files-repo';

/** A ticket row with its case's receipt number, matter and filing clerk. */
export interface TicketRow {
  ticket_id: string;
  case_id: string;
  category: TicketCategory;
  opened_by_side: 'window' | 'department';
  opened_by: string;
  body: string;
  status: TicketStatus;
  opened_at: string;
  due_at: string | null;
  escalated_at: string | null;
  synced_at: string | null;
  seen_at: string | null;
  gateway_version: number;
  receipt_no: string;
  matter_name: string;
  clerk_id: number;
}

/** A message row. */
export interface MessageRow {
  message_id: string;
  ticket_id: string;
  side: 'window' | 'department' | 'supervisor';
  author: string;
  body: string;
  at: string;
  synced_at: string | null;
  closes: number;
}

const TICKET_SQL = `SELECT t.*, c.receipt_no, c.matter_name, c.clerk_id FROM case_tickets t JOIN cases c USING (case_id)`;

/** Reads and writes the window's tickets. */
export class TicketsRepo {
  readonly files: TicketFilesRepo;
  constructor(private readonly db: Database.Database) {
    this.files = new TicketFilesRepo(db);
  }

  ticket(ticketId: string): TicketRow | undefined {
    return statement<[string], TicketRow>(this.db, `${TICKET_SQL} WHERE t.ticket_id = ?`).get(ticketId);
  }

  ofCase(caseId: string): TicketRow[] {
    return statement<[string], TicketRow>(this.db, `${TICKET_SQL} WHERE t.case_id = ? ORDER BY t.opened_at`).all(
      caseId,
    );
  }

  /** Open tickets and answered ones not yet seen, oldest deadline first (at most 200). */
  active(clerkId: number | null): TicketRow[] {
    return statement<[number | null, number | null], TicketRow>(
      this.db,
      `${TICKET_SQL} WHERE (t.status = 'open' OR (t.status = 'answered' AND t.seen_at IS NULL))
         AND (? IS NULL OR c.clerk_id = ?) ORDER BY t.due_at IS NULL, t.due_at, t.opened_at LIMIT 200`,
    ).all(clerkId, clerkId);
  }

  messages(ticketIds: readonly string[]): MessageRow[] {
    if (ticketIds.length === 0) return [];
    return this.db
      .prepare(
        `SELECT * FROM case_ticket_messages WHERE ticket_id IN (${ticketIds.map(() => '?').join(',')}) ORDER BY at, message_id`,
      )
      .all(...ticketIds) as MessageRow[];
  }

  insertTicket(t: {
    ticketId: string;
    caseId: string;
    category: TicketCategory;
    byName: string;
    byUser: number;
    body: string;
    at: string;
  }): void {
    statement(
      this.db,
      `INSERT INTO case_tickets (ticket_id, case_id, category, opened_by_side, opened_by, opened_by_user, body, opened_at, seen_at)
       VALUES (@ticketId, @caseId, @category, 'window', @byName, @byUser, @body, @at, @at)`,
    ).run(t);
  }

  insertMessage(m: { messageId: string; ticketId: string; byName: string; body: string; at: string }): void {
    statement(
      this.db,
      `INSERT INTO case_ticket_messages (message_id, ticket_id, side, author, body, at) VALUES (@messageId, @ticketId, 'window', @byName, @body, @at)`,
    ).run(m);
    // Answering a department ticket: answered here at once (the gateway's state confirms it later).
    statement(
      this.db,
      `UPDATE case_tickets SET status = 'answered', answered_at = @at, seen_at = @at
       WHERE ticket_id = @ticketId AND opened_by_side = 'department' AND status = 'open'`,
    ).run(m);
  }

  /** Closes a ticket this window opened: the reason as a `closes` message, the ticket closed here at once. */
  insertClose(m: { messageId: string; ticketId: string; byName: string; body: string; at: string }): void {
    statement(
      this.db,
      `INSERT INTO case_ticket_messages (message_id, ticket_id, side, author, body, at, closes)
       VALUES (@messageId, @ticketId, 'window', @byName, @body, @at, 1)`,
    ).run(m);
    statement(
      this.db,
      `UPDATE case_tickets SET status = 'closed', closed_at = @at, seen_at = coalesce(seen_at, @at) WHERE ticket_id = @ticketId`,
    ).run(m);
  }

  markSeen(ticketId: string, at: string): void {
    statement(this.db, 'UPDATE case_tickets SET seen_at = ? WHERE ticket_id = ? AND seen_at IS NULL').run(at, ticketId);
  }

  /** The manifest a window ticket is pushed with, or null. */
  ticketManifest(ticketId: string): TicketManifest | null {
    const r = statement<
      [string],
      { case_id: string; category: TicketCategory; body: string; opened_by: string; opened_at: string }
    >(
      this.db,
      `SELECT case_id, category, body, opened_by, opened_at FROM case_tickets WHERE ticket_id = ? AND opened_by_side = 'window'`,
    ).get(ticketId);
    if (!r) return null;
    const files = this.files.manifestFiles(ticketId, null);
    return {
      ticketId,
      caseId: r.case_id,
      category: r.category,
      body: r.body,
      byName: r.opened_by,
      openedAt: r.opened_at,
      ...(files ? { attachments: files } : {}),
    };
  }

  /** The manifest a window message is pushed with, or null. */
  messageManifest(messageId: string): TicketMessageManifest | null {
    const r = statement<
      [string],
      { ticket_id: string; case_id: string; body: string; author: string; at: string; closes: number }
    >(
      this.db,
      `SELECT m.ticket_id, t.case_id, m.body, m.author, m.at, m.closes FROM case_ticket_messages m JOIN case_tickets t USING (ticket_id)
       WHERE m.message_id = ? AND m.side = 'window'`,
    ).get(messageId);
    if (!r) return null;
    const m = { messageId, ticketId: r.ticket_id, caseId: r.case_id, body: r.body, byName: r.author, at: r.at };
    const files = this.files.manifestFiles(r.ticket_id, messageId);
    return { ...m, ...(r.closes === 1 ? { closes: true as const } : {}), ...(files ? { attachments: files } : {}) };
  }

  /**
   * Applies the gateway's ticket states (in the caller's transaction): a newer version updates the ticket, a
   * ticket of a case this window does not hold is skipped, messages are inserted once. Returns the case ids touched.
   */
  applyStates(states: readonly TicketState[], receivedAt: string): string[] {
    const upsert = statement(
      this.db,
      `INSERT INTO case_tickets (ticket_id, case_id, category, opened_by_side, opened_by, body, status, opened_at, due_at,
         answered_at, escalated_at, closed_at, gateway_version, synced_at)
       SELECT @ticketId, @caseId, @category, @openedBySide, @openedBy, @body, @status, @openedAt, @dueAt,
         @answeredAt, @escalatedAt, @closedAt, @version, @receivedAt
       WHERE EXISTS (SELECT 1 FROM cases WHERE case_id = @caseId)
       ON CONFLICT (ticket_id) DO UPDATE SET status = excluded.status, due_at = excluded.due_at,
         answered_at = excluded.answered_at, escalated_at = excluded.escalated_at, closed_at = excluded.closed_at,
         gateway_version = excluded.gateway_version, synced_at = coalesce(case_tickets.synced_at, excluded.synced_at)
       WHERE excluded.gateway_version > case_tickets.gateway_version`,
    );
    const message = statement(
      this.db,
      `INSERT INTO case_ticket_messages (message_id, ticket_id, side, author, body, at, synced_at, closes)
       SELECT @messageId, @ticketId, @side, @author, @body, @at, @receivedAt, @closes
       WHERE EXISTS (SELECT 1 FROM case_tickets WHERE ticket_id = @ticketId)
       ON CONFLICT (message_id) DO NOTHING`,
    );
    const confirmed = statement(
      this.db,
      'UPDATE case_ticket_messages SET synced_at = ? WHERE message_id = ? AND synced_at IS NULL',
    );
    const unseen = statement(this.db, 'UPDATE case_tickets SET seen_at = NULL WHERE ticket_id = ?');
    const touched = new Set<string>();
    for (const s of states) {
      const { messages, attachments: _files, ...t } = s;
      if (upsert.run({ ...t, receivedAt }).changes === 0) continue;
      touched.add(s.caseId);
      let fromDepartment = this.files.applyState(s) > 0;
      for (const m of messages) {
        if (message.run({ ...m, closes: m.closes ? 1 : 0, ticketId: s.ticketId, receivedAt }).changes === 1) {
          if (m.side !== 'window') fromDepartment = true;
        } else confirmed.run(receivedAt, m.messageId);
      }
      // A new department message is new at this window (a new department ticket is inserted unseen).
      if (fromDepartment) unseen.run(s.ticketId);
    }
    return [...touched];
  }
}
