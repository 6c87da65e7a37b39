/** Retry delays for the sync loop: full-jitter exponential backoff, base 2 s, cap 5 min (docs/sync-protocol.md). */
export const BACKOFF_BASE_MS = 2_000;
export const BACKOFF_CAP_MS = 300_000;

/** A random delay in [0, min(cap, base·2^(attempt-1))] — "full jitter", so many windows do not retry in step. */
export function fullJitterDelay(
  attempt: number,
  random: () => number,
  base = BACKOFF_BASE_MS,
  cap = BACKOFF_CAP_MS,
): number {
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Milliseconds a `Retry-After` header asks for (seconds or an HTTP date), or null. */
export function retryAfterMs(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** What the sync loop does with a response, per the protocol's table. */
export type Outcome = 'success' | 'retry' | 'fix-clock' | 'reauthenticate' | 'revoked' | 'invalid';

/** Classifies an HTTP status (or a transport failure, `null`) into the loop's action. */
export function classify(status: number | null, errorCode?: string): Outcome {
  if (status === null) return 'retry';
  if (status === 200 || status === 201 || status === 204) return 'success';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  if (status === 401 && errorCode === 'clock-skew') return 'fix-clock';
  // A replayed nonce means a retry went out unsigned-afresh somewhere; the next attempt signs anew.
  if (status === 401 && errorCode === 'nonce-replayed') return 'retry';
  if (status === 401) return 'reauthenticate';
  if (status === 403 && errorCode === 'device-revoked') return 'revoked';
  if (status === 409 && errorCode === 'slot-verified') return 'success';
  return 'invalid';
}
