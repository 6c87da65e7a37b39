import type Database from 'better-sqlite3-multiple-ciphers';
import { statement } from '../db/statements';
import type { IdType } from '@tongban/protocol/cases/application';
import type { CardDocType, CardRead } from '@common/identity/card';
import type { VerificationProblem } from '@common/identity/checks';
import type { VerificationMethod, VerificationRole } from '@common/identity/verification';

/** A verification attempt as stored. */
export interface VerificationRecord {
  id: number;
  caseId: string;
  role: VerificationRole;
  method: VerificationMethod;
  result: 'pass' | 'fail';
  problems: VerificationProblem[];
  idType: IdType;
  cardDocType: CardDocType | null;
  name: string;
  nameEn: string | null;
  idNumber: string;
  birthDate: string | null;
  validTo: string | null;
  chipSha256: string | null;
  photoShown: boolean;
  manualReason: string | null;
  confirmedMatch: boolean;
  verifiedBy: number;
  verifiedByName: string;
  verifiedAt: string;
  chipDataHeld: boolean;
}

/** A face comparison as stored (the frame itself only through `faceFrame`). */
export interface FaceMatchRecord {
  verificationId: number;
  caseId: string;
  similarity: number | null;
  threshold: number;
  model: string;
  modelVersion: string;
  frameSha256: string;
  frameMediaType: string;
  facesInFrame: number;
  faceWidth: number | null;
  realScore: number | null;
  liveScore: number | null;
  rendererScore: number | null;
  analysisMs: number;
  storedAt: string;
}

/** An override as stored. */
export interface OverrideRecord {
  id: number;
  caseId: string;
  role: VerificationRole;
  reason: string;
  approvedBy: number;
  approvedByName: string;
  approvedAt: string;
}

type Row = Record<string, unknown>;

const toVerification = (r: Row): VerificationRecord => ({
  id: r.id as number,
  caseId: r.case_id as string,
  role: r.role as VerificationRole,
  method: r.method as VerificationMethod,
  result: r.result as 'pass' | 'fail',
  problems: JSON.parse(r.problems as string) as VerificationProblem[],
  idType: r.id_type as IdType,
  cardDocType: (r.card_doc_type as CardDocType | null) ?? null,
  name: r.name as string,
  nameEn: (r.name_en as string | null) ?? null,
  idNumber: r.id_number as string,
  birthDate: (r.birth_date as string | null) ?? null,
  validTo: (r.valid_to as string | null) ?? null,
  chipSha256: (r.chip_sha256 as string | null) ?? null,
  photoShown: r.photo_shown === 1,
  manualReason: (r.manual_reason as string | null) ?? null,
  confirmedMatch: r.confirmed_match === 1,
  verifiedBy: r.verified_by as number,
  verifiedByName: r.verified_by_name as string,
  verifiedAt: r.verified_at as string,
  chipDataHeld: r.chip_held === 1,
});

const toOverride = (r: Row): OverrideRecord => ({
  id: r.id as number,
  caseId: r.case_id as string,
  role: r.role as VerificationRole,
  reason: r.reason as string,
  approvedBy: r.approved_by as number,
  approvedByName: r.approved_by_name as string,
  approvedAt: r.approved_at as string,
});

/** SQL for verifications, overrides and held chip data. */
export class IdentityRepo {
  constructor(private readonly db: Database.Database) {}

  insertVerification(v: Omit<VerificationRecord, 'id' | 'verifiedByName' | 'chipDataHeld'>): number {
    const info = statement(
      this.db,
      `INSERT INTO identity_verifications (case_id, role, method, result, problems, id_type, card_doc_type, name, name_en, id_number, birth_date,
         valid_to, chip_sha256, photo_shown, manual_reason, confirmed_match, verified_by, verified_at)
       VALUES (@caseId, @role, @method, @result, @problems, @idType, @cardDocType, @name, @nameEn, @idNumber, @birthDate,
         @validTo, @chipSha256, @photoShown, @manualReason, @confirmedMatch, @verifiedBy, @verifiedAt)`,
    ).run({
      ...v,
      problems: JSON.stringify(v.problems),
      photoShown: v.photoShown ? 1 : 0,
      confirmedMatch: v.confirmedMatch ? 1 : 0,
    });
    return Number(info.lastInsertRowid);
  }

  /** Keeps the chip data of one verification, replacing any earlier chip data of the same case and role. */
  storeChipData(
    verificationId: number,
    caseId: string,
    role: VerificationRole,
    card: CardRead,
    storedAt: string,
  ): void {
    const { photo, ...text } = card;
    statement(
      this.db,
      `DELETE FROM identity_chip_data WHERE verification_id IN (SELECT id FROM identity_verifications WHERE case_id = ? AND role = ?)`,
    ).run(caseId, role);
    statement(
      this.db,
      'INSERT INTO identity_chip_data (verification_id, case_id, card, photo, photo_media_type, stored_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(
      verificationId,
      caseId,
      JSON.stringify(text),
      photo ? Buffer.from(photo.base64, 'base64') : null,
      photo?.mediaType ?? null,
      storedAt,
    );
  }

  /** Stores one face comparison with its frame. */
  insertFaceMatch(m: FaceMatchRecord, frame: Buffer): void {
    statement(
      this.db,
      `INSERT INTO identity_face_matches (verification_id, case_id, similarity, threshold, model, model_version, frame_sha256, frame,
         frame_media_type, faces_in_frame, face_width, real_score, live_score, renderer_score, analysis_ms, stored_at)
       VALUES (@verificationId, @caseId, @similarity, @threshold, @model, @modelVersion, @frameSha256, @frame,
         @frameMediaType, @facesInFrame, @faceWidth, @realScore, @liveScore, @rendererScore, @analysisMs, @storedAt)`,
    ).run({ ...m, frame });
  }

  /** The face comparisons of a case by verification id, with whether the frame is still held. */
  faceMatches(caseId: string): Map<number, FaceMatchRecord & { frameHeld: boolean }> {
    const rows = statement<[string], Row>(
      this.db,
      'SELECT *, (frame IS NOT NULL) AS frame_held FROM identity_face_matches WHERE case_id = ?',
    ).all(caseId);
    return new Map(
      rows.map((r) => [
        r.verification_id as number,
        {
          verificationId: r.verification_id as number,
          caseId: r.case_id as string,
          similarity: (r.similarity as number | null) ?? null,
          threshold: r.threshold as number,
          model: r.model as string,
          modelVersion: r.model_version as string,
          frameSha256: r.frame_sha256 as string,
          frameMediaType: r.frame_media_type as string,
          facesInFrame: r.faces_in_frame as number,
          faceWidth: (r.face_width as number | null) ?? null,
          realScore: (r.real_score as number | null) ?? null,
          liveScore: (r.live_score as number | null) ?? null,
          rendererScore: (r.renderer_score as number | null) ?? null,
          analysisMs: r.analysis_ms as number,
          storedAt: r.stored_at as string,
          frameHeld: r.frame_held === 1,
        },
      ]),
    );
  }

  /** The stored frame of a face comparison (tests and the department hand-over), null once purged. */
  faceFrame(verificationId: number): { frame: Buffer; mediaType: string; sha256: string } | null {
    const row = statement<[number], { frame: Buffer | null; frame_media_type: string; frame_sha256: string }>(
      this.db,
      'SELECT frame, frame_media_type, frame_sha256 FROM identity_face_matches WHERE verification_id = ?',
    ).get(verificationId);
    return row?.frame ? { frame: row.frame, mediaType: row.frame_media_type, sha256: row.frame_sha256 } : null;
  }

  /** Every attempt of a case, newest first. */
  verifications(caseId: string): VerificationRecord[] {
    return statement<[string], Row>(
      this.db,
      `SELECT v.*, u.display_name AS verified_by_name, (d.verification_id IS NOT NULL) AS chip_held
       FROM identity_verifications v JOIN users u ON u.id = v.verified_by
       LEFT JOIN identity_chip_data d ON d.verification_id = v.id
       WHERE v.case_id = ? ORDER BY v.id DESC`,
    )
      .all(caseId)
      .map(toVerification);
  }

  insertOverride(o: Omit<OverrideRecord, 'id' | 'approvedByName'>): number {
    const info = statement(
      this.db,
      'INSERT INTO identity_overrides (case_id, role, reason, approved_by, approved_at) VALUES (@caseId, @role, @reason, @approvedBy, @approvedAt)',
    ).run(o);
    return Number(info.lastInsertRowid);
  }

  /** Every override of a case, newest first. */
  overrides(caseId: string): OverrideRecord[] {
    return statement<[string], Row>(
      this.db,
      `SELECT o.*, u.display_name AS approved_by_name FROM identity_overrides o JOIN users u ON u.id = o.approved_by
       WHERE o.case_id = ? ORDER BY o.id DESC`,
    )
      .all(caseId)
      .map(toOverride);
  }

  /** When the case was last decided (a 待补齐 case comes back with the same id), or null. */
  lastDecidedAt(caseId: string): string | null {
    return (
      statement<[string], { decided_at: string }>(this.db, 'SELECT decided_at FROM cases WHERE case_id = ?').get(caseId)
        ?.decided_at ?? null
    );
  }

  /**
   * Purges what is no longer needed (domain-facts §8): for cases delivered to the department, and for
   * 不予受理 / 待补齐 cases decided (what was verified before that decision), before `cutoff`, and for
   * discarded drafts: their chip data is deleted and their verification rows keep only a masked number.
   */
  purge(
    cutoff: string,
    mask: (idNumber: string) => string,
    now: string,
  ): { chipRecords: number; minimised: number; frames: number } {
    const stale = (alias: string, at: string) => `(
         (c.delivered_at IS NOT NULL AND c.delivered_at <= @cutoff)
      OR (c.outcome IN ('rejected', 'incomplete') AND c.decided_at <= @cutoff AND ${alias}.${at} <= c.decided_at)
      OR (c.case_id IS NULL AND NOT EXISTS (SELECT 1 FROM drafts r WHERE r.case_id = ${alias}.case_id)))`;
    const chip = statement<{ cutoff: string }, { id: number }>(
      this.db,
      `SELECT d.verification_id AS id FROM identity_chip_data d LEFT JOIN cases c ON c.case_id = d.case_id WHERE ${stale('d', 'stored_at')}`,
    ).all({ cutoff });
    const rows = statement<{ cutoff: string }, { id: number; id_number: string }>(
      this.db,
      `SELECT v.id, v.id_number FROM identity_verifications v LEFT JOIN cases c ON c.case_id = v.case_id
       WHERE v.minimised_at IS NULL AND ${stale('v', 'verified_at')}`,
    ).all({ cutoff });
    const remove = statement<[number]>(this.db, 'DELETE FROM identity_chip_data WHERE verification_id = ?');
    const minimise = statement<[string, string, number]>(
      this.db,
      'UPDATE identity_verifications SET id_number = ?, minimised_at = ? WHERE id = ?',
    );
    // Face frames go with the chip data (the figures and the frame's sha256 stay).
    const frames = statement<{ cutoff: string; now: string }>(
      this.db,
      `UPDATE identity_face_matches SET frame = NULL, purged_at = @now WHERE frame IS NOT NULL AND verification_id IN (
         SELECT v.id FROM identity_verifications v LEFT JOIN cases c ON c.case_id = v.case_id WHERE ${stale('v', 'verified_at')})`,
    ).run({ cutoff, now }).changes;
    for (const { id } of chip) remove.run(id);
    for (const row of rows) minimise.run(mask(row.id_number), now, row.id);
    return { chipRecords: chip.length, minimised: rows.length, frames };
  }

  /** The stored chip record of a verification (tests and the department hand-over). */
  chipData(verificationId: number): { card: string; photo: Buffer | null } | null {
    return (
      statement<[number], { card: string; photo: Buffer | null }>(
        this.db,
        'SELECT card, photo FROM identity_chip_data WHERE verification_id = ?',
      ).get(verificationId) ?? null
    );
  }
}
