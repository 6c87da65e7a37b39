// Objects in the store that no case's slot holds (decision 0256). An object store is written before the
// statement that records the file (content-addressed, idempotent), so a push refused after that write — a
// revoked device, a replayed nonce, another manifest for the same case id — or a gateway killed between the two
// leaves a file of personal data that no case points at and retention would never reach. The retention run
// deletes such objects once they are older than a day, under the same lock as the uploads of that file (delete-file.ts).
import type pg from 'pg';
import type { BlobStore } from '../attachments/blob-store';
import { deleteUnlessHeld } from './delete-file';

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
    for (const { sha256 } of rows) if (await deleteUnlessHeld(pool, store, sha256, cutoff)) deleted++;
  }
  return deleted;
}
