// Response deadlines counted in working days (问题处理 tickets, the originals' parcel): the due instant is the
// end of the China day `n` working days after the start day (the start day itself is not counted).
import { chinaDate, chinaDayStartIso, nextDate } from './dates';
import type { HolidayCalendar } from './holiday-data';
import { addWorkingDays, workingDaysBetween } from './working-days';

/** The instant a deadline of `workingDays` from `start` passes (ISO, UTC). */
export function dueInstant(start: Date, workingDays: number, calendar: HolidayCalendar): string {
  const due = addWorkingDays(chinaDate(start), workingDays, calendar);
  return chinaDayStartIso(nextDate(due.date));
}

/** Where a deadline stands at `now`: passed, due within `soonDays` working days (today counts), or later. */
export type DeadlineState = 'overdue' | 'due-soon' | 'later';

/** Where the deadline `dueAt` (ISO) stands at `now`. */
export function deadlineState(dueAt: string, now: Date, calendar: HolidayCalendar, soonDays = 2): DeadlineState {
  if (Date.parse(dueAt) <= now.getTime()) return 'overdue';
  const lastDay = chinaDate(new Date(Date.parse(dueAt) - 1));
  return workingDaysBetween(chinaDate(now), lastDay, calendar) <= soonDays ? 'due-soon' : 'later';
}
