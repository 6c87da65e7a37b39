// Ticket deadlines over the 2026 国庆 holidays and a 调休 Saturday (inline data, as in working-days.test.ts).
import { describe, expect, it } from 'vitest';
import { deadlineState, dueInstant } from './deadlines';
import { buildHolidayCalendar } from './holiday-data';

const calendar = buildHolidayCalendar([
  {
    schemaVersion: 1,
    year: 2026,
    dataVersion: '2026.1',
    verified: true,
    source: 'test',
    holidays: [
      { name: '中秋节', from: '2026-09-25', to: '2026-09-27' },
      { name: '国庆节', from: '2026-10-01', to: '2026-10-07' },
    ],
    workdays: [
      { name: '国庆节调休', date: '2026-09-20' },
      { name: '国庆节调休', date: '2026-10-10' },
    ],
  },
]);

describe('ticket deadlines in working days', () => {
  it('ends at China midnight after the n-th working day; the opening day and holidays do not count', () => {
    // Wed 30 Sep 10:00 (China) + 3: Thu 8, Fri 9, Sat 10 Oct (调休) → ends 11 Oct 00:00 China.
    expect(dueInstant(new Date('2026-09-30T02:00:00Z'), 3, calendar)).toBe('2026-10-10T16:00:00.000Z');
    // Opened at 23:30 China time on Wed 30 Sep (15:30Z): 30 Sep is the opening day.
    expect(dueInstant(new Date('2026-09-30T15:30:00Z'), 1, calendar)).toBe('2026-10-08T16:00:00.000Z');
    // Opened at 00:30 China on Thu 1 Oct (16:30Z on 30 Sep): counts from the holiday, first working day 8 Oct.
    expect(dueInstant(new Date('2026-09-30T16:30:00Z'), 1, calendar)).toBe('2026-10-08T16:00:00.000Z');
    // An ordinary week: Mon 2 Nov + 5 → Mon 9 Nov.
    expect(dueInstant(new Date('2026-11-02T02:00:00Z'), 5, calendar)).toBe('2026-11-09T16:00:00.000Z');
  });

  it('is due soon within 2 working days (today counts), overdue once passed', () => {
    const due = '2026-10-10T16:00:00.000Z'; // end of Sat 10 Oct (调休上班)
    expect(deadlineState(due, new Date('2026-10-06T02:00:00Z'), calendar)).toBe('later'); // 3 working days left (8, 9, 10)
    expect(deadlineState(due, new Date('2026-10-08T02:00:00Z'), calendar)).toBe('due-soon'); // 9, 10 left
    expect(deadlineState(due, new Date('2026-10-10T15:59:59Z'), calendar)).toBe('due-soon');
    expect(deadlineState(due, new Date('2026-10-10T16:00:00Z'), calendar)).toBe('overdue');
  });
});
