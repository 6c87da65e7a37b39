// Deleting a file from the blob store, for retention and for the orphan sweep: under the per-file advisory lock that
// uploads of the same file take shared (attachments/repo.ts, migration 0008), and only when no unpurged slot holds
// it. The outcome is recorded in purged_blobs, so an upload of the same bytes waiting for the lock writes the file
// again (`created-rewrite`, `lock_bundle_blob`).
import type pg from 'pg';
import type { BlobStore } from '../attachments/blob-store';
import { withTransaction } from '../db/pool';
import { ADVISORY_LOCKS } from '../db/locks';

/**
 * Deletes `sha256` unless a live slot holds it or (with `writtenBefore`) it was written at or after that time;
 * returns whether it was deleted. Its purged_blobs row, if any, is no longer pending either way.
 */
export async function deleteUnlessHeld(
  pool: pg.Pool,
  store: BlobStore,
  sha256: string,
  writtenBefore?: Date,
): Promise<boolean> {
  return withTransaction(pool, async (client) => {
    // Exclusive against uploads of the same file (shared there): no slot can be verified meanwhile.
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADVISORY_LOCKS.blob, sha256]);
    const { rows: live } = await client.query(
      'SELECT 1 FROM attachment_slots WHERE sha256 = $1 AND purged_at IS NULL LIMIT 1',
      [sha256],
    );
    let gone = live.length === 0;
    if (gone && writtenBefore) {
      // Written again since it was listed (an upload on its way to its commit): kept.
      const head = await store.head(sha256);
      gone = head !== null && !(head.modifiedAt && head.modifiedAt >= writtenBefore);
    }
    if (gone) {
      await store.delete(sha256);
      await client.query(
        `INSERT INTO purged_blobs (sha256, pending, deleted_at) VALUES ($1, false, now())
         ON CONFLICT (sha256) DO UPDATE SET pending = false, deleted_at = now()`,
        [sha256],
      );
    } else await client.query('UPDATE purged_blobs SET pending = false WHERE sha256 = $1', [sha256]);
    return gone;
  });
}
