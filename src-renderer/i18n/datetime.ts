import { CHINA_OFFSET_MINUTES, chinaDate } from '@common/time';

// Times are shown in China time whatever the PC's zone is set to: the hall, the log and the
// applicant all count in Asia/Shanghai (UTC+8, no daylight saving).
function chinaWallClock(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MINUTES * 60_000).toISOString();
}

/** `2026-11-29 18:05:03` in China time. */
export function formatDateTime(iso: string): string {
  const wall = chinaWallClock(iso);
  return `${wall.slice(0, 10)} ${wall.slice(11, 19)}`;
}

/** `18:05` when the instant falls today (China time), else `2026-11-30 18:05`. */
export function formatUntil(iso: string, nowMs = Date.now()): string {
  const wall = chinaWallClock(iso);
  const sameDay = chinaDate(new Date(Date.parse(iso))) === chinaDate(new Date(nowMs));
  return sameDay ? wall.slice(11, 16) : `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
}

/** Today's date in words, in the UI language (e.g. 2026年11月29日星期日). */
export function formatTodayLong(language: string, nowMs = Date.now()): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'full', timeZone: 'Asia/Shanghai' }).format(new Date(nowMs));
}
