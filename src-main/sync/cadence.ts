// The loop's timing: how long it waits between rounds (decision 0255) and how often it renews its lease during a
// push (decision 0251).

/** Idle rounds after which the loop polls `IDLE_FACTOR` times less often. */
export const IDLE_ROUNDS = 6;
export const IDLE_FACTOR = 6;

/**
 * The wait before the next round. Polling an unchanged feed every 5 s was four fifths of a province's gateway
 * load (docs/capacity.md); a department decides in hours, so an idle window asks every 30 s instead.
 */
export function nextRoundDelay(intervalMs: number, idleRounds: number): number {
  return idleRounds >= IDLE_ROUNDS ? intervalMs * IDLE_FACTOR : intervalMs;
}

/** A lease is renewed when it is this old (it lasts 60 s): well before it could expire under a slow request. */
export const LEASE_RENEW_MS = 10_000;

/**
 * `acquire` called at most once per LEASE_RENEW_MS once it succeeded. Until a lease expires no other loop can take
 * it (only an expired lease or a dead process's is taken over), so a push renews it before its first operation and
 * then every 10 s, not with a commit before every operation.
 */
export function renewEvery(acquire: (at: Date) => boolean, renewMs = LEASE_RENEW_MS): (at: Date) => boolean {
  let renewedAt = -Infinity;
  return (at) => {
    const age = at.getTime() - renewedAt;
    if (age >= 0 && age < renewMs) return true; // also false for the first call (age Infinity)
    const held = acquire(at);
    if (held) renewedAt = at.getTime();
    return held;
  };
}
