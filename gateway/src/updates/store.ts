// Where the update feed's files live: a row per file in `update_files` (migration: update_feed); small files
// (latest.yml, its signature, blockmaps) in the row itself, an installer's bytes in the blob store — chunks in
// `update_file_chunks` with the PostgreSQL store, one object `updates/<sha256>` in the S3-compatible store.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { BlobStore, BlobStoreConfig } from '../attachments/blob-store';
import { S3BlobStore } from '../attachments/s3-store';
import { withTransaction } from '../db/pool';

/** One file of the feed as stored. */
export interface FeedFileRow {
  name: string;
  size: number;
  sha256: string;
  storedIn: 'row' | 'postgres' | 's3';
  data?: Buffer;
}

const CHUNK = 4 * 1024 * 1024;

/**
 * The store for installers when attachments are in an S3-compatible store: the same bucket, objects under
 * `updates/` beside the attachments' prefix (so an attachment retention sweep never meets them); null = PostgreSQL.
 */
export function updateStoreFor(config: BlobStoreConfig): BlobStore | null {
  if (config.kind !== 's3') return null;
  const prefix = config.prefix ?? 'attachments/';
  const updates = prefix.endsWith('attachments/')
    ? `${prefix.slice(0, -'attachments/'.length)}updates/`
    : `${prefix}updates/`;
  return new S3BlobStore({ ...config, prefix: updates });
}

/** Stores an installer's bytes (idempotent: content-addressed) and returns its row, not yet visible in the feed. */
export async function storeUpdateBytes(
  pool: pg.Pool,
  s3: BlobStore | null,
  name: string,
  bytes: Buffer,
): Promise<FeedFileRow> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (s3) {
    await s3.put(sha256, bytes);
    const head = await s3.head(sha256);
    if (head?.size !== bytes.length) throw new Error(`the object store did not keep ${name} (${sha256})`);
    return { name, size: bytes.length, sha256, storedIn: 's3' };
  }
  const offsets = Array.from({ length: Math.max(1, Math.ceil(bytes.length / CHUNK)) }, (_, i) => i * CHUNK);
  await withTransaction(pool, async (client) => {
    for (const offset of offsets) {
      await client.query(
        'INSERT INTO update_file_chunks (sha256, start_offset, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [sha256, offset, bytes.subarray(offset, offset + CHUNK)],
      );
    }
  });
  return { name, size: bytes.length, sha256, storedIn: 'postgres' };
}

/** Makes `rows` the feed's files of those names, all at once. */
export async function writeFeed(pool: pg.Pool, rows: FeedFileRow[]): Promise<void> {
  await withTransaction(pool, async (client) => {
    for (const r of rows) {
      await client.query(
        `INSERT INTO update_files (name, size, sha256, stored_in, data, published_at) VALUES ($1, $2, $3, $4, $5, now())
         ON CONFLICT (name) DO UPDATE SET size = $2, sha256 = $3, stored_in = $4, data = $5, published_at = now()`,
        [r.name, r.size, r.sha256, r.storedIn, r.storedIn === 'row' ? (r.data ?? Buffer.alloc(0)) : null],
      );
    }
  });
}

/** A feed file ready to send: its size and its bytes (whole or as a stream). */
export interface FeedFile {
  size: number;
  /** Hex sha256 of the bytes: the file's entity tag. */
  sha256: string;
  body: Buffer | AsyncIterable<Buffer>;
}

/** The feed file `name`, or null when the feed has none (or its bytes are missing from the store). */
export async function readFeedFile(pool: pg.Pool, s3: BlobStore | null, name: string): Promise<FeedFile | null> {
  const { rows } = await pool.query<{
    size: number;
    sha256: string;
    stored_in: FeedFileRow['storedIn'];
    data: Buffer | null;
  }>('SELECT size, sha256, stored_in, data FROM update_files WHERE name = $1', [name]);
  const row = rows[0];
  if (!row) return null;
  if (row.stored_in === 'row') return { size: row.size, sha256: row.sha256, body: row.data ?? Buffer.alloc(0) };
  if (row.stored_in === 's3') {
    const body = s3 ? await s3.stream(row.sha256) : null;
    return body ? { size: row.size, sha256: row.sha256, body } : null;
  }
  return { size: row.size, sha256: row.sha256, body: readUpdateChunks(pool, row.sha256) };
}

async function* readUpdateChunks(pool: pg.Pool, sha256: string): AsyncGenerator<Buffer> {
  const { rows } = await pool.query<{ start_offset: number }>(
    'SELECT start_offset FROM update_file_chunks WHERE sha256 = $1 ORDER BY start_offset',
    [sha256],
  );
  for (const { start_offset } of rows) {
    const chunk = await pool.query<{ data: Buffer }>(
      'SELECT data FROM update_file_chunks WHERE sha256 = $1 AND start_offset = $2',
      [sha256, start_offset],
    );
    yield (chunk.rows[0] as { data: Buffer }).data;
  }
}
