// Attachment uploads. Ranged uploads arrive in PostgreSQL as whole chunks (a chunk is stored entirely
// or not at all, so a cut-off request leaves nothing behind). A slot is verified once the gateway
// re-hashed all of its bytes; its case (or supplement) is complete once all of its slots are verified.
// With the PostgreSQL store the chunks are the file (written in the slot's transaction, one round trip
// for a whole file); with an object store the verified file goes to the store under its SHA-256 before
// the slot is marked verified, and PostgreSQL keeps only the slot. Lock order: the case row, then the slot.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { withTransaction, type Queryable } from '../db/pool';
import { lockCase } from '../feed/events';
import { GatewayError } from '../http/errors';
import type { BlobStore } from './blob-store';
import { readChunks } from './postgres-store';
import { ADVISORY_LOCKS } from '../db/locks';

/** Advisory lock namespace of a file (key: hashtext of its SHA-256) between uploads and the retention job. */

/** An upload slot. */
export interface Slot {
  attachmentId: string;
  caseId: string;
  supplementId: string | null;
  sha256: string;
  size: number;
  mediaType: string;
  receivedBytes: number;
  verified: boolean;
}

interface SlotRow {
  attachment_id: string;
  case_id: string;
  supplement_id: string | null;
  sha256: string;
  size: number;
  media_type: string;
  received_bytes: number;
  verified_at: Date | null;
}

const toSlot = (r: SlotRow): Slot => ({
  attachmentId: r.attachment_id,
  caseId: r.case_id,
  supplementId: r.supplement_id,
  sha256: r.sha256,
  size: r.size,
  mediaType: r.media_type,
  receivedBytes: r.received_bytes,
  verified: r.verified_at !== null,
});

/** The slot `attachmentId` of case `caseId` in `district`; 404 for an unknown slot, 403 for another district's case. */
export async function findSlot(
  db: Queryable,
  caseId: string,
  attachmentId: string,
  district: string,
  lock = false,
): Promise<Slot> {
  const { rows } = await db.query<SlotRow & { district: string }>(
    `SELECT s.*, c.district FROM attachment_slots s JOIN cases c USING (case_id)
     WHERE s.attachment_id = $1 AND s.case_id = $2 ${lock ? 'FOR UPDATE OF s' : ''}`,
    [attachmentId, caseId],
  );
  const row = rows[0];
  if (!row) throw new GatewayError('slot-not-found', 'no such attachment slot in this case');
  if (row.district !== district) throw new GatewayError('district-forbidden', 'case of another district');
  return toSlot(row);
}

/** Marks a slot verified, and its case or supplement complete when it was the last (SQL function, migration 0004). */
async function markVerified(db: Queryable, slot: Slot): Promise<void> {
  await db.query('SELECT mark_slot_verified($1, $2, $3)', [slot.attachmentId, slot.caseId, slot.supplementId]);
}

const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** What putWhole answers. */
export interface PutWholeResult {
  created: boolean;
  slot: { attachmentId: string; size: number };
}

function outcomeOf(outcome: string, attachmentId: string, size: number): PutWholeResult {
  if (outcome === 'slot-not-found') throw new GatewayError('slot-not-found', 'no such attachment slot in this case');
  if (outcome === 'district-forbidden') throw new GatewayError('district-forbidden', 'case of another district');
  if (outcome === 'hash-mismatch')
    throw new GatewayError('hash-mismatch', 'bytes do not match the slot (size or sha256)');
  return { created: outcome === 'created', slot: { attachmentId, size } };
}

/**
 * Stores a whole small file; `created` false when the slot was already verified (same bytes). PostgreSQL
 * store: one round trip (SQL function, migration 0004). Object store: the slot is checked, the file
 * written under its hash (idempotent), then the slot verified (migration 0006); a crash in between
 * leaves an object the retried PUT writes again.
 */
export async function putWhole(
  pool: pg.Pool,
  store: BlobStore,
  caseId: string,
  attachmentId: string,
  district: string,
  bytes: Buffer,
  /** The bytes' SHA-256 (hex) when already computed (the Content-Digest check). */
  sha256 = sha256Hex(bytes),
): Promise<PutWholeResult> {
  if (store.inline) {
    const { rows } = await pool.query<{ outcome: string; size: number }>({
      name: 'put-whole',
      text: 'SELECT * FROM put_whole_attachment($1, $2, $3, $4, $5)',
      values: [caseId, attachmentId, district, sha256, bytes],
    });
    const { outcome, size } = rows[0] as { outcome: string; size: number };
    return outcomeOf(outcome, attachmentId, size);
  }
  // Nothing reaches the store unless it is exactly the file a slot of this district's case waits for.
  const { rows: found } = await pool.query<{ size: number; sha256: string; verified: boolean; district: string }>({
    name: 'slot-check',
    text: `SELECT s.size, s.sha256, s.verified_at IS NOT NULL AS verified, c.district FROM attachment_slots s
     JOIN cases c USING (case_id) WHERE s.attachment_id = $1 AND s.case_id = $2`,
    values: [attachmentId, caseId],
  });
  const slot = found[0];
  if (!slot) return outcomeOf('slot-not-found', attachmentId, 0);
  if (slot.district !== district) return outcomeOf('district-forbidden', attachmentId, 0);
  if (slot.size !== bytes.length || slot.sha256 !== sha256) return outcomeOf('hash-mismatch', attachmentId, slot.size);
  if (slot.verified) return outcomeOf('already-verified', attachmentId, slot.size);
  await store.put(sha256, bytes);
  const { rows } = await pool.query<{ outcome: string; size: number }>({
    name: 'verify-stored',
    text: 'SELECT * FROM verify_stored_attachment($1, $2, $3, $4, $5)',
    values: [caseId, attachmentId, district, sha256, bytes.length],
  });
  const { outcome, size } = rows[0] as { outcome: string; size: number };
  // The retention job deleted this file (another, purged case's) between the write above and the verification.
  if (outcome === 'created-rewrite') await store.put(sha256, bytes);
  return outcomeOf(outcome === 'created-rewrite' ? 'created' : outcome, attachmentId, size);
}

/** The SHA-256 of a slot's staged chunks, and with `keep` the bytes themselves. */
async function hashStoredChunks(
  db: Queryable,
  attachmentId: string,
  keep: boolean,
): Promise<{ sha256: string; bytes: Buffer | null }> {
  const hash = createHash('sha256');
  const parts: Buffer[] = [];
  for await (const chunk of readChunks(db, attachmentId)) {
    hash.update(chunk);
    if (keep) parts.push(chunk);
  }
  return { sha256: hash.digest('hex'), bytes: keep ? Buffer.concat(parts) : null };
}

/** Outcome of a chunk: the new offset, whether the slot is now verified, or a failed final hash. */
export type ChunkOutcome = { offset: number; verified: boolean; hashMismatch: boolean };

/** Appends a chunk at `offset`; on the last byte re-hashes everything (a mismatch discards the upload) and stores the file. */
export async function appendChunk(
  pool: pg.Pool,
  store: BlobStore,
  caseId: string,
  attachmentId: string,
  district: string,
  offset: number,
  bytes: Buffer,
): Promise<ChunkOutcome> {
  return withTransaction(pool, async (client) => {
    await lockCase(client, caseId);
    const slot = await findSlot(client, caseId, attachmentId, district, true);
    if (slot.verified) return { offset: slot.size, verified: true, hashMismatch: false };
    if (offset !== slot.receivedBytes) {
      throw new GatewayError('upload-offset-mismatch', `upload is at ${slot.receivedBytes}`, undefined, {
        'upload-offset': String(slot.receivedBytes),
      });
    }
    if (offset + bytes.length > slot.size)
      throw new GatewayError('invalid-request', 'chunk goes past the size of the slot');
    if (bytes.length === 0) return { offset, verified: false, hashMismatch: false };
    await client.query('INSERT INTO attachment_chunks (attachment_id, start_offset, data) VALUES ($1, $2, $3)', [
      attachmentId,
      offset,
      bytes,
    ]);
    const received = offset + bytes.length;
    await client.query('UPDATE attachment_slots SET received_bytes = $2 WHERE attachment_id = $1', [
      attachmentId,
      received,
    ]);
    if (received < slot.size) return { offset: received, verified: false, hashMismatch: false };
    const whole = await hashStoredChunks(client, attachmentId, !store.inline);
    if (whole.sha256 === slot.sha256) {
      // Object store: the file goes to the store while the slot is locked, then its staged chunks go.
      if (whole.bytes) {
        // Held until commit: the retention job cannot delete this file before the slot is verified (0008).
        await client.query('SELECT pg_advisory_xact_lock_shared($1, hashtext($2))', [ADVISORY_LOCKS.blob, slot.sha256]);
        await store.put(slot.sha256, whole.bytes);
        await client.query('DELETE FROM attachment_chunks WHERE attachment_id = $1', [attachmentId]);
      }
      await markVerified(client, slot);
      return { offset: received, verified: true, hashMismatch: false };
    }
    await client.query('DELETE FROM attachment_chunks WHERE attachment_id = $1', [attachmentId]);
    await client.query('UPDATE attachment_slots SET received_bytes = 0 WHERE attachment_id = $1', [attachmentId]);
    return { offset: 0, verified: false, hashMismatch: true };
  });
}
