import { prepareInput } from './input';
import { invalid, valid, type Validation, type ValidatorCode } from './result';

/** True when year/month/day form a real proleptic Gregorian calendar date (year 1-9999). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Number of days in a Gregorian month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Formats a Date as 'YYYY-MM-DD' in the local time zone (the window PC's clock, Asia/Shanghai). */
export function localIsoDate(d: Date): string {
  const y = String(d.getFullYear()).padStart(4, '0');
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

/** Turns 'YYYYMMDD' into 'YYYY-MM-DD' when it is a real date, otherwise returns null. */
export function compactDateToIso(yyyymmdd: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(yyyymmdd);
  if (!m) return null;
  const [, y = '', mo = '', d = ''] = m;
  return isRealDate(Number(y), Number(mo), Number(d)) ? `${y}-${mo}-${d}` : null;
}

/** Options of validateDate: optional lower bound and a not-in-the-future rule. */
export type DateOptions = { notFuture?: boolean; today?: Date; min?: string };

/** Validates a 'YYYY-MM-DD' date: real calendar date, optionally not after today and not before min. */
export function validateDate(s: string | null | undefined, opts: DateOptions = {}): Validation<string> {
  const text = prepareInput(s);
  if (typeof text !== 'string') return text;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return invalid(['date-format']);
  const [, y = '', mo = '', d = ''] = m;
  if (!isRealDate(Number(y), Number(mo), Number(d))) return invalid(['date-invalid']);
  const errors: ValidatorCode[] = [];
  // ISO dates of the same width compare correctly as strings.
  if (opts.min !== undefined && text < opts.min) errors.push('date-too-early');
  if (opts.notFuture && text > localIsoDate(opts.today ?? new Date())) errors.push('date-future');
  return errors.length > 0 ? invalid(errors) : valid(text);
}
