import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/test-app';

let app: TestApp;
afterEach(() => app?.dispose());

describe('the single-loop lease', () => {
  it('keeps a second live loop out, lets the holder renew, and is taken over from a dead process', async () => {
    app = await testApp();
    const repo = app.services.sync.repo;
    const now = '2026-11-30T02:00:00.000Z';
    const later = '2026-11-30T02:01:00.000Z';
    const mine = `${process.pid}:a`;
    expect(repo.acquireLease(mine, now, later)).toBe(true);
    expect(repo.acquireLease(mine, now, later)).toBe(true);
    // Another loop of a live process (this one) must wait until the lease expires.
    expect(repo.acquireLease(`${process.pid}:b`, now, later)).toBe(false);
    expect(repo.acquireLease(`${process.pid}:b`, '2026-11-30T02:01:01.000Z', '2026-11-30T02:02:00.000Z')).toBe(true);
    // A lease of a process that no longer exists is taken over at once.
    repo.releaseLease(`${process.pid}:b`);
    expect(repo.acquireLease('999999999:dead', now, later)).toBe(true);
    expect(repo.acquireLease(mine, now, later)).toBe(true);
  });
});
