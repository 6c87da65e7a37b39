// SQL for retention: which cases are due, and masking or deleting their personal data.
import type Database from 'better-sqlite3-multiple-ciphers';
import { Statements } from '../db/statements';
import { TICKET_TEXT_PURGED } from '@common/tickets';

/** The personal columns of a case as stored. */
export interface PersonalRow {
  case_id: string;
  applicant_name: string;
  applicant_id_number: string;
  applicant_phone: string | null;
  agent_name: string | null;
  agent_id_number: string | null;
  application: string;
}

/** Final department statuses: the case is finished. */
export const FINISHED_STATUSES = ['approved', 'rejected', 'result-mailed'] as const;

// Delivered and finished cases by the time of their final status event (event times may carry an
// offset, so compare with julianday), plus cases the window itself closed (不予受理, 一次性告知 never
// completed), by their decision time.
const DUE_SQL = `SELECT c.case_id, c.applicant_name, c.applicant_id_number, c.applicant_phone, c.agent_name, c.agent_id_number, c.application
  FROM cases c
  WHERE NOT EXISTS (SELECT 1 FROM case_purges p WHERE p.case_id = c.case_id)
    AND (
      (c.sync_state = 'delivered' AND c.dept_status IN ('approved', 'rejected', 'result-mailed')
        AND julianday(coalesce((SELECT max(e.at) FROM status_events e WHERE e.case_id = c.case_id AND e.status IN ('approved', 'rejected', 'result-mailed')), c.delivered_at, c.decided_at)) < julianday(@cutoff))
      OR (c.outcome IN ('rejected', 'incomplete') AND julianday(c.decided_at) < julianday(@cutoff))
    )
  ORDER BY c.decided_at LIMIT @limit`;

/** Retention SQL. */
export class RetentionRepo {
  private readonly s: Statements;

  constructor(readonly db: Database.Database) {
    this.s = new Statements(db);
  }

  due(cutoffIso: string, limit: number): PersonalRow[] {
    return this.s.get<[{ cutoff: string; limit: number }], PersonalRow>(DUE_SQL).all({ cutoff: cutoffIso, limit });
  }

  maskCase(
    caseId: string,
    v: {
      applicantName: string;
      idNumber: string;
      phone: string | null;
      agentName: string | null;
      agentIdNumber: string | null;
      application: string;
    },
  ): void {
    this.s
      .get(
        `UPDATE cases SET applicant_name = @applicantName, applicant_id_number = @idNumber, applicant_phone = @phone, agent_name = @agentName,
              agent_id_number = @agentIdNumber, application = @application WHERE case_id = @caseId`,
      )
      .run({ caseId, ...v });
  }

  /** Deletes the case's attachments and the blobs no other attachment uses; returns both counts. */
  deleteAttachments(caseId: string): { attachments: number; blobs: number } {
    const hashes = this.s
      .get<[string], { sha256: string }>('SELECT DISTINCT sha256 FROM attachments WHERE case_id = ?')
      .all(caseId)
      .map((r) => r.sha256);
    const attachments = this.s.get('DELETE FROM attachments WHERE case_id = ?').run(caseId).changes;
    let blobs = 0;
    const del = this.s.get(
      'DELETE FROM attachment_blobs WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = ?)',
    );
    for (const h of hashes) blobs += del.run(h, h).changes;
    return { attachments, blobs };
  }

  /** The applicant's side of result waybills. */
  resultWaybills(caseId: string): { waybill_no: string; recipient_name: string; recipient_phone: string }[] {
    return this.s
      .get<[string], { waybill_no: string; recipient_name: string; recipient_phone: string }>(
        "SELECT waybill_no, recipient_name, recipient_phone FROM waybills WHERE case_id = ? AND direction = 'result-to-applicant'",
      )
      .all(caseId);
  }

  maskWaybill(waybillNo: string, name: string, phone: string): void {
    this.s
      .get(
        "UPDATE waybills SET recipient_name = ?, recipient_phone = ?, recipient_address = '（已清除）' WHERE waybill_no = ?",
      )
      .run(name, phone, waybillNo);
  }

  ratingContact(caseId: string): { contact_name: string | null; contact_phone: string | null } | null {
    return (
      this.s
        .get<[string], { contact_name: string | null; contact_phone: string | null }>(
          'SELECT contact_name, contact_phone FROM ratings WHERE case_id = ?',
        )
        .get(caseId) ?? null
    );
  }

  maskRatingContact(caseId: string, name: string | null, phone: string | null): void {
    this.s.get('UPDATE ratings SET contact_name = ?, contact_phone = ? WHERE case_id = ?').run(name, phone, caseId);
  }

  /** Printed PDFs of the case kept in the data folder (they show full personal data). */
  printedFiles(caseId: string): { id: number; output_path: string }[] {
    return this.s
      .get<[string], { id: number; output_path: string }>(
        'SELECT id, output_path FROM print_log WHERE case_id = ? AND output_path IS NOT NULL',
      )
      .all(caseId);
  }

  forgetPrintedFile(id: number): void {
    this.s.get('UPDATE print_log SET output_path = NULL WHERE id = ?').run(id);
  }

  private hasTable(name: string): boolean {
    return !!this.s
      .get<[string], { x: number }>("SELECT 1 AS x FROM sqlite_master WHERE type = 'table' AND name = ?")
      .get(name);
  }

  /**
   * The identity module's per-case data (migration 0005): chip records and photos are deleted, the
   * verification rows (the proof that identity was checked) keep only masked name and number.
   */
  purgeIdentity(caseId: string, at: string, mask: { name: (s: string) => string; id: (s: string) => string }): number {
    let n = 0;
    if (this.hasTable('identity_chip_data'))
      n += this.s.get('DELETE FROM identity_chip_data WHERE case_id = ?').run(caseId).changes;
    if (this.hasTable('identity_verifications')) {
      const rows = this.s
        .get<[string], { id: number; name: string; id_number: string }>(
          'SELECT id, name, id_number FROM identity_verifications WHERE case_id = ?',
        )
        .all(caseId);
      const update = this.s.get(
        'UPDATE identity_verifications SET name = ?, name_en = NULL, id_number = ?, minimised_at = coalesce(minimised_at, ?) WHERE id = ?',
      );
      for (const r of rows) n += update.run(mask.name(r.name), mask.id(r.id_number), at, r.id).changes;
    }
    return n;
  }

  /**
   * 电子签名 of the case: the image, strokes, SVG and signed text are cleared, the signer's name masked;
   * the hashes and purged_at stay (the case was signed, the signature purged). Its signing tickets
   * (which carry the application) are deleted.
   */
  purgeSignatures(caseId: string, at: string, maskName: (s: string) => string): number {
    const rows = this.s
      .get<[string], { signature_id: string; signer_name: string }>(
        'SELECT signature_id, signer_name FROM case_signatures WHERE case_id = ? AND purged_at IS NULL',
      )
      .all(caseId);
    const clear = this.s.get(
      `UPDATE case_signatures SET signer_name = ?, text = '', points = '[]', png = X'', svg = '', purged_at = ?
       WHERE signature_id = ?`,
    );
    let n = 0;
    for (const r of rows) n += clear.run(maskName(r.signer_name), at, r.signature_id).changes;
    this.s.get('DELETE FROM signature_tickets WHERE case_id = ?').run(caseId);
    return n;
  }

  /**
   * 问题处理 of the case: the text of its tickets and of their messages (which may quote the applicant) is
   * replaced by TICKET_TEXT_PURGED; who opened and answered them, when, the category and the status stay (the
   * 工作台账 and the 督办 record). Returns the tickets cleared.
   */
  purgeTickets(caseId: string): number {
    // The tickets' files lose their bytes and names (sizes, types and who/when stay countable).
    this.s
      .get(
        `UPDATE case_ticket_files SET bytes = NULL, file_name = @purged,
           purged_at = coalesce(purged_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         WHERE purged_at IS NULL AND ticket_id IN (SELECT ticket_id FROM case_tickets WHERE case_id = @caseId)`,
      )
      .run({ caseId, purged: TICKET_TEXT_PURGED });
    this.s
      .get(
        `UPDATE case_ticket_messages SET body = @purged
         WHERE body <> @purged AND ticket_id IN (SELECT ticket_id FROM case_tickets WHERE case_id = @caseId)`,
      )
      .run({ caseId, purged: TICKET_TEXT_PURGED });
    return this.s
      .get('UPDATE case_tickets SET body = @purged WHERE case_id = @caseId AND body <> @purged')
      .run({ caseId, purged: TICKET_TEXT_PURGED }).changes;
  }

  markPurged(caseId: string, at: string, days: number): void {
    this.s.get('INSERT INTO case_purges (case_id, purged_at, retention_days) VALUES (?, ?, ?)').run(caseId, at, days);
  }
}
