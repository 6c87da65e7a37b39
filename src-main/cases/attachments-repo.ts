import type Database from 'better-sqlite3';

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

  add(meta: AttachmentMeta, bytes: Buffer, addedBy: number): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR IGNORE INTO attachment_blobs (sha256, bytes) VALUES (?, ?)').run(meta.sha256, bytes);
      this.db
        .prepare(
          `INSERT INTO attachments (attachment_id, case_id, material_code, file_name, media_type, size, sha256, added_by, added_at, supplement_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(meta.attachmentId, meta.caseId, meta.materialCode, meta.fileName, meta.mediaType, meta.size, meta.sha256, addedBy, meta.addedAt, meta.supplementId ?? null);
    })();
  }

  listByCase(caseId: string): AttachmentMeta[] {
    return this.db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE case_id = ? ORDER BY added_at, attachment_id').all(caseId).map(toMeta);
  }

  get(attachmentId: string): AttachmentMeta | null {
    const row = this.db.prepare<[string], AttachmentRow>('SELECT * FROM attachments WHERE attachment_id = ?').get(attachmentId);
    return row ? toMeta(row) : null;
  }

  bytes(sha256: string): Buffer | null {
    return this.db.prepare<[string], { bytes: Buffer }>('SELECT bytes FROM attachment_blobs WHERE sha256 = ?').get(sha256)?.bytes ?? null;
  }

  /** Removes an attachment and its bytes when no other attachment shares them. */
  remove(attachmentId: string): void {
    this.db.transaction(() => {
      const row = this.db.prepare<[string], { sha256: string }>('DELETE FROM attachments WHERE attachment_id = ? RETURNING sha256').get(attachmentId);
      if (row) this.db.prepare('DELETE FROM attachment_blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = ?)').run(row.sha256, row.sha256);
    })();
  }
}
