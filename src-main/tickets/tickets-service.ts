// 问题处理 at the window (issue #19): the clerk opens a ticket on a delivered case or answers the department's,
// in one transaction with its outbox row (so it survives offline periods and restarts) and an audit entry; the
// 工作台 shows open tickets with reminders (new, due within 2 working days, overdue). Deadlines come from the
// gateway; their state is counted here with the same holiday calendar.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { HolidayCalendar } from '@common/printing/holiday-data';
import { deadlineState } from '@tongban/protocol/calendar/deadlines';
import { AppError } from '@common/errors';
import type { TicketDeadline, TicketFileContent, TicketInbox, TicketView } from '@common/tickets';
import type { z } from 'zod';
import type { answerTicketSchema, closeTicketSchema, openTicketSchema } from '@common/tickets';
import type { AuditLog } from '../audit/audit-log';
import { notFound, restrictedTo, visibleCase } from '../cases/case-access';
import { uuidv7 } from '../cases/ids';
import type { Staff } from '../cases/intake-service';
import { statement } from '../db/statements';
import { enqueueRecord } from '../sync/outbox';
import type { ClientOptions } from '../sync/gateway-client';
import type { SyncDevice } from '../sync/sync-repo';
import { addFiles, checkFiles, fileContent, fileViews } from './ticket-files';
import { TicketsRepo, type TicketRow } from './tickets-repo';

/** What the tickets service needs. */
export interface TicketsDeps {
  db: Database.Database;
  audit: AuditLog;
  calendar: HolidayCalendar;
  now: () => Date;
}

/** Tickets at the window. */
export class TicketsService {
  readonly repo: TicketsRepo;
  constructor(private readonly d: TicketsDeps) {
    this.repo = new TicketsRepo(d.db);
  }

  private deadline(r: TicketRow): TicketDeadline {
    if (r.status !== 'open' || !r.due_at) return 'none';
    return deadlineState(r.due_at, this.d.now(), this.d.calendar);
  }

  private views(rows: TicketRow[]): TicketView[] {
    const messages = this.repo.messages(rows.map((r) => r.ticket_id));
    const files = this.repo.files.ofTickets(rows.map((r) => r.ticket_id));
    return rows.map((r) => ({
      ticketId: r.ticket_id,
      caseId: r.case_id,
      receiptNo: r.receipt_no,
      matterName: r.matter_name,
      category: r.category,
      openedBySide: r.opened_by_side,
      openedBy: r.opened_by === 'system' ? '系统自动' : r.opened_by,
      body: r.body,
      status: r.status,
      openedAt: r.opened_at,
      dueAt: r.due_at,
      escalatedAt: r.escalated_at,
      deadline: this.deadline(r),
      isNew: r.seen_at === null,
      synced: r.synced_at !== null,
      messages: messages
        .filter((m) => m.ticket_id === r.ticket_id)
        .map((m) => ({
          messageId: m.message_id,
          side: m.side,
          author: m.author,
          body: m.body,
          at: m.at,
          synced: m.synced_at !== null || m.side !== 'window',
          closes: m.closes === 1,
        })),
      files: fileViews(files, r.ticket_id),
    }));
  }

  private visibleTicket(staff: Staff, ticketId: string): TicketRow {
    return visibleCase(staff, this.repo.ticket(ticketId), (t) => t.clerk_id);
  }

  /** The tickets of a case the caller may see. */
  forCase(staff: Staff, caseId: string): TicketView[] {
    const c = statement<[string], { clerk_id: number }>(this.d.db, 'SELECT clerk_id FROM cases WHERE case_id = ?').get(
      caseId,
    );
    visibleCase(staff, c, (x) => x.clerk_id);
    return this.views(this.repo.ofCase(caseId));
  }

  /** The 工作台's 问题处理: open tickets (and unseen answers) with the reminder counts. */
  inbox(staff: Staff): TicketInbox {
    const tickets = this.views(this.repo.active(restrictedTo(staff) ?? null));
    const open = tickets.filter((t) => t.status === 'open');
    return {
      newCount: tickets.filter((t) => t.isNew).length,
      dueSoonCount: open.filter((t) => t.deadline === 'due-soon').length,
      overdueCount: open.filter((t) => t.deadline === 'overdue').length,
      tickets,
    };
  }

  /** Opens a ticket on a case that went to the department; queued for the gateway in the same transaction. */
  open(staff: Staff, input: z.output<typeof openTicketSchema>): TicketView {
    const c = statement<[string], { clerk_id: number }>(this.d.db, 'SELECT clerk_id FROM cases WHERE case_id = ?').get(
      input.caseId,
    );
    visibleCase(staff, c, (x) => x.clerk_id);
    const files = checkFiles(input.files);
    const now = this.d.now();
    const ticketId = uuidv7(now.getTime());
    const at = now.toISOString();
    this.d.db.transaction(() => {
      this.repo.insertTicket({
        ticketId,
        caseId: input.caseId,
        category: input.category,
        byName: staff.name,
        byUser: staff.id,
        body: input.body,
        at,
      });
      // Only cases sent to the department (受理) have someone to answer; the insert is undone otherwise.
      if (!enqueueRecord(this.d.db, input.caseId, 'ticket', ticketId, at))
        throw new AppError('conflict', 'this case was not sent to the department', {
          fields: [{ path: 'caseId', code: 'case-not-sent' }],
        });
      addFiles(
        this.d.db,
        this.repo.files,
        { caseId: input.caseId, ticketId, messageId: null, at, now: now.getTime() },
        files,
      );
      this.d.audit.append({
        actor: staff,
        action: 'ticket.open',
        target: `case:${input.caseId}`,
        details: { ticketId, category: input.category, files: files.map((f) => f.sha256) },
      });
    })();
    return this.views([this.repo.ticket(ticketId) as TicketRow])[0] as TicketView;
  }

  /** Answers (or adds to) a ticket; queued for the gateway in the same transaction. */
  answer(staff: Staff, input: z.output<typeof answerTicketSchema>): TicketView {
    const t = this.visibleTicket(staff, input.ticketId);
    if (t.status === 'closed')
      throw new AppError('conflict', 'the ticket is closed', { fields: [{ path: 'ticketId', code: 'ticket-closed' }] });
    const files = checkFiles(input.files);
    const now = this.d.now();
    const messageId = uuidv7(now.getTime());
    const at = now.toISOString();
    this.d.db.transaction(() => {
      this.repo.insertMessage({ messageId, ticketId: t.ticket_id, byName: staff.name, body: input.body, at });
      if (!enqueueRecord(this.d.db, t.case_id, 'ticket-message', messageId, at)) throw notFound('case');
      const where = { caseId: t.case_id, ticketId: t.ticket_id, messageId, at, now: now.getTime() };
      addFiles(this.d.db, this.repo.files, where, files);
      this.d.audit.append({
        actor: staff,
        action: 'ticket.answer',
        target: `case:${t.case_id}`,
        details: { ticketId: t.ticket_id, messageId, files: files.map((f) => f.sha256) },
      });
    })();
    return this.views([this.repo.ticket(t.ticket_id) as TicketRow])[0] as TicketView;
  }

  /** Closes a ticket this window opened, with the reason; queued for the gateway in the same transaction. */
  close(staff: Staff, input: z.output<typeof closeTicketSchema>): TicketView {
    const t = this.visibleTicket(staff, input.ticketId);
    if (t.status === 'closed')
      throw new AppError('conflict', 'the ticket is closed', { fields: [{ path: 'ticketId', code: 'ticket-closed' }] });
    if (t.opened_by_side !== 'window')
      throw new AppError('forbidden', 'only the side that opened a ticket closes it', {
        fields: [{ path: 'ticketId', code: 'ticket-not-opener' }],
      });
    const now = this.d.now();
    const messageId = uuidv7(now.getTime());
    const at = now.toISOString();
    this.d.db.transaction(() => {
      this.repo.insertClose({ messageId, ticketId: t.ticket_id, byName: staff.name, body: input.reason, at });
      if (!enqueueRecord(this.d.db, t.case_id, 'ticket-message', messageId, at)) throw notFound('case');
      this.d.audit.append({
        actor: staff,
        action: 'ticket.close',
        target: `case:${t.case_id}`,
        details: { ticketId: t.ticket_id, messageId },
      });
    })();
    return this.views([this.repo.ticket(t.ticket_id) as TicketRow])[0] as TicketView;
  }

  /** A ticket file's bytes for the caller (whose case it must be); the department's fetched the first time. */
  async file(
    staff: Staff,
    attachmentId: string,
    device: SyncDevice | null,
    client: ClientOptions,
  ): Promise<TicketFileContent> {
    const row = this.repo.files.get(attachmentId);
    if (!row) throw new AppError('not-found', 'no such ticket file');
    const t = this.visibleTicket(staff, row.ticket_id);
    return fileContent(this.repo.files, { ...row, case_id: t.case_id }, device, client);
  }

  /** Marks a ticket seen (its reminder goes away). */
  markSeen(staff: Staff, ticketId: string): null {
    this.visibleTicket(staff, ticketId);
    this.repo.markSeen(ticketId, this.d.now().toISOString());
    return null;
  }
}
