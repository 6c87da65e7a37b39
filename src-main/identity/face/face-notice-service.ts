// The PIPL notice of 人证比对 on the applicant's own display (decision 0190). The clerk opens a one-time
// ticket for one person of a case; the customer display (paired like 好差评's, no staff session) fetches
// the notice with it — main records when, so it knows the notice reached that display — and sends the
// applicant's answer. identity:faceMatch then needs that person's agreed notice, and spends it.
import { createHash, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditLog } from '../../audit/audit-log';
import { uuidv7 } from '../../cases/ids';
import type { Staff } from '../../cases/intake-service';
import { Statements } from '../../db/statements';
import { AppError } from '@common/errors';
import {
  FACE_NOTICE_MINUTES,
  FACE_NOTICE_TEXT,
  type FaceNoticeStatus,
  type FaceNoticeView,
} from '@common/identity/face-notice';
import type { VerificationRole } from '@common/identity/verification';

interface NoticeRow {
  notice_id: string;
  ticket_hash: string;
  case_id: string;
  role: VerificationRole;
  text_sha256: string;
  issued_by: number;
  issued_at: string;
  expires_at: string;
  shown_at: string | null;
  answer: 'agreed' | 'refused' | null;
  answered_at: string | null;
  superseded_at: string | null;
  verification_id: number | null;
}

/** What an agreed notice contributes to the face-match record and its audit entry. */
export interface SpentNotice {
  noticeId: string;
  noticeShownAt: string;
  noticeAgreedAt: string;
  noticeTextSha256: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const FACE_NOTICE_SHA256 = sha256(FACE_NOTICE_TEXT);

const noticeError = (reason: string, message: string) => new AppError('face-notice-invalid', message, { reason });

/** Notice tickets: open (clerk), view and answer (customer display), spend (face match). */
export class FaceNoticeService {
  private readonly s: Statements;
  constructor(
    private readonly d: {
      db: Database.Database;
      audit: AuditLog;
      now: () => Date;
      /** Throws unless the staff member may work on the (undecided) case. */
      openCase: (staff: Staff, caseId: string) => void;
    },
  ) {
    this.s = new Statements(d.db);
  }

  /** A new ticket for one person of a case; earlier unanswered ones of that person lapse. */
  open(staff: Staff, caseId: string, role: VerificationRole): { noticeId: string; ticket: string; expiresAt: string } {
    this.d.openCase(staff, caseId);
    const now = this.d.now();
    const ticket = randomBytes(32).toString('base64url');
    const noticeId = uuidv7(now.getTime());
    const expiresAt = new Date(now.getTime() + FACE_NOTICE_MINUTES * 60_000).toISOString();
    this.d.db.transaction(() => {
      this.s
        .get(
          'UPDATE identity_face_notices SET superseded_at = ? WHERE case_id = ? AND role = ? AND superseded_at IS NULL',
        )
        .run(now.toISOString(), caseId, role);
      this.s
        .get(
          `INSERT INTO identity_face_notices (notice_id, ticket_hash, case_id, role, text_sha256, issued_by, issued_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(noticeId, sha256(ticket), caseId, role, FACE_NOTICE_SHA256, staff.id, now.toISOString(), expiresAt);
      this.d.audit.append({
        actor: staff,
        action: 'identity.face-notice-open',
        target: `case:${caseId}`,
        details: { noticeId, role, expiresAt },
      });
    })();
    return { noticeId, ticket, expiresAt };
  }

  /** Where a notice stands (the clerk's screen waits for the answer). */
  status(staff: Staff, noticeId: string): FaceNoticeStatus {
    const row = this.row('notice_id', noticeId);
    if (!row) throw new AppError('not-found', 'unknown notice', { reason: 'notice-unknown' });
    this.d.openCase(staff, row.case_id);
    return {
      noticeId,
      role: row.role,
      expiresAt: row.expires_at,
      shownAt: row.shown_at,
      answer: row.answer,
      answeredAt: row.answered_at,
    };
  }

  /** The customer display fetches the notice: main records the first time it was shown there. */
  view(ticket: string): FaceNoticeView {
    const row = this.validTicket(ticket);
    if (!row.shown_at)
      this.s
        .get('UPDATE identity_face_notices SET shown_at = ? WHERE notice_id = ? AND shown_at IS NULL')
        .run(this.d.now().toISOString(), row.notice_id);
    return {
      role: row.role,
      text: FACE_NOTICE_TEXT,
      textSha256: FACE_NOTICE_SHA256,
      expiresAt: row.expires_at,
      answer: row.answer,
    };
  }

  /** The applicant's answer on their display. A staff-signed-in window may not answer for them. */
  answer(
    input: { ticket: string; agreed: boolean; textSha256: string },
    staffSession: boolean,
  ): { answer: 'agreed' | 'refused'; answeredAt: string } {
    if (staffSession)
      throw new AppError('forbidden', 'a staff window cannot answer for the applicant', {
        reason: 'staff-cannot-answer',
      });
    const row = this.validTicket(input.ticket);
    if (!row.shown_at || input.textSha256 !== row.text_sha256)
      throw noticeError('notice-not-shown', 'the notice answered is not the one this display was shown');
    if (row.answer) throw noticeError('notice-answered', 'this notice has already been answered');
    const answer: 'agreed' | 'refused' = input.agreed ? 'agreed' : 'refused';
    const answeredAt = this.d.now().toISOString();
    this.d.db.transaction(() => {
      this.s
        .get('UPDATE identity_face_notices SET answer = ?, answered_at = ? WHERE notice_id = ?')
        .run(answer, answeredAt, row.notice_id);
      this.d.audit.append({
        actor: { id: null, name: 'applicant' },
        action: 'identity.face-notice-answer',
        target: `case:${row.case_id}`,
        details: {
          noticeId: row.notice_id,
          role: row.role,
          answer,
          shownAt: row.shown_at,
          textSha256: row.text_sha256,
        },
      });
    })();
    return { answer, answeredAt };
  }

  /**
   * The notice a face match relies on: this case and person, shown on the customer display, agreed there,
   * not superseded, and agreed within the last minutes: one agreement covers a retake (画面中未检测到人脸).
   */
  usable(noticeId: string, caseId: string, role: VerificationRole): SpentNotice {
    const row = this.row('notice_id', noticeId);
    if (!row || row.case_id !== caseId || row.role !== role)
      throw noticeError('notice-unknown', 'no such notice for this person of the case');
    if (row.superseded_at) throw noticeError('notice-superseded', 'a newer notice was opened');
    if (row.answer !== 'agreed' || !row.shown_at || !row.answered_at)
      throw noticeError('notice-not-agreed', 'the applicant has not agreed on the customer display');
    const age = this.d.now().getTime() - Date.parse(row.answered_at);
    if (age > FACE_NOTICE_MINUTES * 60_000) throw noticeError('notice-expired', 'the agreement is too old');
    return {
      noticeId,
      noticeShownAt: row.shown_at,
      noticeAgreedAt: row.answered_at,
      noticeTextSha256: row.text_sha256,
    };
  }

  /** Records the (latest) verification that used the notice, inside the face match's transaction. */
  spend(noticeId: string, verificationId: number): void {
    this.s
      .get('UPDATE identity_face_notices SET verification_id = ? WHERE notice_id = ?')
      .run(verificationId, noticeId);
  }

  private row(column: 'notice_id' | 'ticket_hash', value: string): NoticeRow | undefined {
    return this.s.get<[string], NoticeRow>(`SELECT * FROM identity_face_notices WHERE ${column} = ?`).get(value);
  }

  private validTicket(ticket: string): NoticeRow {
    const row = this.row('ticket_hash', sha256(ticket));
    if (!row) throw new AppError('not-found', 'unknown notice ticket', { reason: 'ticket-unknown' });
    if (row.superseded_at)
      throw new AppError('conflict', 'notice ticket no longer valid', { reason: 'ticket-superseded' });
    if (Date.parse(row.expires_at) <= this.d.now().getTime())
      throw new AppError('conflict', 'notice ticket expired', { reason: 'ticket-expired' });
    return row;
  }
}
