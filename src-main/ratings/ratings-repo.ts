// SQL for 好差评: tickets, ratings, follow-ups and their steps.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { FollowUpStep, RatingIndicator } from '@tongban/protocol/supervisor/ratings';
import { Statements } from '../db/statements';
import { enqueueRecord } from '../sync/outbox';
import { documentNumberSql } from '@common/cases/document-number';

/** A ticket as stored (the token itself is never stored, only its SHA-256). */
export interface TicketRow {
  ticket_hash: string;
  case_id: string;
  issued_by: number;
  issued_at: string;
  expires_at: string;
  used_at: string | null;
  outcome: string | null;
}

/** The case facts a rating and its summary need. */
export interface RatedCaseRow {
  case_id: string;
  receipt_no: string | null;
  notice_no: string | null;
  outcome: 'accepted' | 'incomplete' | 'rejected';
  decided_at: string;
  matter_code: string;
  matter_name: string;
  situation_name: string;
  applicant_name: string;
  clerk_id: number;
  clerk_name: string;
  window_code: string;
}

/** A rating joined with its case and follow-up. */
export interface RatingRow {
  rating_id: string;
  case_id: string;
  level: number;
  indicators: string;
  comment: string;
  real_name: number;
  contact_name: string | null;
  contact_phone: string | null;
  clerk_id: number;
  clerk_name: string;
  window_code: string;
  matter_name: string;
  rated_at: string;
  document_no: string | null;
  follow_up_id: string | null;
}

/** A follow-up joined with its rating. */
export interface FollowUpRow extends RatingRow {
  follow_up_id: string;
  opened_at: string;
  due_date: string;
  working_days: number;
  due_verified: number;
  state: 'open' | 'done';
  closed_at: string | null;
}

/** A step as stored. */
export interface StepRow {
  step_id: string;
  step: FollowUpStep;
  note: string;
  contacted: number | null;
  finding: string | null;
  by_id: number;
  by_name: string;
  at: string;
}

const RATING_SELECT = `SELECT r.*, u.display_name AS clerk_name, c.matter_name, ${documentNumberSql()} AS document_no, f.follow_up_id
  FROM ratings r JOIN cases c ON c.case_id = r.case_id JOIN users u ON u.id = r.clerk_id LEFT JOIN follow_ups f ON f.rating_id = r.rating_id`;

const FOLLOW_UP_SELECT = `SELECT r.*, u.display_name AS clerk_name, c.matter_name, ${documentNumberSql()} AS document_no,
  f.follow_up_id, f.opened_at, f.due_date, f.working_days, f.due_verified, f.state, f.closed_at
  FROM follow_ups f JOIN ratings r ON r.rating_id = f.rating_id JOIN cases c ON c.case_id = f.case_id JOIN users u ON u.id = r.clerk_id`;

/** SQL for ratings and follow-ups. */
export class RatingsRepo {
  private readonly s: Statements;

  constructor(readonly db: Database.Database) {
    this.s = new Statements(db);
  }

  ratedCase(caseId: string): RatedCaseRow | null {
    return (
      this.s
        .get<[string], RatedCaseRow>(
          `SELECT c.case_id, c.receipt_no, c.notice_no, c.outcome, c.decided_at, c.matter_code, c.matter_name, c.situation_name, c.applicant_name,
             c.clerk_id, u.display_name AS clerk_name, c.window_code FROM cases c JOIN users u ON u.id = c.clerk_id WHERE c.case_id = ?`,
        )
        .get(caseId) ?? null
    );
  }

  hasRating(caseId: string): boolean {
    return !!this.s.get<[string], { x: number }>('SELECT 1 AS x FROM ratings WHERE case_id = ?').get(caseId);
  }

  supersedeTickets(caseId: string, at: string): void {
    this.s
      .get("UPDATE rating_tickets SET used_at = ?, outcome = 'superseded' WHERE case_id = ? AND used_at IS NULL")
      .run(at, caseId);
  }

  insertTicket(t: { hash: string; caseId: string; issuedBy: number; issuedAt: string; expiresAt: string }): void {
    this.s
      .get(
        'INSERT INTO rating_tickets (ticket_hash, case_id, issued_by, issued_at, expires_at) VALUES (@hash, @caseId, @issuedBy, @issuedAt, @expiresAt)',
      )
      .run(t);
  }

  ticket(hash: string): TicketRow | null {
    return this.s.get<[string], TicketRow>('SELECT * FROM rating_tickets WHERE ticket_hash = ?').get(hash) ?? null;
  }

  /** Marks a ticket used; false when another submission got there first. */
  useTicket(hash: string, at: string, outcome: 'rated' | 'declined'): boolean {
    return (
      this.s
        .get('UPDATE rating_tickets SET used_at = ?, outcome = ? WHERE ticket_hash = ? AND used_at IS NULL')
        .run(at, outcome, hash).changes === 1
    );
  }

  insertRating(r: {
    ratingId: string;
    caseId: string;
    level: number;
    indicators: RatingIndicator[];
    comment: string;
    realName: boolean;
    contactName: string | null;
    contactPhone: string | null;
    hallDivision: string;
    windowCode: string;
    clerkId: number;
    matterCode: string;
    ratedAt: string;
  }): void {
    this.s
      .get(
        `INSERT INTO ratings (rating_id, case_id, level, indicators, comment, real_name, contact_name, contact_phone, channel, hall_division, window_code, clerk_id, matter_code, rated_at)
            VALUES (@ratingId, @caseId, @level, @indicators, @comment, @realName, @contactName, @contactPhone, 'window-device', @hallDivision, @windowCode, @clerkId, @matterCode, @ratedAt)`,
      )
      .run({ ...r, indicators: JSON.stringify(r.indicators), realName: r.realName ? 1 : 0 });
  }

  insertFollowUp(f: {
    followUpId: string;
    ratingId: string;
    caseId: string;
    openedAt: string;
    startDate: string;
    dueDate: string;
    workingDays: number;
    calendarVersion: string;
    dueVerified: boolean;
  }): void {
    this.s
      .get(
        `INSERT INTO follow_ups (follow_up_id, rating_id, case_id, opened_at, start_date, due_date, working_days, calendar_version, due_verified, state)
            VALUES (@followUpId, @ratingId, @caseId, @openedAt, @startDate, @dueDate, @workingDays, @calendarVersion, @dueVerified, 'open')`,
      )
      .run({ ...f, dueVerified: f.dueVerified ? 1 : 0 });
  }

  ratings(from: string, to: string, level: number | null, limit: number, offset: number): RatingRow[] {
    return this.s
      .get<[Record<string, unknown>], RatingRow>(
        `${RATING_SELECT} WHERE r.rated_at >= @from AND r.rated_at < @to AND (@level IS NULL OR r.level = @level) ORDER BY r.rated_at DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ from, to, level, limit, offset });
  }

  /** Ratings given in an instant range: counts by level. */
  levelCounts(from: string, to: string): Record<string, number> {
    const rows = this.s
      .get<[string, string], { level: number; n: number }>(
        'SELECT level, count(*) AS n FROM ratings WHERE rated_at >= ? AND rated_at < ? GROUP BY level',
      )
      .all(from, to);
    return Object.fromEntries(rows.map((r) => [String(r.level), r.n]));
  }

  followUp(id: string): FollowUpRow | null {
    return this.s.get<[string], FollowUpRow>(`${FOLLOW_UP_SELECT} WHERE f.follow_up_id = ?`).get(id) ?? null;
  }

  /** Follow-ups, open ones by due date first, then done ones newest first. */
  followUps(state: 'open' | 'done' | null, limit: number, offset: number): FollowUpRow[] {
    return this.s
      .get<[Record<string, unknown>], FollowUpRow>(
        `${FOLLOW_UP_SELECT} WHERE (@state IS NULL OR f.state = @state) ORDER BY f.state = 'done', f.due_date, f.opened_at DESC LIMIT @limit OFFSET @offset`,
      )
      .all({ state, limit, offset });
  }

  /** Open follow-ups: how many, how many past `today`, how many due by `soon`. */
  openCounts(today: string, soon: string): { open: number; overdue: number; dueSoon: number } {
    return this.s
      .get<[string, string, string], { open: number; overdue: number; dueSoon: number }>(
        `SELECT count(*) AS open, coalesce(sum(due_date < ?), 0) AS overdue, coalesce(sum(due_date >= ? AND due_date <= ?), 0) AS dueSoon FROM follow_ups WHERE state = 'open'`,
      )
      .get(today, today, soon)!;
  }

  steps(followUpId: string): StepRow[] {
    return this.s
      .get<[string], StepRow>('SELECT * FROM follow_up_steps WHERE follow_up_id = ? ORDER BY at, rowid')
      .all(followUpId);
  }

  insertStep(s: {
    stepId: string;
    followUpId: string;
    caseId: string;
    step: FollowUpStep;
    note: string;
    contacted: boolean | null;
    finding: string | null;
    byId: number;
    byName: string;
    at: string;
  }): void {
    this.s
      .get(
        `INSERT INTO follow_up_steps (step_id, follow_up_id, case_id, step, note, contacted, finding, by_id, by_name, at)
            VALUES (@stepId, @followUpId, @caseId, @step, @note, @contacted, @finding, @byId, @byName, @at)`,
      )
      .run({ ...s, contacted: s.contacted === null ? null : s.contacted ? 1 : 0 });
  }

  /** Queues a rating, follow-up or step for the gateway, in the caller's transaction (sync/outbox.ts). */
  queueSync(caseId: string, kind: 'rating' | 'follow-up' | 'follow-up-step', ref: string, at: string): boolean {
    return enqueueRecord(this.db, caseId, kind, ref, at);
  }

  closeFollowUp(id: string, at: string): void {
    this.s.get("UPDATE follow_ups SET state = 'done', closed_at = ? WHERE follow_up_id = ?").run(at, id);
  }
}
