import { describe, expect, it } from 'vitest';
import { buildHolidayCalendar, holidayYearSchema, type HolidayYear } from './holiday-data';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days';

// Inline copies of the published 2025 and 2026 arrangements (the shipped files are checked against
// the same expectations in printing/holiday-calendar.test.ts).
const Y2025: HolidayYear = {
  schemaVersion: 1,
  year: 2025,
  dataVersion: '2025.1',
  verified: true,
  source: '国办发明电〔2024〕12号',
  holidays: [
    { name: '春节', from: '2025-01-28', to: '2025-02-04' },
    { name: '国庆节、中秋节', from: '2025-10-01', to: '2025-10-08' },
  ],
  workdays: [
    { name: '春节调休', date: '2025-01-26' },
    { name: '春节调休', date: '2025-02-08' },
    { name: '国庆节调休', date: '2025-09-28' },
    { name: '国庆节调休', date: '2025-10-11' },
  ],
};
const Y2026: HolidayYear = {
  schemaVersion: 1,
  year: 2026,
  dataVersion: '2026.1',
  verified: true,
  source: '国务院办公厅 2025-11-04',
  holidays: [
    { name: '春节', from: '2026-02-15', to: '2026-02-23' },
    { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
  ],
  workdays: [
    { name: '春节调休', date: '2026-02-14' },
    { name: '春节调休', date: '2026-02-28' },
    { name: '国庆节调休', date: '2026-09-20' },
    { name: '国庆节调休', date: '2026-10-10' },
  ],
};
const Y2027: HolidayYear = {
  schemaVersion: 1,
  year: 2027,
  dataVersion: '2027.0',
  verified: false,
  source: 'derived',
  holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-01' }],
  workdays: [],
};
const cal = buildHolidayCalendar([Y2025, Y2026, Y2027]);

describe('working days', () => {
  it('skips weekends and holidays, and counts 调休 weekend days', () => {
    expect(isWorkingDay('2026-02-14', cal)).toBe(true); // Saturday, 春节调休
    expect(isWorkingDay('2026-02-16', cal)).toBe(false); // Monday in 春节
    expect(isWorkingDay('2026-02-21', cal)).toBe(false); // Saturday in 春节
    expect(isWorkingDay('2026-03-07', cal)).toBe(false); // ordinary Saturday
    expect(isWorkingDay('2026-03-09', cal)).toBe(true);
  });

  it('counts across 春节 2026', () => {
    expect(addWorkingDays('2026-02-13', 1, cal).date).toBe('2026-02-14'); // Fri → the 调休 Saturday
    expect(addWorkingDays('2026-02-13', 2, cal).date).toBe('2026-02-24'); // then over the nine-day break
    expect(addWorkingDays('2026-02-24', 4, cal).date).toBe('2026-02-28'); // Wed, Thu, Fri, 调休 Saturday
    expect(addWorkingDays('2026-02-12', 20, cal)).toEqual({
      date: '2026-03-18',
      workingDays: 20,
      verified: true,
      unverifiedYears: [],
    });
  });

  it('counts across 春节 2025', () => {
    expect(addWorkingDays('2025-01-24', 1, cal).date).toBe('2025-01-26'); // Fri → 调休 Sunday
    expect(addWorkingDays('2025-01-27', 1, cal).date).toBe('2025-02-05');
    expect(addWorkingDays('2025-02-07', 1, cal).date).toBe('2025-02-08');
  });

  it('counts across 国庆 2025 (merged with 中秋, eight days) and 国庆 2026', () => {
    expect(addWorkingDays('2025-09-26', 1, cal).date).toBe('2025-09-28'); // Fri → 调休 Sunday
    expect(addWorkingDays('2025-09-30', 1, cal).date).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-30', 3, cal).date).toBe('2025-10-11'); // 调休 Saturday
    expect(addWorkingDays('2026-09-18', 1, cal).date).toBe('2026-09-20'); // Fri → 调休 Sunday
    expect(addWorkingDays('2026-09-30', 1, cal).date).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, cal).date).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 4, cal).date).toBe('2026-10-12');
  });

  it('treats 0 days as 即办 (due the same day)', () => {
    expect(addWorkingDays('2026-11-30', 0, cal).date).toBe('2026-11-30');
  });

  it('reports dates that rely on derived or missing years', () => {
    expect(addWorkingDays('2026-12-21', 20, cal)).toMatchObject({ verified: false, unverifiedYears: [2027] });
    expect(addWorkingDays('2027-12-20', 20, cal)).toMatchObject({ verified: false, unverifiedYears: [2027, 2028] });
    expect(addWorkingDays('2026-11-30', 20, cal)).toMatchObject({ date: '2026-12-28', verified: true });
  });

  it('counts working days between two dates', () => {
    expect(workingDaysBetween('2026-02-13', '2026-02-24', cal)).toBe(2);
    expect(workingDaysBetween('2026-02-24', '2026-02-13', cal)).toBe(0);
  });

  it('rejects malformed year files', () => {
    const bad = { ...Y2026, workdays: [{ name: 'x', date: '2026-02-16' }] };
    expect(holidayYearSchema.safeParse(bad).success).toBe(false);
    expect(
      holidayYearSchema.safeParse({ ...Y2026, holidays: [{ name: 'x', from: '2026-02-20', to: '2026-02-15' }] })
        .success,
    ).toBe(false);
    expect(() => buildHolidayCalendar([Y2026, Y2026])).toThrow(/twice/);
  });
});
