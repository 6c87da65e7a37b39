// 好差评 at the window. The clerk opens a one-time ticket for a case; the customer-facing screen
// (its own window, with no staff session) shows the case and submits the rating with the ticket
// only. A ticket is bound to one case, lives a few minutes and works once. A 差评 opens a
// follow-up due N working days later by the official holiday calendar.
import { createHash, randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log';
import { uuidv7 } from '../cases/ids';
import { AppError } from '@common/errors';
import type { Hall } from '@common/hall';
import type { HolidayCalendar } from '@common/printing/holiday-data';
import { addWorkingDays } from '@common/printing/working-days';
import { LEDGER_OUTCOME_LABELS_ZH } from '@common/supervisor/ledger';
import {
  isPoorRating,
  RATING_LEVEL_LABELS_ZH,
  type RatingLevel,
  type RatingSubmit,
} from '@tongban/protocol/supervisor/ratings';
import type { SupervisorSettings } from '@common/supervisor/settings';
import type { RatingCaseSummary, RatingTicketView, RatingView } from '@common/supervisor/views';
import { chinaDate } from '@common/time';
import { maskName, maskPhone, validateContactPhone } from '@tongban/protocol/validators';
import type { StaffActor } from '../ledger/day-close';
import type { RatedCaseRow, RatingRow, RatingsRepo, TicketRow } from './ratings-repo';
import { visibleCase } from '../cases/case-access';
import { documentNumberOf } from '@common/cases/document-number';

/** The applicant as an audit actor: ratings are theirs, never a staff member's. */
export const APPLICANT_ACTOR = { id: null, name: 'applicant' } as const;

const hashTicket = (ticket: string) => createHash('sha256').update(ticket).digest('hex');

/** What the ratings need from the rest of the app. */
export interface RatingsDeps {
  repo: RatingsRepo;
  audit: AuditLog;
  calendar: HolidayCalendar;
  hall: () => Hall;
  settings: () => SupervisorSettings;
  now: () => Date;
}

/** Tickets, ratings and the follow-ups they open. */
export class RatingsService {
  constructor(private readonly d: RatingsDeps) {}

  /** Opens a ticket for a decided case (helpers only for their own cases); earlier open tickets lapse. */
  open(staff: StaffActor & { role: string }, caseId: string): RatingTicketView {
    const c = visibleCase(staff, this.d.repo.ratedCase(caseId), (found) => found.clerk_id);
    if (this.d.repo.hasRating(caseId))
      throw new AppError('conflict', 'the case has been rated', { reason: 'already-rated' });
    const ticket = randomBytes(32).toString('base64url');
    const now = this.d.now();
    const expiresAt = new Date(now.getTime() + this.d.settings().ratingTicketMinutes * 60_000).toISOString();
    this.d.repo.db.transaction(() => {
      this.d.repo.supersedeTickets(caseId, now.toISOString());
      this.d.repo.insertTicket({
        hash: hashTicket(ticket),
        caseId,
        issuedBy: staff.id,
        issuedAt: now.toISOString(),
        expiresAt,
      });
      this.d.audit.append({
        actor: staff,
        action: 'rating.ticket-open',
        target: `case:${caseId}`,
        details: { expiresAt },
      });
    })();
    return { ticket, expiresAt, summary: this.summaryOf(c) };
  }

  /** What the customer screen shows for a valid ticket. */
  view(ticket: string): { expiresAt: string; summary: RatingCaseSummary } {
    const t = this.validTicket(ticket);
    return { expiresAt: t.expires_at, summary: this.summaryOf(this.d.repo.ratedCase(t.case_id) as RatedCaseRow) };
  }

  /**
   * Stores the applicant's rating. `staffSession` is true when the calling window is signed in as
   * staff: such a window may never submit a rating, whatever ticket it holds.
   */
  submit(input: RatingSubmit, staffSession: boolean): { ratingId: string; level: number; poor: boolean } {
    if (staffSession)
      throw new AppError('forbidden', 'a staff window cannot rate on the applicant’s behalf', {
        reason: 'staff-cannot-rate',
      });
    const contact = input.realName && input.contact ? this.checkContact(input.contact) : null;
    const t = this.validTicket(input.ticket);
    const c = this.d.repo.ratedCase(t.case_id) as RatedCaseRow;
    const hall = this.d.hall();
    const now = this.d.now();
    const ratingId = uuidv7(now.getTime());
    const poor = isPoorRating(input.level);
    return this.d.repo.db.transaction(() => {
      if (!this.d.repo.useTicket(t.ticket_hash, now.toISOString(), 'rated'))
        throw new AppError('conflict', 'ticket already used', { reason: 'ticket-used' });
      if (this.d.repo.hasRating(c.case_id))
        throw new AppError('conflict', 'the case has been rated', { reason: 'already-rated' });
      this.d.repo.insertRating({
        ratingId,
        caseId: c.case_id,
        level: input.level,
        indicators: input.indicators.length ? input.indicators : ['overall'],
        comment: input.comment,
        realName: input.realName,
        contactName: contact?.name ?? null,
        contactPhone: contact?.phone ?? null,
        hallDivision: hall.divisionCode,
        windowCode: c.window_code,
        clerkId: c.clerk_id,
        matterCode: c.matter_code,
        ratedAt: now.toISOString(),
      });
      this.d.repo.queueSync(c.case_id, 'rating', ratingId, now.toISOString());
      let followUpId: string | null = null;
      if (poor) followUpId = this.openFollowUp(ratingId, c.case_id, now);
      this.d.audit.append({
        actor: APPLICANT_ACTOR,
        action: 'rating.submit',
        target: `case:${c.case_id}`,
        details: { ratingId, level: input.level, realName: input.realName, poor, followUpId },
      });
      return { ratingId, level: input.level, poor };
    })();
  }

  /** The applicant chose not to rate (ratings are voluntary); the ticket is spent. */
  decline(ticket: string): null {
    const t = this.validTicket(ticket);
    this.d.repo.db.transaction(() => {
      if (!this.d.repo.useTicket(t.ticket_hash, this.d.now().toISOString(), 'declined'))
        throw new AppError('conflict', 'ticket already used', { reason: 'ticket-used' });
      this.d.audit.append({ actor: APPLICANT_ACTOR, action: 'rating.decline', target: `case:${t.case_id}` });
    })();
    return null;
  }

  /** Ratings given in an instant range, newest first, contacts masked. */
  list(fromIso: string, toIso: string, level: number | null, limit: number, offset: number): RatingView[] {
    return this.d.repo.ratings(fromIso, toIso, level, limit, offset).map(ratingView);
  }

  private openFollowUp(ratingId: string, caseId: string, now: Date): string {
    const followUpId = uuidv7(now.getTime());
    const startDate = chinaDate(now);
    const workingDays = this.d.settings().followUpWorkingDays;
    const due = addWorkingDays(startDate, workingDays, this.d.calendar);
    this.d.repo.insertFollowUp({
      followUpId,
      ratingId,
      caseId,
      openedAt: now.toISOString(),
      startDate,
      dueDate: due.date,
      workingDays,
      calendarVersion: this.d.calendar.version,
      dueVerified: due.verified,
    });
    this.d.repo.queueSync(caseId, 'follow-up', followUpId, now.toISOString());
    this.d.audit.append({
      actor: APPLICANT_ACTOR,
      action: 'followup.open',
      target: `case:${caseId}`,
      details: { followUpId, ratingId, dueDate: due.date, workingDays },
    });
    return followUpId;
  }

  private validTicket(ticket: string): TicketRow {
    const t = this.d.repo.ticket(hashTicket(ticket));
    if (!t) throw new AppError('not-found', 'unknown rating ticket', { reason: 'ticket-unknown' });
    if (t.used_at)
      throw new AppError('conflict', 'ticket already used', {
        reason: t.outcome === 'superseded' ? 'ticket-superseded' : 'ticket-used',
      });
    if (t.expires_at <= this.d.now().toISOString())
      throw new AppError('conflict', 'ticket expired', { reason: 'ticket-expired' });
    return t;
  }

  private checkContact(contact: { name: string; phone: string }): { name: string; phone: string } {
    const phone = validateContactPhone(contact.phone);
    if (!phone.ok)
      throw new AppError('invalid-input', 'contact phone invalid', {
        fields: [{ path: 'contact.phone', code: phone.errors[0]?.code ?? 'phone-format' }],
      });
    return { name: contact.name, phone: phone.value.kind === 'mobile' ? phone.value.number : contact.phone };
  }

  private summaryOf(c: RatedCaseRow): RatingCaseSummary {
    const hall = this.d.hall();
    return {
      documentNo: documentNumberOf({ receiptNo: c.receipt_no, noticeNo: c.notice_no }),
      matterName: c.matter_name,
      situationName: c.situation_name,
      outcome: LEDGER_OUTCOME_LABELS_ZH[c.outcome],
      // The instant (ISO, UTC): the screen shows it in China time whatever the PC's zone is.
      decidedAt: c.decided_at,
      applicantName: maskName(c.applicant_name),
      hallName: hall.name,
      windowNo: hall.windowNo,
      clerkName: c.clerk_name,
    };
  }
}

/** A rating row as the supervisor sees it. */
export function ratingView(r: RatingRow): RatingView {
  return {
    ratingId: r.rating_id,
    caseId: r.case_id,
    documentNo: r.document_no,
    level: r.level,
    levelLabel: RATING_LEVEL_LABELS_ZH[r.level as RatingLevel],
    indicators: JSON.parse(r.indicators) as RatingView['indicators'],
    comment: r.comment,
    realName: r.real_name === 1,
    contactName: r.contact_name ? maskName(r.contact_name) : null,
    contactPhoneMasked: r.contact_phone ? maskPhone(r.contact_phone) : null,
    clerkId: r.clerk_id,
    clerkName: r.clerk_name,
    windowCode: r.window_code,
    matterName: r.matter_name,
    ratedAt: r.rated_at,
    followUpId: r.follow_up_id,
  };
}
