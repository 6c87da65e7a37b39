// 问题处理 tickets at the gateway: opening, messages (an answer from the other side marks the ticket answered),
// and the feed row each change writes (ticket_events, read by the status feed). Window pushes are idempotent
// by id and canonical hash, like 好差评 records; department and system changes are audited.
import { createHash, randomUUID } from 'node:crypto';
import type { HolidayCalendar } from '@tongban/protocol/calendar/holiday-data';
import { dueInstant } from '@tongban/protocol/calendar/deadlines';
import {
  ticketCanonicalText,
  type TicketCategory,
  type TicketManifest,
  type TicketMessageManifest,
  type TicketState,
} from '@tongban/protocol/sync/tickets';
import type { RecordPushResponse } from '@tongban/protocol/sync/records';
import { audit } from '../audit';
import type { Queryable } from '../db/pool';
import { lockCase, lockDeviceCase } from '../feed/events';
import { GatewayError } from '../http/errors';
import { declareTicketFiles, ticketFiles } from './attachments';
import type { TicketPolicy } from './policy';

/** What counting a deadline needs. */
export interface TicketClock {
  policy: TicketPolicy;
  calendar: HolidayCalendar;
  now: () => Date;
}

/** Side of a ticket or message. */
export type Side = 'window' | 'department';

export interface TicketRow {
  ticket_id: string;
  case_id: string;
  district: string;
  department_id: string;
  version: number;
  category: TicketCategory;
  opened_by_side: Side;
  opened_by: string;
  body: string;
  status: TicketState['status'];
  opened_at: Date;
  due_at: Date;
  answered_at: Date | null;
  escalated_at: Date | null;
  closed_at: Date | null;
  manifest_hash: string | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Records a change of a ticket in the status feed's order. */
export async function ticketChanged(db: Queryable, ticketId: string, district: string): Promise<void> {
  await db.query('INSERT INTO ticket_events (ticket_id, district) VALUES ($1, $2)', [ticketId, district]);
}

/** The current states of some tickets with their messages, in the order of `ids`. */
export async function ticketStates(db: Queryable, ids: readonly string[]): Promise<TicketState[]> {
  if (ids.length === 0) return [];
  const { rows } = await db.query<TicketRow>('SELECT * FROM case_tickets WHERE ticket_id = ANY($1::uuid[])', [ids]);
  const { rows: messages } = await db.query<{
    message_id: string;
    ticket_id: string;
    side: 'window' | 'department' | 'supervisor';
    author: string;
    body: string;
    created_at: Date;
    closes: boolean;
  }>(
    'SELECT message_id, ticket_id, side, author, body, created_at, closes FROM case_ticket_messages WHERE ticket_id = ANY($1::uuid[]) ORDER BY created_at, message_id',
    [ids],
  );
  const byId = new Map(rows.map((r) => [r.ticket_id, r]));
  const files = await ticketFiles(db, ids);
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        ticketId: r.ticket_id,
        caseId: r.case_id,
        version: r.version,
        category: r.category,
        openedBySide: r.opened_by_side,
        openedBy: r.opened_by,
        body: r.body,
        status: r.status,
        openedAt: r.opened_at.toISOString(),
        dueAt: r.due_at.toISOString(),
        answeredAt: iso(r.answered_at),
        escalatedAt: iso(r.escalated_at),
        closedAt: iso(r.closed_at),
        messages: messages
          .filter((m) => m.ticket_id === id)
          .map((m) => ({
            messageId: m.message_id,
            side: m.side,
            author: m.author,
            body: m.body,
            at: m.created_at.toISOString(),
            ...(m.closes ? { closes: true as const } : {}),
          })),
        attachments: files.get(id) ?? [],
      },
    ];
  });
}

/** Tickets of a case, oldest first. */
export async function caseTickets(db: Queryable, caseId: string): Promise<TicketState[]> {
  const { rows } = await db.query<{ ticket_id: string }>(
    'SELECT ticket_id FROM case_tickets WHERE case_id = $1 ORDER BY opened_at, ticket_id',
    [caseId],
  );
  return ticketStates(
    db,
    rows.map((r) => r.ticket_id),
  );
}

/** A new ticket on a locked case. */
export async function insertTicket(
  db: Queryable,
  clock: TicketClock,
  t: {
    ticketId: string;
    caseId: string;
    district: string;
    departmentId: string;
    category: TicketCategory;
    side: Side;
    by: string;
    body: string;
    manifestHash: string | null;
  },
): Promise<Date> {
  const openedAt = clock.now();
  const dueAt = dueInstant(openedAt, clock.policy.dueDays[t.category], clock.calendar);
  await db.query(
    `INSERT INTO case_tickets (ticket_id, case_id, district, department_id, category, opened_by_side, opened_by, body, opened_at, due_at, manifest_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      t.ticketId,
      t.caseId,
      t.district,
      t.departmentId,
      t.category,
      t.side,
      t.by,
      t.body,
      openedAt,
      dueAt,
      t.manifestHash,
    ],
  );
  await ticketChanged(db, t.ticketId, t.district);
  return openedAt;
}

/**
 * A message on a ticket; an answer from the side that did not open an open ticket marks it answered; a message
 * that `closes` it (its body the reason) closes it: it no longer escalates, nothing more is added.
 */
export async function insertMessage(
  db: Queryable,
  now: Date,
  m: {
    messageId: string;
    ticket: TicketRow;
    side: Side | 'supervisor';
    by: string;
    body: string;
    manifestHash: string | null;
    closes?: boolean;
  },
): Promise<void> {
  const closes = m.closes === true;
  await db.query(
    `INSERT INTO case_ticket_messages (message_id, ticket_id, side, author, body, created_at, manifest_hash, closes)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [m.messageId, m.ticket.ticket_id, m.side, m.by, m.body, now, m.manifestHash, closes],
  );
  const answers = !closes && m.side !== m.ticket.opened_by_side && m.ticket.status === 'open';
  await db.query(
    `UPDATE case_tickets SET version = version + 1,
       status = CASE WHEN $4 THEN 'closed' WHEN $2 THEN 'answered' ELSE status END,
       answered_at = CASE WHEN $2 THEN $3::timestamptz ELSE answered_at END,
       closed_at = CASE WHEN $4 THEN $3::timestamptz ELSE closed_at END
     WHERE ticket_id = $1`,
    [m.ticket.ticket_id, answers, now, closes],
  );
  await ticketChanged(db, m.ticket.ticket_id, m.ticket.district);
}

/** A ticket row locked for the transaction, or null. */
export async function lockTicket(db: Queryable, ticketId: string): Promise<TicketRow | null> {
  const { rows } = await db.query<TicketRow>('SELECT * FROM case_tickets WHERE ticket_id = $1 FOR UPDATE', [ticketId]);
  return rows[0] ?? null;
}

/** SHA-256 hex of a ticket manifest's canonical text. */
export function ticketHash(m: TicketManifest | TicketMessageManifest): string {
  return createHash('sha256').update(ticketCanonicalText(m), 'utf8').digest('hex');
}

/** A window opens a ticket (PUT): 201 the first time, 200 on a replay, 422 for another body under the id. */
export async function storeWindowTicket(
  db: Queryable,
  clock: TicketClock,
  m: TicketManifest,
  device: { deviceId: string; district: string },
): Promise<{ created: boolean; answer: RecordPushResponse }> {
  const locked = await lockDeviceCase(db, m.caseId, device.district);
  const hash = ticketHash(m);
  const existing = await lockTicket(db, m.ticketId);
  if (existing) {
    if (existing.manifest_hash !== hash)
      throw new GatewayError('manifest-mismatch', 'this id was received with another manifest');
    return {
      created: false,
      answer: { id: m.ticketId, caseId: m.caseId, receivedAt: existing.opened_at.toISOString() },
    };
  }
  const at = await insertTicket(db, clock, {
    ticketId: m.ticketId,
    caseId: m.caseId,
    district: locked.district,
    departmentId: locked.departmentId,
    category: m.category,
    side: 'window',
    by: m.byName,
    body: m.body,
    manifestHash: hash,
  });
  await declareTicketFiles(db, { caseId: m.caseId, ticketId: m.ticketId, messageId: null }, m.attachments);
  return { created: true, answer: { id: m.ticketId, caseId: m.caseId, receivedAt: at.toISOString() } };
}

/** A window's message on a ticket (PUT), idempotent like the ticket itself. */
export async function storeWindowMessage(
  db: Queryable,
  clock: TicketClock,
  m: TicketMessageManifest,
  device: { deviceId: string; district: string },
): Promise<{ created: boolean; answer: RecordPushResponse }> {
  await lockDeviceCase(db, m.caseId, device.district);
  const ticket = await lockTicket(db, m.ticketId);
  // The window's own ticket may still be behind this message in its outbox: retried.
  if (!ticket) throw new GatewayError('out-of-order', 'the ticket has not arrived');
  if (ticket.case_id !== m.caseId) throw new GatewayError('record-conflict', 'the ticket belongs to another case');
  const hash = ticketHash(m);
  const { rows } = await db.query<{ manifest_hash: string | null; created_at: Date }>(
    'SELECT manifest_hash, created_at FROM case_ticket_messages WHERE message_id = $1',
    [m.messageId],
  );
  const old = rows[0];
  if (old) {
    if (old.manifest_hash !== hash)
      throw new GatewayError('manifest-mismatch', 'this id was received with another manifest');
    return { created: false, answer: { id: m.messageId, caseId: m.caseId, receivedAt: old.created_at.toISOString() } };
  }
  if (ticket.closed_at) throw new GatewayError('record-conflict', 'the ticket is closed');
  if (m.closes && ticket.opened_by_side !== 'window')
    throw new GatewayError('record-conflict', 'only the side that opened a ticket closes it');
  const now = clock.now();
  await insertMessage(db, now, {
    messageId: m.messageId,
    ticket,
    side: 'window',
    by: m.byName,
    body: m.body,
    manifestHash: hash,
    closes: m.closes === true,
  });
  await declareTicketFiles(db, { caseId: m.caseId, ticketId: m.ticketId, messageId: m.messageId }, m.attachments);
  if (m.closes)
    await audit(db, {
      actor: `device:${device.deviceId}`,
      action: 'ticket.closed',
      target: `case:${m.caseId}`,
      details: { ticketId: m.ticketId, side: 'window', by: m.byName },
    });
  return { created: true, answer: { id: m.messageId, caseId: m.caseId, receivedAt: now.toISOString() } };
}

/** A reviewer opens a ticket on a case of the department (audited); returns its id. */
export async function openDepartmentTicket(
  db: Queryable,
  clock: TicketClock,
  t: { caseId: string; departmentId: string; username: string; category: TicketCategory; body: string },
): Promise<string | null> {
  const locked = await lockCase(db, t.caseId);
  if (!locked || locked.departmentId !== t.departmentId) return null;
  const ticketId = randomUUID();
  await insertTicket(db, clock, {
    ticketId,
    caseId: t.caseId,
    district: locked.district,
    departmentId: locked.departmentId,
    category: t.category,
    side: 'department',
    by: t.username,
    body: t.body,
    manifestHash: null,
  });
  await audit(db, {
    actor: t.username,
    action: 'ticket.opened',
    target: `case:${t.caseId}`,
    details: { ticketId, category: t.category, side: 'department' },
  });
  return ticketId;
}

/** A reviewer answers (or adds to) a ticket of the department (audited); false when there is no such ticket. */
export async function answerDepartmentTicket(
  db: Queryable,
  clock: TicketClock,
  t: { ticketId: string; departmentId: string; username: string; body: string },
): Promise<'ok' | 'not-found' | 'closed'> {
  const ticket = await lockTicket(db, t.ticketId);
  if (!ticket || ticket.department_id !== t.departmentId) return 'not-found';
  if (ticket.closed_at) return 'closed';
  await insertMessage(db, clock.now(), {
    messageId: randomUUID(),
    ticket,
    side: 'department',
    by: t.username,
    body: t.body,
    manifestHash: null,
  });
  await audit(db, {
    actor: t.username,
    action: 'ticket.message',
    target: `case:${ticket.case_id}`,
    details: { ticketId: t.ticketId, side: 'department' },
  });
  return 'ok';
}

/**
 * Closes a ticket with a reason (audited): a reviewer of the department closes the tickets the department opened,
 * a supervisor (`side` 'supervisor', `districts` their scope, null = the city) any ticket in scope.
 */
export async function closeTicket(
  db: Queryable,
  clock: TicketClock,
  t: {
    ticketId: string;
    username: string;
    reason: string;
    side: 'department' | 'supervisor';
    departmentId?: string;
    districts?: readonly string[] | null;
  },
): Promise<'ok' | 'not-found' | 'closed' | 'not-opener'> {
  const ticket = await lockTicket(db, t.ticketId);
  if (!ticket) return 'not-found';
  if (t.side === 'department' && ticket.department_id !== t.departmentId) return 'not-found';
  if (t.side === 'supervisor' && t.districts && !t.districts.includes(ticket.district)) return 'not-found';
  if (ticket.closed_at) return 'closed';
  if (t.side === 'department' && ticket.opened_by_side !== 'department') return 'not-opener';
  await insertMessage(db, clock.now(), {
    messageId: randomUUID(),
    ticket,
    side: t.side,
    by: t.username,
    body: t.reason,
    manifestHash: null,
    closes: true,
  });
  await audit(db, {
    actor: t.username,
    action: 'ticket.closed',
    target: `case:${ticket.case_id}`,
    details: { ticketId: t.ticketId, side: t.side },
  });
  return 'ok';
}
