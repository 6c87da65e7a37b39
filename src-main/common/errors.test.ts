import { describe, expect, it } from 'vitest';
import { AppError, CONFLICT_REASON_CODES, conflictReasonOf } from './errors';

describe('conflict reasons', () => {
  it('are a closed union: an unknown reason does not compile', () => {
    // @ts-expect-error 'made-up' is not a ConflictReason (tsc -b fails if this ever compiles).
    const wrong = new AppError('conflict', 'x', { reason: 'made-up' });
    expect(conflictReasonOf(wrong)).toBeNull();
    // @ts-expect-error a conflict always says why.
    expect(() => new AppError('conflict', 'x')).not.toThrow();
  });

  it('are read back from an error result', () => {
    expect(conflictReasonOf(new AppError('conflict', 'x', { reason: 'day-closed', date: '2026-11-30' }))).toBe(
      'day-closed',
    );
    expect(conflictReasonOf({ code: 'conflict', details: { reason: 'ticket-used' } })).toBe('ticket-used');
    expect(conflictReasonOf({ code: 'not-found', details: { reason: 'ticket-used' } })).toBeNull();
    expect(new Set(CONFLICT_REASON_CODES).size).toBe(CONFLICT_REASON_CODES.length);
  });

  it('survive added details', () => {
    const e = new AppError('conflict', 'x', { reason: 'already-signed' }).withDetails({ retry: true });
    expect(e).toMatchObject({ code: 'conflict', details: { reason: 'already-signed', retry: true } });
  });
});
