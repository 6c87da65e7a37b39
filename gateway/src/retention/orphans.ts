// Objects in the store that no case's slot holds (decision 0256). An object store is written before the
// statement that records the file (content-addressed, idempotent), so a push refused after that write — a
// revoked device, a replayed nonce, another manifest for the same case id — or a gateway killed between the two
// leaves a file of personal data that no case points at and retention would never reach. The retention run
// deletes such objects once they are older than a day, under the same lock as the uploads of that file.
import type pg from 'pg';
import { BLOB_LOCK } from '../attachments/repo';
import type { BlobStore } from '../attachments/blob-store';
import { withTransaction } from '../db/pool';

/** Objects younger than this are never taken for orphans: an upload may be between its write and its commit. */
export const ORPHAN_AGE_HOURS = 24;

/** Deletes the objects written before `cutoff` that no unpurged slot holds; returns how many. */
export async function deleteOrphanFiles(pool: pg.Pool, store: BlobStore, cutoff: Date): Promise<number> {
  let deleted = 0;
  for await (const keys of store.listWrittenBefore(cutoff)) {
    const { rows } = await pool.query<{ sha256: string }>(
      `SELECT k AS sha256 FROM unnest($1::text[]) AS k
       WHERE NOT EXISTS (SELECT 1 FROM attachment_slots s WHERE s.sha256 = k AND s.purged_at IS NULL)`,
      [keys],
    );
    for (const { sha256 } of rows) if (await deleteIfOrphan(pool, store, sha256, cutoff)) deleted++;
  }
  return deleted;
}

async function deleteIfOrphan(pool: pg.Pool, store: BlobStore, sha256: string, cutoff: Date): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    // Exclusive against uploads of the same file (they take it shared): no slot is verified meanwhile.
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [BLOB_LOCK, sha256]);
    const { rows: live } = await client.query(
      'SELECT 1 FROM attachment_slots WHERE sha256 = $1 AND purged_at IS NULL LIMIT 1',
      [sha256],
    );
    if (live.length) return false;
    // Written again since the listing (an upload on its way to its commit): not an orphan now.
    const head = await store.head(sha256);
    if (!head || (head.modifiedAt && head.modifiedAt >= cutoff)) return false;
    await store.delete(sha256);
    // An upload of the same bytes waiting for this lock then writes the file again (`created-rewrite`).
    await client.query(
      `INSERT INTO purged_blobs (sha256, pending, deleted_at) VALUES ($1, false, now())
       ON CONFLICT (sha256) DO UPDATE SET pending = false, deleted_at = now()`,
      [sha256],
    );
    return true;
  });
}
