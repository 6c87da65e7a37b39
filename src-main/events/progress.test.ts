import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '@common/progress';
import { callErr, callOk } from '../testing/call';
import { seedDay, supervisorApp, type SupervisorTestApp } from '../testing/supervisor';

const DAY = '2026-11-30';
let t: SupervisorTestApp;
/** Progress events as delivered, with their audience. */
const seen: { event: ProgressEvent; callerId: string | null }[] = [];

beforeAll(async () => {
  t = await supervisorApp();
  seedDay(t.app.services.db, { date: DAY, count: 3000, clerkId: t.clerkId, firstSequence: 100 });
  t.app.services.events.subscribe((e) => {
    if (e.name === 'progress') seen.push({ event: e.payload as ProgressEvent, callerId: e.callerId });
  });
}, 120_000);
afterAll(async () => t?.dispose());

const ofTask = (taskId: string) => seen.filter((s) => s.event.taskId === taskId).map((s) => s.event);

describe('progress of long operations', () => {
  it('an export reports rows written of the total, to its caller only, and ends done', async () => {
    seen.length = 0;
    const result = await callOk(t.app, t.sup, 'ledger:export', { date: DAY, format: 'csv' });
    expect(result.rows).toBe(3000);
    const taskId = seen[0]?.event.taskId as string;
    const events = ofTask(taskId);
    expect(seen.every((s) => s.callerId === t.sup)).toBe(true);
    expect(events[0]).toMatchObject({ kind: 'export', unit: 'rows', phase: 'running', cancellable: true });
    expect(events.at(-1)).toMatchObject({ phase: 'done', done: 3000, total: 3000 });
    const running = events.filter((e) => e.phase === 'running' && e.total !== null);
    expect(running.length).toBeGreaterThanOrEqual(2);
    // Counts only grow, and never past the total.
    running.forEach((e, i) => {
      expect(e.total).toBe(3000);
      expect(e.done).toBeLessThanOrEqual(3000);
      if (i > 0) expect(e.done).toBeGreaterThanOrEqual(running[i - 1]!.done);
    });
  });

  it('the caller cancels an export: it stops with cancelled, leaves no file, and records nothing', async () => {
    seen.length = 0;
    const before = await callOk(t.app, t.sup, 'exports:list', {});
    const stop = t.app.services.events.subscribe((e) => {
      const p = e.payload as ProgressEvent;
      if (e.name === 'progress' && p.phase === 'running' && p.total !== null) {
        stop();
        // Someone else cannot cancel it; its owner can.
        void callErr(t.app, t.clerk, 'progress:cancel', { taskId: p.taskId }).then((err) =>
          expect(err.code).toBe('not-found'),
        );
        void callOk(t.app, t.sup, 'progress:cancel', { taskId: p.taskId });
      }
    });
    const err = await callErr(t.app, t.sup, 'ledger:export', { date: DAY, format: 'xlsx' });
    expect(err.code).toBe('cancelled');
    expect(seen.at(-1)?.event).toMatchObject({ kind: 'export', phase: 'cancelled' });
    expect(await callOk(t.app, t.sup, 'exports:list', {})).toHaveLength(before.length);
    const dir = join(t.app.dataDir, 'exports');
    expect(readdirSync(dir).filter((f) => f.endsWith('.partial') || f.endsWith('.xlsx'))).toEqual([]);
  });

  it('a backup reports its three steps and cannot be cancelled', async () => {
    seen.length = 0;
    await callOk(t.app, t.sup, 'backups:run', {});
    const events = seen.map((s) => s.event);
    expect(events[0]).toMatchObject({ kind: 'backup', unit: 'steps', total: 3, done: 0, cancellable: false });
    expect(events.at(-1)).toMatchObject({ phase: 'done', done: 3, total: 3 });
    expect(await callErr(t.app, t.sup, 'progress:cancel', { taskId: events[0]!.taskId })).toMatchObject({
      code: 'not-found',
    });
  });
});
