import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, classify, fullJitterDelay, retryAfterMs } from './backoff';

describe('backoff', () => {
  it('stays within [0, min(cap, base·2^(n-1))]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const d = fullJitterDelay(attempt, () => r);
        return d >= 0 && d <= Math.min(BACKOFF_CAP_MS, 2000 * 2 ** (attempt - 1));
      }),
    );
  });

  it('reads Retry-After as seconds or a date', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('soon', 0)).toBeNull();
  });

  it('classifies responses as the protocol table says', () => {
    expect(classify(null)).toBe('retry');
    expect(classify(201)).toBe('success');
    expect(classify(200)).toBe('success');
    expect(classify(503)).toBe('retry');
    expect(classify(429)).toBe('retry');
    expect(classify(408)).toBe('retry');
    expect(classify(401)).toBe('reauthenticate');
    expect(classify(401, 'signature-invalid')).toBe('reauthenticate');
    expect(classify(401, 'clock-skew')).toBe('fix-clock');
    expect(classify(401, 'nonce-replayed')).toBe('retry');
    expect(classify(403, 'device-revoked')).toBe('revoked');
    expect(classify(409, 'slot-verified')).toBe('success');
    expect(classify(422, 'manifest-mismatch')).toBe('invalid');
    expect(classify(400)).toBe('invalid');
  });
});
