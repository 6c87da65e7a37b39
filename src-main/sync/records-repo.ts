// SQL for pushing 好差评 records: the rows a rating, follow-up or step manifest is built from
// (immutable once written, so every retry sends the identical body), and their synced marks.
import type Database from 'better-sqlite3-multiple-ciphers';
import { statement } from '../db/statements';
import type { FollowUpStep, RatingIndicator } from '@tongban/protocol/supervisor/ratings';
import type { FollowUpManifest, FollowUpStepManifest, RatingManifest } from '@tongban/protocol/sync/records';
import type { DocumentManifest, IssuedDocumentKind } from '@tongban/protocol/sync/documents';

/** Outbox kinds of 好差评 records, 问题处理 tickets and issued documents; they run after the case in the case's outbox order. */
export const RECORD_KINDS = [
  'rating',
  'follow-up',
  'follow-up-step',
  'ticket',
  'ticket-message',
  'document',
  'ticket-file',
] as const;
/** A record kind. */
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Whether an outbox kind is a 好差评 record. */
export const isRecordKind = (kind: string): kind is RecordKind => (RECORD_KINDS as readonly string[]).includes(kind);

const SYNCED: Record<RecordKind, string> = {
  rating: 'UPDATE ratings SET synced_at = ? WHERE rating_id = ? AND synced_at IS NULL',
  'follow-up': 'UPDATE follow_ups SET synced_at = ? WHERE follow_up_id = ? AND synced_at IS NULL',
  'follow-up-step': 'UPDATE follow_up_steps SET synced_at = ? WHERE step_id = ? AND synced_at IS NULL',
  ticket: 'UPDATE case_tickets SET synced_at = ? WHERE ticket_id = ? AND synced_at IS NULL',
  'ticket-message': 'UPDATE case_ticket_messages SET synced_at = ? WHERE message_id = ? AND synced_at IS NULL',
  document: 'UPDATE issued_documents SET synced_at = ? WHERE print_id = ? AND synced_at IS NULL',
  'ticket-file': 'UPDATE case_ticket_files SET synced_at = ? WHERE attachment_id = ? AND synced_at IS NULL',
};

/** Reads record manifests and marks records synced. */
export class RecordsRepo {
  constructor(private readonly db: Database.Database) {}

  rating(ratingId: string): RatingManifest | null {
    const r = statement<
      [string],
      {
        case_id: string;
        level: number;
        indicators: string;
        comment: string;
        real_name: number;
        contact_name: string | null;
        contact_phone: string | null;
        hall_division: string;
        window_code: string;
        clerk_id: number;
        matter_code: string;
        rated_at: string;
      }
    >(
      this.db,
      'SELECT case_id, level, indicators, comment, real_name, contact_name, contact_phone, hall_division, window_code, clerk_id, matter_code, rated_at FROM ratings WHERE rating_id = ?',
    ).get(ratingId);
    if (!r) return null;
    return {
      ratingId,
      caseId: r.case_id,
      level: r.level,
      indicators: JSON.parse(r.indicators) as RatingIndicator[],
      comment: r.comment,
      realName: r.real_name === 1,
      contact:
        r.real_name === 1 && r.contact_name && r.contact_phone
          ? { name: r.contact_name, phone: r.contact_phone }
          : null,
      channel: 'window-device',
      hallDivision: r.hall_division,
      windowCode: r.window_code,
      clerkId: r.clerk_id,
      matterCode: r.matter_code,
      ratedAt: r.rated_at,
    };
  }

  followUp(followUpId: string): FollowUpManifest | null {
    const f = statement<
      [string],
      {
        case_id: string;
        rating_id: string;
        opened_at: string;
        due_date: string;
        working_days: number;
        calendar_version: string;
      }
    >(
      this.db,
      'SELECT case_id, rating_id, opened_at, due_date, working_days, calendar_version FROM follow_ups WHERE follow_up_id = ?',
    ).get(followUpId);
    if (!f) return null;
    return {
      followUpId,
      caseId: f.case_id,
      ratingId: f.rating_id,
      openedAt: f.opened_at,
      dueDate: f.due_date,
      workingDays: f.working_days,
      calendarVersion: f.calendar_version,
    };
  }

  step(stepId: string): FollowUpStepManifest | null {
    const s = statement<
      [string],
      {
        follow_up_id: string;
        case_id: string;
        step: FollowUpStep;
        note: string;
        contacted: number | null;
        finding: FollowUpStepManifest['finding'];
        by_name: string;
        at: string;
      }
    >(
      this.db,
      'SELECT follow_up_id, case_id, step, note, contacted, finding, by_name, at FROM follow_up_steps WHERE step_id = ?',
    ).get(stepId);
    if (!s) return null;
    return {
      stepId,
      followUpId: s.follow_up_id,
      caseId: s.case_id,
      step: s.step,
      note: s.note,
      contacted: s.contacted === null ? null : s.contacted === 1,
      finding: s.finding,
      byName: s.by_name,
      at: s.at,
    };
  }

  /** An issued document (扫码核验), keyed by its print id. */
  document(printId: string): DocumentManifest | null {
    const d = statement<
      [string],
      {
        case_id: string;
        document_no: string;
        kind: IssuedDocumentKind;
        format: string;
        copy: number;
        pdf_sha256: string | null;
        verifier: string;
        pickup_verifier: string | null;
        issued_at: string;
      }
    >(
      this.db,
      'SELECT case_id, document_no, kind, format, copy, pdf_sha256, verifier, pickup_verifier, issued_at FROM issued_documents WHERE print_id = ?',
    ).get(printId);
    if (!d) return null;
    return {
      printId,
      caseId: d.case_id,
      documentNo: d.document_no,
      kind: d.kind,
      format: d.format,
      copy: d.copy,
      pdfSha256: d.pdf_sha256,
      verifier: d.verifier,
      pickupVerifier: d.pickup_verifier,
      issuedAt: d.issued_at,
    };
  }

  markSynced(kind: RecordKind, ref: string, at: string): void {
    statement(this.db, SYNCED[kind]).run(at, ref);
  }
}
