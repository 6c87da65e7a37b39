// Working-day arithmetic for promised completion dates (承诺办结时限, counted in working days).
import { nextDate } from './dates';
import type { HolidayCalendar, YearCoverage } from './holiday-data';

/** Day of the week of an ISO date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** True on a working day: weekdays that are not holidays, plus weekend days declared 调休上班. */
export function isWorkingDay(date: string, calendar: HolidayCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const day = weekdayOf(date);
  return day !== 0 && day !== 6;
}

/** How well the calendar knows the year of a date. */
export function coverageOf(date: string, calendar: HolidayCalendar): YearCoverage {
  return calendar.years.get(Number(date.slice(0, 4))) ?? 'none';
}

/** A computed due date and whether every day counted was covered by verified data. */
export interface DueDate {
  date: string;
  workingDays: number;
  /** false when any counted day lies in a year whose data is derived or missing. */
  verified: boolean;
  /** Years touched whose data is derived (not yet published) or missing altogether. */
  unverifiedYears: number[];
}

/**
 * The date `n` working days after `start` (the start day itself is not counted, as in 民法典
 * §201: a period counted in days starts on the next day). n = 0 means 即办: due the same day.
 */
export function addWorkingDays(start: string, n: number, calendar: HolidayCalendar): DueDate {
  if (!Number.isInteger(n) || n < 0 || n > 3650) throw new RangeError('working days must be an integer 0..3650');
  const unverified = new Set<number>();
  const note = (d: string) => {
    if (coverageOf(d, calendar) !== 'verified') unverified.add(Number(d.slice(0, 4)));
  };
  let date = start;
  note(date);
  let left = n;
  while (left > 0) {
    date = nextDate(date);
    note(date);
    if (isWorkingDay(date, calendar)) left--;
  }
  const unverifiedYears = [...unverified].sort();
  return { date, workingDays: n, verified: unverifiedYears.length === 0, unverifiedYears };
}

/** Number of working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string, calendar: HolidayCalendar): number {
  let count = 0;
  for (let d = nextDate(from); d <= to; d = nextDate(d)) if (isWorkingDay(d, calendar)) count++;
  return count;
}
