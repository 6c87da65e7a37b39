import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTodayLong, formatUntil } from './datetime';

describe('China-time formatting', () => {
  it('shows instants in Asia/Shanghai whatever the machine zone', () => {
    expect(formatDateTime('2026-11-29T10:05:03.120Z')).toBe('2026-11-29 18:05:03');
    expect(formatDateTime('2026-11-29T16:30:00Z')).toBe('2026-11-30 00:30:00');
  });

  it('shows a lock expiry as HH:mm today, with the date on another day', () => {
    const now = Date.parse('2026-11-29T10:00:00Z');
    expect(formatUntil('2026-11-29T10:15:00Z', now)).toBe('18:15');
    expect(formatUntil('2026-11-29T16:15:00Z', now)).toBe('2026-11-30 00:15');
  });

  it('writes today in words in the UI language', () => {
    const now = Date.parse('2026-11-29T17:00:00Z');
    expect(formatTodayLong('zh-CN', now)).toBe('2026年11月30日星期一');
    expect(formatTodayLong('en', now)).toBe('Monday, November 30, 2026');
  });
});
