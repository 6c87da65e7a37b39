import { describe, expect, it } from 'vitest';
import { compactDateToIso, isRealDate, localIsoDate, validateDate } from './date';

const today = new Date(2025, 5, 1);
const codes = (r: ReturnType<typeof validateDate>) => (r.ok ? [] : r.errors.map((e) => e.code));

describe('validateDate', () => {
  it.each(['2025-06-01', '2000-02-29', '1850-01-01', ' 2024-12-31 '])('%j is valid', (s) => {
    expect(validateDate(s)).toEqual({ ok: true, value: s.trim(), warnings: [] });
  });

  it.each([
    ['2025/06/01', 'date-format'],
    ['20250601', 'date-format'],
    ['2025-6-1', 'date-format'],
    ['2025-06-01T00:00', 'date-format'],
    ['1900-02-29', 'date-invalid'],
    ['2023-02-29', 'date-invalid'],
    ['2025-04-31', 'date-invalid'],
    ['2025-13-01', 'date-invalid'],
    ['2025-00-10', 'date-invalid'],
    ['0000-01-01', 'date-invalid'],
    ['', 'required'],
  ])('%j → %s', (s, code) => expect(codes(validateDate(s))).toEqual([code]));

  it('rejects the future only when asked, comparing with the local date', () => {
    expect(validateDate('2025-06-02', { today }).ok).toBe(true);
    expect(codes(validateDate('2025-06-02', { notFuture: true, today }))).toEqual(['date-future']);
    expect(validateDate('2025-06-01', { notFuture: true, today }).ok).toBe(true);
  });

  it('enforces a minimum date', () => {
    expect(codes(validateDate('1849-12-31', { min: '1850-01-01' }))).toEqual(['date-too-early']);
    expect(validateDate('1850-01-01', { min: '1850-01-01' }).ok).toBe(true);
  });
});

describe('date helpers', () => {
  it('knows leap years', () => {
    expect(isRealDate(2000, 2, 29)).toBe(true);
    expect(isRealDate(1900, 2, 29)).toBe(false);
    expect(isRealDate(2024, 2, 29)).toBe(true);
    expect(isRealDate(2023, 2, 29)).toBe(false);
  });

  it('formats local dates and converts compact dates', () => {
    expect(localIsoDate(new Date(2025, 0, 9, 23, 59))).toBe('2025-01-09');
    expect(compactDateToIso('19491231')).toBe('1949-12-31');
    expect(compactDateToIso('19490230')).toBeNull();
  });
});
