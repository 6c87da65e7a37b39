import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit';

describe('RateLimiter (public verification pages)', () => {
  it('allows the budget per address per minute, then says how long to wait; a new minute starts afresh', () => {
    let now = 60_000 * 1000 + 15_000; // 15 s into a minute
    const limiter = new RateLimiter({ perMinute: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 45 });
    expect(limiter.take('b').ok).toBe(true);
    now += 45_000;
    expect(limiter.take('a').ok).toBe(true);
  });
});
