// Attachments in PostgreSQL (the default, and the embedded gateway's only store): a file is the
// bytea chunks of a verified upload slot, exactly as before the store interface existed. Uploads
// write those chunks in the slot's own transaction (`inline`), so this class only reads, deletes,
// and copies files in; a file is found by its SHA-256 through any verified slot that holds it.
import type pg from 'pg';
import { checkKey, type BlobHead, type BlobStore } from './blob-store';

/** The PostgreSQL store over `attachment_chunks`. */
export class PostgresBlobStore implements BlobStore {
  readonly kind = 'postgres' as const;
  readonly inline = true;

  constructor(private readonly pool: pg.Pool) {}

  /** A verified slot holding the file's bytes. */
  private async holder(sha256: string): Promise<{ attachmentId: string; size: number } | null> {
    checkKey(sha256);
    const { rows } = await this.pool.query<{ attachment_id: string; size: number }>(
      `SELECT s.attachment_id, s.size FROM attachment_slots s
       WHERE s.sha256 = $1 AND s.verified_at IS NOT NULL
         AND EXISTS (SELECT 1 FROM attachment_chunks c WHERE c.attachment_id = s.attachment_id)
       LIMIT 1`,
      [sha256],
    );
    return rows[0] ? { attachmentId: rows[0].attachment_id, size: rows[0].size } : null;
  }

  /** Gives the bytes to every verified slot of this file that holds none (a copy back from another store). */
  async put(sha256: string, bytes: Buffer): Promise<void> {
    checkKey(sha256);
    await this.pool.query(
      `INSERT INTO attachment_chunks (attachment_id, start_offset, data)
       SELECT s.attachment_id, 0, $2 FROM attachment_slots s
       WHERE s.sha256 = $1 AND s.size = length($2) AND s.verified_at IS NOT NULL AND s.purged_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM attachment_chunks c WHERE c.attachment_id = s.attachment_id)
       ON CONFLICT DO NOTHING`,
      [sha256, bytes],
    );
  }

  async get(sha256: string): Promise<Buffer | null> {
    const chunks = await this.stream(sha256);
    if (!chunks) return null;
    const parts: Buffer[] = [];
    for await (const chunk of chunks) parts.push(chunk);
    return Buffer.concat(parts);
  }

  async stream(sha256: string): Promise<AsyncIterable<Buffer> | null> {
    const holder = await this.holder(sha256);
    return holder ? readChunks(this.pool, holder.attachmentId) : null;
  }

  async head(sha256: string): Promise<BlobHead | null> {
    const holder = await this.holder(sha256);
    return holder ? { size: holder.size } : null;
  }

  /** Removes the bytes of the purged slots of this file (each slot holds its own copy; live slots keep theirs). */
  async delete(sha256: string): Promise<void> {
    checkKey(sha256);
    await this.pool.query(
      'DELETE FROM attachment_chunks WHERE attachment_id IN (SELECT attachment_id FROM attachment_slots WHERE sha256 = $1 AND purged_at IS NOT NULL)',
      [sha256],
    );
  }

  // eslint-disable-next-line require-yield -- nothing to list: bytes are only ever written with their slot
  async *listWrittenBefore(): AsyncIterable<string[]> {
    return;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1 FROM attachment_chunks LIMIT 0');
  }

  async close(): Promise<void> {
    // the pool belongs to the gateway
  }
}

/** The stored bytes of a slot, chunk by chunk in order. */
export async function* readChunks(db: Pick<pg.PoolClient, 'query'>, attachmentId: string): AsyncGenerator<Buffer> {
  const { rows } = await db.query<{ start_offset: number }>(
    'SELECT start_offset FROM attachment_chunks WHERE attachment_id = $1 ORDER BY start_offset',
    [attachmentId],
  );
  for (const { start_offset } of rows) {
    const chunk = await db.query<{ data: Buffer }>(
      'SELECT data FROM attachment_chunks WHERE attachment_id = $1 AND start_offset = $2',
      [attachmentId, start_offset],
    );
    yield (chunk.rows[0] as { data: Buffer }).data;
  }
}
