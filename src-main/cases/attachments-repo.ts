import type Database from 'better-sqlite3-multiple-ciphers';
import { statement } from '../db/statements';
import { withDeferredSync } from '../db/open';

/** An attachment's metadata (bytes live in `attachment_blobs`, keyed by sha256). */
export interface AttachmentMeta {
  attachmentId: string;
  caseId: string;
  materialCode: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  addedAt: string;
  /** Set when the file belongs to a supplement (补正) rather than the original application. */
  supplementId?: string | null;
}

interface AttachmentRow {
  attachment_id: string;
  case_id: string;
  material_code: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  added_at: string;
  supplement_id: string | null;
}

const toMeta = (r: AttachmentRow): AttachmentMeta => ({
  attachmentId: r.attachment_id,
  caseId: r.case_id,
  materialCode: r.material_code,
  fileName: r.file_name,
  mediaType: r.media_type,
  size: r.size,
  sha256: r.sha256,
  addedAt: r.added_at,
  supplementId: r.supplement_id,
});

/** SQL for scanned attachments, content-addressed. */
export class AttachmentsRepo {
  constructor(private readonly db: Database.Database) {}

  /**
   * Stores a file for a draft or a supplement. Its commit is not fsynced by itself: the 受理 or
   * supplement transaction (or the draft's next autosave) fsyncs the WAL and with it these bytes,
   * so the 400 KB of two scans cost one fsync with the case instead of one each.
   */
  add(meta: AttachmentMeta, bytes: Buffer, addedBy: number): void {
    withDeferredSync(this.db, () => {
      statement(this.db, 'INSERT OR IGNORE INTO attachment_blobs (sha256, bytes) VALUES (?, ?)').run(
        meta.sha256,
        bytes,
      );
      statement(
        this.db,
        `INSERT INTO attachments (attachment_id, case_id, material_code, file_name, media_type, size, sha256, added_by, added_at, supplement_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        meta.attachmentId,
        meta.caseId,
        meta.materialCode,
        meta.fileName,
        meta.mediaType,
        meta.size,
        meta.sha256,
        addedBy,
        meta.addedAt,
        meta.supplementId ?? null,
      );
    });
  }

  listByCase(caseId: string): AttachmentMeta[] {
    return statement<[string], AttachmentRow>(
      this.db,
      'SELECT * FROM attachments WHERE case_id = ? ORDER BY added_at, attachment_id',
    )
      .all(caseId)
      .map(toMeta);
  }

  get(attachmentId: string): AttachmentMeta | null {
    const row = statement<[string], AttachmentRow>(this.db, 'SELECT * FROM attachments WHERE attachment_id = ?').get(
      attachmentId,
    );
    return row ? toMeta(row) : null;
  }

  bytes(sha256: string): Buffer | null {
    return (
      statement<[string], { bytes: Buffer }>(this.db, 'SELECT bytes FROM attachment_blobs WHERE sha256 = ?').get(sha256)
        ?.bytes ?? null
    );
  }

  /** Removes an attachment and its bytes when no other attachment shares them. */
  remove(attachmentId: string): void {
    this.db.transaction(() => {
      const row = statement<[string], { sha256: string }>(
        this.db,
        'DELETE FROM attachments WHERE attachment_id = ? RETURNING sha256',
      ).get(attachmentId);
      if (row)
        statement(
          this.db,
          'DELETE FROM attachment_blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = ?)',
        ).run(row.sha256, row.sha256);
    })();
  }
}
