import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/repo-root';
import { datesInRange } from '@common/printing/holiday-data';
import { addWorkingDays, coverageOf, isWorkingDay, weekdayOf } from '@common/printing/working-days';
import { loadHolidayCalendar } from './holiday-calendar';

const cal = loadHolidayCalendar(join(REPO_ROOT, 'resources'));

describe('shipped holiday calendar', () => {
  it('covers 2025 and 2026 with published data and 2027 as derived', () => {
    expect(cal.version).toBe('2025@2025.1,2026@2026.1,2027@2027.0');
    expect([2025, 2026, 2027, 2028].map((y) => coverageOf(`${y}-06-01`, cal))).toEqual([
      'verified',
      'verified',
      'derived',
      'none',
    ]);
  });

  it('has the published day counts (春节 8 and 9 days, 国庆 8 and 7) and weekend-only 调休 days', () => {
    const days = (from: string, to: string) => datesInRange(from, to).filter((d) => cal.holidays.has(d)).length;
    expect(days('2025-01-28', '2025-02-04')).toBe(8);
    expect(days('2026-02-15', '2026-02-23')).toBe(9);
    expect(days('2025-10-01', '2025-10-08')).toBe(8);
    expect(days('2026-10-01', '2026-10-07')).toBe(7);
    for (const d of cal.workdays.keys()) expect([0, 6]).toContain(weekdayOf(d));
    for (const d of cal.workdays.keys()) expect(cal.holidays.has(d)).toBe(false);
  });

  it('dates promised completion across 春节 and 国庆 with the shipped data', () => {
    expect(addWorkingDays('2026-02-13', 2, cal).date).toBe('2026-02-24');
    expect(addWorkingDays('2025-09-30', 3, cal).date).toBe('2025-10-11');
    expect(addWorkingDays('2026-09-30', 4, cal).date).toBe('2026-10-12');
    expect(addWorkingDays('2026-04-03', 1, cal).date).toBe('2026-04-07'); // 清明 Sat–Mon
    expect(addWorkingDays('2026-04-30', 1, cal).date).toBe('2026-05-06'); // 劳动节 to Tue 5 May
    expect(isWorkingDay('2026-05-09', cal)).toBe(true); // 劳动节调休 Saturday
  });

  it('flags dates computed through the derived 2027 data', () => {
    const due = addWorkingDays('2027-02-04', 1, cal);
    expect(due).toMatchObject({ date: '2027-02-11', verified: false, unverifiedYears: [2027] });
  });
});
