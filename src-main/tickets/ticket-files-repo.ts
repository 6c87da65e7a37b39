// SQL of 问题处理 files at the window (migration ticket_files): a clerk's files with their bytes (pushed after their
// ticket or message, outbox kind 'ticket-file'), the department's as metadata from the ticket state until their
// bytes are fetched. Never case attachments: not in the case manifest, not in completeness checks.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { TicketAttachment, TicketState } from '@tongban/protocol/sync/tickets';
import { statement } from '../db/statements';

/** A ticket file row (without its bytes). */
export interface TicketFileRow {
  attachment_id: string;
  ticket_id: string;
  message_id: string | null;
  side: 'window' | 'department' | 'supervisor';
  file_name: string;
  media_type: TicketAttachment['type'];
  size: number;
  sha256: string;
  added_at: string;
  synced_at: string | null;
  purged_at: string | null;
  has_bytes: number;
}

const COLUMNS = `attachment_id, ticket_id, message_id, side, file_name, media_type, size, sha256, added_at, synced_at,
  purged_at, bytes IS NOT NULL AS has_bytes`;

/** Reads and writes ticket files. */
export class TicketFilesRepo {
  constructor(private readonly db: Database.Database) {}

  /** A clerk's file, with its bytes (in the caller's transaction). */
  insertOwn(f: {
    attachmentId: string;
    ticketId: string;
    messageId: string | null;
    name: string;
    type: TicketAttachment['type'];
    bytes: Buffer;
    sha256: string;
    at: string;
  }): void {
    statement(
      this.db,
      `INSERT INTO case_ticket_files (attachment_id, ticket_id, message_id, side, file_name, media_type, size, sha256, bytes, added_at)
       VALUES (@attachmentId, @ticketId, @messageId, 'window', @name, @type, @size, @sha256, @bytes, @at)`,
    ).run({ ...f, size: f.bytes.length });
  }

  ofTickets(ticketIds: readonly string[]): TicketFileRow[] {
    if (ticketIds.length === 0) return [];
    return this.db
      .prepare(
        `SELECT ${COLUMNS} FROM case_ticket_files WHERE ticket_id IN (${ticketIds.map(() => '?').join(',')}) ORDER BY added_at, rowid`,
      )
      .all(...ticketIds) as TicketFileRow[];
  }

  get(attachmentId: string): TicketFileRow | undefined {
    return statement<[string], TicketFileRow>(
      this.db,
      `SELECT ${COLUMNS} FROM case_ticket_files WHERE attachment_id = ?`,
    ).get(attachmentId);
  }

  bytes(attachmentId: string): Buffer | null {
    return (
      statement<[string], { bytes: Buffer | null }>(
        this.db,
        'SELECT bytes FROM case_ticket_files WHERE attachment_id = ?',
      ).get(attachmentId)?.bytes ?? null
    );
  }

  /** Keeps fetched bytes (checked by the caller against the announced SHA-256); never after a purge. */
  storeFetched(attachmentId: string, bytes: Buffer): void {
    statement(
      this.db,
      'UPDATE case_ticket_files SET bytes = ? WHERE attachment_id = ? AND bytes IS NULL AND purged_at IS NULL',
    ).run(bytes, attachmentId);
  }

  /** The manifest entries of a ticket's own files (messageId null) or a message's; undefined when none. */
  manifestFiles(ticketId: string, messageId: string | null): TicketAttachment[] | undefined {
    const rows = statement<[string, string | null, string | null], TicketFileRow>(
      this.db,
      `SELECT ${COLUMNS} FROM case_ticket_files WHERE ticket_id = ? AND side = 'window'
         AND (message_id = ? OR (? IS NULL AND message_id IS NULL)) ORDER BY added_at, rowid`,
    ).all(ticketId, messageId, messageId);
    if (rows.length === 0) return undefined;
    return rows.map((r) => ({
      id: r.attachment_id,
      name: r.file_name,
      type: r.media_type,
      size: r.size,
      sha256: r.sha256,
    }));
  }

  /** The other side's files named in a ticket state: metadata only, inserted once (in the caller's transaction). */
  applyState(s: TicketState): number {
    const insert = statement(
      this.db,
      `INSERT INTO case_ticket_files (attachment_id, ticket_id, message_id, side, file_name, media_type, size, sha256, added_at, synced_at)
       SELECT @id, @ticketId, @messageId, @side, @name, @type, @size, @sha256, @at, @at
       WHERE EXISTS (SELECT 1 FROM case_tickets WHERE ticket_id = @ticketId)
       ON CONFLICT (attachment_id) DO NOTHING`,
    );
    let added = 0;
    for (const f of s.attachments ?? []) {
      if (f.side === 'window' || !f.ready) continue;
      added += insert.run({ ...f, ticketId: s.ticketId, at: new Date().toISOString() }).changes;
    }
    return added;
  }
}
