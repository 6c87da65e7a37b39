// Files on 问题处理 tickets (issue #19), both sides'. They are attachment slots tied to a ticket (migration
// ticket_attachments): a window declares them in its ticket/message manifest and uploads the bytes through the
// ordinary `PUT|PATCH /v1/cases/{caseId}/attachments/{id}` (size and SHA-256 checked, same blob store); a reviewer's
// file is checked by content and stored verified at once. Neither counts toward the case's completeness (the
// slots have `ticket_id`; mark_slot_verified and missingSlots skip them) nor appears among the case's materials.
// The ticket state in the status feed lists them; the window fetches the department's with a signed GET.
import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { sniffScanType } from '@tongban/protocol/sync/file-type';
import {
  TICKET_ATTACHMENT_MAX_BYTES,
  TICKET_ATTACHMENTS_MAX,
  type TicketAttachment,
  type TicketState,
} from '@tongban/protocol/sync/tickets';
import type { BlobStore } from '../attachments/blob-store';
import { audit } from '../audit';
import { isUniqueViolation, withTransaction, type Queryable } from '../db/pool';
import { GatewayError } from '../http/errors';
import { lockTicket, ticketChanged } from './repo';
import { ADVISORY_LOCKS } from '../db/locks';

/** A ticket file as the feed carries it. */
export type TicketFileState = NonNullable<TicketState['attachments']>[number];

/** Declares a window's files on its ticket (or message) as upload slots; 409 when an id is taken. */
export async function declareTicketFiles(
  db: Queryable,
  t: { caseId: string; ticketId: string; messageId: string | null },
  files: readonly TicketAttachment[] | undefined,
): Promise<void> {
  for (const f of files ?? []) {
    try {
      await db.query(
        `INSERT INTO attachment_slots (attachment_id, case_id, material_code, sha256, size, media_type, ticket_id, ticket_message_id, file_name, side)
         VALUES ($1, $2, 'ticket', $3, $4, $5, $6, $7, $8, 'window')`,
        [f.id, t.caseId, f.sha256, f.size, f.type, t.ticketId, t.messageId, f.name],
      );
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // The transaction is aborted now; the caller's rollback discards the ticket too.
      throw new GatewayError('attachment-conflict', 'an attachment id is already in use', [
        { path: `attachments.${f.id}`, code: 'duplicate' },
      ]);
    }
  }
}

/** The files of some tickets, by ticket id, oldest first. */
export async function ticketFiles(db: Queryable, ids: readonly string[]): Promise<Map<string, TicketFileState[]>> {
  const out = new Map<string, TicketFileState[]>();
  if (ids.length === 0) return out;
  const { rows } = await db.query<{
    attachment_id: string;
    ticket_id: string;
    ticket_message_id: string | null;
    side: TicketFileState['side'];
    file_name: string;
    media_type: TicketFileState['type'];
    size: string | number;
    sha256: string;
    ready: boolean;
  }>(
    `SELECT attachment_id, ticket_id, ticket_message_id, side, file_name, media_type, size, sha256,
            verified_at IS NOT NULL AND purged_at IS NULL AS ready
     FROM attachment_slots WHERE ticket_id = ANY($1::uuid[]) ORDER BY attachment_id`,
    [ids],
  );
  for (const r of rows) {
    const list = out.get(r.ticket_id) ?? [];
    list.push({
      id: r.attachment_id,
      messageId: r.ticket_message_id,
      side: r.side,
      name: r.file_name,
      type: r.media_type,
      size: Number(r.size),
      sha256: r.sha256,
      ready: r.ready,
    });
    out.set(r.ticket_id, list);
  }
  return out;
}

/** Why a reviewer's file was refused (Chinese, for the page). */
export type AttachRefusal = 'not-found' | 'closed' | 'empty' | 'too-large' | 'type' | 'too-many';

/** Most files the department attaches to one ticket. */
export const DEPARTMENT_FILES_MAX = 4 * TICKET_ATTACHMENTS_MAX;

const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A reviewer attaches a file to a ticket of the department (audited); the window gets it with the ticket's state. */
export async function attachDepartmentFile(
  pool: pg.Pool,
  store: BlobStore,
  t: { ticketId: string; departmentId: string; username: string; fileName: string; bytes: Buffer },
): Promise<{ ok: true; attachmentId: string; caseId: string } | { ok: false; refusal: AttachRefusal }> {
  if (t.bytes.length === 0) return { ok: false, refusal: 'empty' };
  if (t.bytes.length > TICKET_ATTACHMENT_MAX_BYTES) return { ok: false, refusal: 'too-large' };
  const type = sniffScanType(t.bytes);
  if (!type) return { ok: false, refusal: 'type' };
  const sha256 = sha256Hex(t.bytes);
  const attachmentId = randomUUID();
  // An object store gets the file first (idempotent under its hash); PostgreSQL keeps it with the slot.
  if (!store.inline) await store.put(sha256, t.bytes);
  return withTransaction(pool, async (db) => {
    const ticket = await lockTicket(db, t.ticketId);
    if (!ticket || ticket.department_id !== t.departmentId) return { ok: false, refusal: 'not-found' } as const;
    if (ticket.closed_at) return { ok: false, refusal: 'closed' } as const;
    const { rows } = await db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM attachment_slots WHERE ticket_id = $1 AND side = 'department'",
      [t.ticketId],
    );
    if ((rows[0]?.n ?? 0) >= DEPARTMENT_FILES_MAX) return { ok: false, refusal: 'too-many' } as const;
    await db.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [ADVISORY_LOCKS.blob, sha256]);
    await db.query(
      `INSERT INTO attachment_slots (attachment_id, case_id, material_code, sha256, size, media_type, received_bytes, verified_at, ticket_id, file_name, side)
       VALUES ($1, $2, 'ticket', $3, $4, $5, $4, now(), $6, $7, 'department')`,
      [attachmentId, ticket.case_id, sha256, t.bytes.length, type, t.ticketId, t.fileName],
    );
    if (store.inline)
      await db.query('INSERT INTO attachment_chunks (attachment_id, start_offset, data) VALUES ($1, 0, $2)', [
        attachmentId,
        t.bytes,
      ]);
    await db.query('UPDATE case_tickets SET version = version + 1 WHERE ticket_id = $1', [t.ticketId]);
    await ticketChanged(db, t.ticketId, ticket.district);
    await audit(db, {
      actor: t.username,
      action: 'ticket.attachment',
      target: `case:${ticket.case_id}`,
      details: { ticketId: t.ticketId, attachmentId, sha256, size: t.bytes.length, type, side: 'department' },
    });
    return { ok: true, attachmentId, caseId: ticket.case_id } as const;
  });
}

/** A verified ticket file of a case of `district` (the window's fetch), or null. */
export async function findTicketFile(
  db: Queryable,
  q: { caseId: string; ticketId: string; attachmentId: string; district: string },
): Promise<{ sha256: string; size: number; type: string } | null> {
  const { rows } = await db.query<{ sha256: string; size: string | number; media_type: string }>(
    `SELECT s.sha256, s.size, s.media_type FROM attachment_slots s JOIN cases c USING (case_id)
     WHERE s.attachment_id = $1 AND s.case_id = $2 AND s.ticket_id = $3 AND c.district = $4
       AND s.verified_at IS NOT NULL AND s.purged_at IS NULL`,
    [q.attachmentId, q.caseId, q.ticketId, q.district],
  );
  const r = rows[0];
  return r ? { sha256: r.sha256, size: Number(r.size), type: r.media_type } : null;
}
