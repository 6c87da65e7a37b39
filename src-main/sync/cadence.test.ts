// The loop's cadence (decision 0255): every interval while anything moves, six times less often once idle.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testApp, type TestApp } from '../testing/test-app';
import { IDLE_FACTOR, IDLE_ROUNDS, LEASE_RENEW_MS, nextRoundDelay, renewEvery } from './cadence';
import type { SyncStatus } from './sync-engine';

let app: TestApp | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await app?.dispose();
  app = undefined;
});

describe('the sync loop cadence', () => {
  it('waits the interval until six idle rounds, then six times as long', () => {
    expect(nextRoundDelay(5_000, 0)).toBe(5_000);
    expect(nextRoundDelay(5_000, IDLE_ROUNDS - 1)).toBe(5_000);
    expect(nextRoundDelay(5_000, IDLE_ROUNDS)).toBe(30_000);
    expect(nextRoundDelay(200, IDLE_ROUNDS + 10)).toBe(200 * IDLE_FACTOR);
  });

  it('slows down when idle and comes back to the interval when cases wait or the link is down', async () => {
    app = await testApp();
    const engine = app.services.sync.engine;
    let status: Pick<SyncStatus, 'state' | 'pending' | 'pendingRecords'> = {
      state: 'online',
      pending: 0,
      pendingRecords: 0,
    };
    const base = engine.status();
    vi.spyOn(engine, 'status').mockImplementation(() => ({ ...base, ...status }));
    const rounds = vi.spyOn(engine, 'syncNow').mockImplementation(() => Promise.resolve());
    vi.useFakeTimers();
    engine.start(5_000);
    const after = async (ms: number) => {
      const n = rounds.mock.calls.length;
      await vi.advanceTimersByTimeAsync(ms);
      return rounds.mock.calls.length - n;
    };
    expect(await after(0)).toBe(1);
    // Six idle rounds (that first one included) 5 s apart, then one every 30 s.
    expect(await after(5_000 * (IDLE_ROUNDS - 1))).toBe(IDLE_ROUNDS - 1);
    expect(await after(29_000)).toBe(0);
    expect(await after(1_000)).toBe(1);
    // A case waiting to be sent: back to every 5 s after the next round.
    status = { ...status, pending: 1 };
    expect(await after(30_000)).toBe(1);
    expect(await after(5_000)).toBe(1);
    expect(await after(5_000)).toBe(1);
    // Sent; the link then goes down: still every 5 s (the pull is the probe that sees it come back).
    status = { state: 'offline', pending: 0, pendingRecords: 0 };
    expect(await after(5_000 * (IDLE_ROUNDS + 2))).toBe(IDLE_ROUNDS + 2);
    engine.halt();
    expect(await after(60_000)).toBe(0);
  });

  it('renews the lease before the first operation, then only once it is LEASE_RENEW_MS old', () => {
    const at: number[] = [];
    let held = true;
    const lease = renewEvery((d) => (at.push(d.getTime()), held));
    const t = (ms: number) => new Date(1_000_000 + ms);
    expect([lease(t(0)), lease(t(1)), lease(t(LEASE_RENEW_MS - 1))]).toEqual([true, true, true]);
    expect(at).toEqual([1_000_000]);
    expect(lease(t(LEASE_RENEW_MS))).toBe(true);
    expect(at).toHaveLength(2);
    // Lost (another loop took it over after an expiry): asked again every time, and refused.
    held = false;
    expect([lease(t(3 * LEASE_RENEW_MS)), lease(t(3 * LEASE_RENEW_MS + 1))]).toEqual([false, false]);
    expect(at).toHaveLength(4);
  });
});
