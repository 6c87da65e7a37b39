// `blobs migrate --from postgres --to s3`: copies every verified attachment (and every window installer of the
// update feed) from PostgreSQL into the S3-compatible store before the gateways are switched to it. Each file is
// re-hashed from PostgreSQL and written with its SHA-256 as the S3 checksum (the store refuses other bytes), then
// checked by a HEAD. Objects already in the store with the right size are skipped, so the command is idempotent and
// resumes where a previous run stopped (files are visited in SHA-256 order). PostgreSQL keeps its copies: remove
// them only after every gateway runs with the S3 store (docs/gateway-operations.md).
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../db/pool';
import type { BlobStore } from './blob-store';
import { PostgresBlobStore } from './postgres-store';

/** What a migration run did. */
export interface BlobMigrationReport {
  /** Files written to the target by this run. */
  copied: number;
  /** Files the target already had (an earlier run, or the same file of another case). */
  present: number;
  bytes: number;
  /** Installers of the update feed moved to the store (their row now points there). */
  installers: number;
  /** Files not copied: their bytes in PostgreSQL do not hash to their SHA-256 (or are missing). */
  failed: { sha256: string; reason: string }[];
}

/** Copies one file unless the target has it; returns what happened. */
async function copyOne(
  sha256: string,
  size: number,
  read: () => Promise<Buffer | null>,
  target: BlobStore,
): Promise<'copied' | 'present' | string> {
  const head = await target.head(sha256);
  if (head && head.size === size) return 'present';
  const bytes = await read();
  if (!bytes) return 'no bytes in PostgreSQL';
  if (bytes.length !== size || createHash('sha256').update(bytes).digest('hex') !== sha256)
    return 'bytes in PostgreSQL do not match their sha256';
  await target.put(sha256, bytes);
  const stored = await target.head(sha256);
  if (stored?.size !== size) return 'the store did not keep the object';
  return 'copied';
}

/**
 * Copies PostgreSQL's files to `attachments` (the S3 store) and the feed's installers to `installers` (its
 * `updates/` store). `onProgress` sees each file's outcome.
 */
export async function migrateBlobsToS3(
  pool: pg.Pool,
  attachments: BlobStore,
  installers: BlobStore,
  onProgress: (sha256: string, outcome: string) => void = () => undefined,
): Promise<BlobMigrationReport> {
  if (attachments.kind !== 's3' || installers.kind !== 's3') throw new Error('the target must be an S3 store');
  const report: BlobMigrationReport = { copied: 0, present: 0, bytes: 0, installers: 0, failed: [] };
  const tally = (sha256: string, size: number, outcome: string) => {
    onProgress(sha256, outcome);
    if (outcome === 'copied') {
      report.copied += 1;
      report.bytes += size;
    } else if (outcome === 'present') report.present += 1;
    else report.failed.push({ sha256, reason: outcome });
  };
  const source = new PostgresBlobStore(pool);
  let after = '';
  for (;;) {
    const { rows } = await pool.query<{ sha256: string; size: number }>(
      `SELECT DISTINCT s.sha256::text AS sha256, s.size FROM attachment_slots s
       WHERE s.verified_at IS NOT NULL AND s.sha256 > $1
         AND EXISTS (SELECT 1 FROM attachment_chunks c WHERE c.attachment_id = s.attachment_id)
       ORDER BY 1 LIMIT 100`,
      [after],
    );
    if (rows.length === 0) break;
    for (const { sha256, size } of rows) {
      tally(sha256, size, await copyOne(sha256, size, () => source.get(sha256), attachments));
      after = sha256;
    }
  }
  const { rows: files } = await pool.query<{ sha256: string; size: number }>(
    "SELECT DISTINCT sha256, size FROM update_files WHERE stored_in = 'postgres' ORDER BY sha256",
  );
  for (const { sha256, size } of files) {
    const outcome = await copyOne(sha256, size, () => installerBytes(pool, sha256), installers);
    tally(sha256, size, outcome);
    if (outcome !== 'copied' && outcome !== 'present') continue;
    await withTransaction(pool, async (client) => {
      await client.query("UPDATE update_files SET stored_in = 's3' WHERE sha256 = $1 AND stored_in = 'postgres'", [
        sha256,
      ]);
      await client.query('DELETE FROM update_file_chunks WHERE sha256 = $1', [sha256]);
    });
    report.installers += 1;
  }
  return report;
}

async function installerBytes(pool: pg.Pool, sha256: string): Promise<Buffer | null> {
  const { rows } = await pool.query<{ data: Buffer }>(
    'SELECT data FROM update_file_chunks WHERE sha256 = $1 ORDER BY start_offset',
    [sha256],
  );
  return rows.length ? Buffer.concat(rows.map((r) => r.data)) : null;
}
