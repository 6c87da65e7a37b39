// 差评 follow-ups on the supervisor's list: 回访 → 核实 → 整改 → 反馈, each recorded once, in order,
// with who, when and what; overdue when the due date has passed and 反馈 is not done.
import type { AuditLog } from '../audit/audit-log';
import { uuidv7 } from '../cases/ids';
import { AppError } from '@common/errors';
import type { HolidayCalendar } from '@common/printing/holiday-data';
import { workingDaysBetween } from '@common/printing/working-days';
import { isFollowUpOverdue, nextFollowUpStep, type FollowUpStep } from '@tongban/protocol/supervisor/ratings';
import type { FollowUpDetail, FollowUpView } from '@common/supervisor/views';
import { chinaDate } from '@common/time';
import type { StaffActor } from '../ledger/day-close';
import type { FollowUpRow, RatingsRepo } from './ratings-repo';

/** Which follow-ups to list. */
export type FollowUpFilter = 'open' | 'overdue' | 'done' | 'all';

/** A step as recorded by the supervisor. */
export interface StepInput {
  followUpId: string;
  step: FollowUpStep;
  note: string;
  contacted?: boolean;
  finding?: 'substantiated' | 'partly' | 'unsubstantiated';
}

/** Follow-ups: list, detail with contact, record a step. */
export class FollowUpsService {
  constructor(private readonly d: { repo: RatingsRepo; audit: AuditLog; calendar: HolidayCalendar; now: () => Date }) {}

  list(filter: FollowUpFilter, limit: number, offset: number): FollowUpView[] {
    const today = chinaDate(this.d.now());
    if (filter === 'overdue') {
      // Open ones are ordered by due date: the overdue ones come first.
      return this.d.repo
        .followUps('open', 10_000, 0)
        .map((r) => this.view(r, today))
        .filter((v) => v.overdue)
        .slice(offset, offset + limit);
    }
    return this.d.repo.followUps(filter === 'all' ? null : filter, limit, offset).map((r) => this.view(r, today));
  }

  /** One follow-up with the rater's contact in full, for the callback; the view is audited. */
  get(actor: StaffActor, followUpId: string): FollowUpDetail {
    const r = this.d.repo.followUp(followUpId);
    if (!r) throw new AppError('not-found', 'no such follow-up');
    const contact =
      r.real_name === 1 && r.contact_name && r.contact_phone ? { name: r.contact_name, phone: r.contact_phone } : null;
    if (contact)
      this.d.audit.append({
        actor,
        action: 'followup.contact-view',
        target: `case:${r.case_id}`,
        details: { followUpId },
      });
    return { ...this.view(r, chinaDate(this.d.now())), contact };
  }

  /** Records the next step; a step out of order (or twice) is refused. 反馈 closes the follow-up. */
  record(actor: StaffActor, input: StepInput): FollowUpView {
    return this.d.repo.db.transaction(() => {
      const r = this.d.repo.followUp(input.followUpId);
      if (!r) throw new AppError('not-found', 'no such follow-up');
      const expected = nextFollowUpStep(this.d.repo.steps(r.follow_up_id).map((s) => s.step));
      if (expected !== input.step)
        throw new AppError('conflict', 'steps go 回访 → 核实 → 整改 → 反馈', { reason: 'step-out-of-order', expected });
      const at = this.d.now().toISOString();
      const stepId = uuidv7(this.d.now().getTime());
      this.d.repo.insertStep({
        stepId,
        followUpId: r.follow_up_id,
        caseId: r.case_id,
        step: input.step,
        note: input.note,
        contacted: input.step === 'callback' ? (input.contacted ?? null) : null,
        finding: input.step === 'verify' ? (input.finding ?? null) : null,
        byId: actor.id,
        byName: actor.name,
        at,
      });
      this.d.repo.queueSync(r.case_id, 'follow-up-step', stepId, at);
      if (input.step === 'feedback') this.d.repo.closeFollowUp(r.follow_up_id, at);
      this.d.audit.append({
        actor,
        action: 'followup.step',
        target: `case:${r.case_id}`,
        details: {
          followUpId: r.follow_up_id,
          step: input.step,
          ...(input.finding ? { finding: input.finding } : {}),
          ...(input.contacted !== undefined ? { contacted: input.contacted } : {}),
        },
      });
      return this.view(this.d.repo.followUp(r.follow_up_id) as FollowUpRow, chinaDate(this.d.now()));
    })();
  }

  private view(r: FollowUpRow, today: string): FollowUpView {
    const steps = this.d.repo.steps(r.follow_up_id);
    const done = r.state === 'done';
    const cal = this.d.calendar;
    const left = done
      ? null
      : today <= r.due_date
        ? workingDaysBetween(today, r.due_date, cal)
        : -workingDaysBetween(r.due_date, today, cal);
    return {
      followUpId: r.follow_up_id,
      ratingId: r.rating_id,
      caseId: r.case_id,
      documentNo: r.document_no,
      level: r.level,
      comment: r.comment,
      realName: r.real_name === 1,
      clerkName: r.clerk_name,
      openedAt: r.opened_at,
      dueDate: r.due_date,
      workingDays: r.working_days,
      dueVerified: r.due_verified === 1,
      state: r.state,
      overdue: isFollowUpOverdue(r.due_date, today, done),
      workingDaysLeft: left,
      nextStep: nextFollowUpStep(steps.map((s) => s.step)),
      steps: steps.map((s) => ({
        stepId: s.step_id,
        step: s.step,
        note: s.note,
        contacted: s.contacted === null ? null : s.contacted === 1,
        finding: s.finding,
        byId: s.by_id,
        byName: s.by_name,
        at: s.at,
      })),
      closedAt: r.closed_at,
    };
  }
}
