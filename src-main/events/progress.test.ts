import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProgressEvent } from '@common/progress';
import { callErr, callOk } from '../testing/call';
import { cataloguePath } from '../catalogue/paths';
import { RESOURCES_DIR } from '../catalogue/test-paths';
import { EventBus } from '../events/event-bus';
import { openDatabase } from '../db/open';
import { REPO_ROOT, testApp } from '../testing/test-app';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

/** Every report of one task, in the order delivered: counts never go back, one end, nothing after it. */
function expectInOrder(events: ProgressEvent[], kind: ProgressEvent['kind'], total: number, end = 'done'): void {
  expect(events.length).toBeGreaterThanOrEqual(2);
  expect(new Set(events.map((e) => e.taskId)).size).toBe(1);
  expect(events[0]).toMatchObject({ kind, unit: 'steps', done: 0, total, phase: 'running' });
  events.forEach((e, i) => i > 0 && expect(e.done).toBeGreaterThanOrEqual(events[i - 1]!.done));
  expect(events.slice(0, -1).every((e) => e.phase === 'running')).toBe(true);
  expect(events.at(-1)?.phase).toBe(end);
}

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

  it('a restore reports its steps in order; cancelled, it stages nothing, records nothing, leaves no file', async () => {
    const file = (await callOk(t.app, t.sup, 'backups:run', {})).path;
    const restoreDir = join(t.app.dataDir, 'restore');
    const staged = () => t.app.services.audit.list({ action: 'backup.restore-staged', limit: 10 }).length;
    const before = staged();
    // Cancelled at its first report: the copy is under way and is removed; nothing is staged.
    seen.length = 0;
    const stop = t.app.services.events.subscribe((e) => {
      const p = e.payload as ProgressEvent;
      if (e.name === 'progress' && p.kind === 'restore' && p.phase === 'running') {
        stop();
        void callOk(t.app, t.admin, 'progress:cancel', { taskId: p.taskId });
      }
    });
    const err = await callErr(t.app, t.admin, 'backups:restore', { file });
    expect(err.code).toBe('cancelled');
    expectInOrder(
      seen.map((s) => s.event).filter((e) => e.kind === 'restore'),
      'restore',
      5,
      'cancelled',
    );
    expect(existsSync(restoreDir) ? readdirSync(restoreDir) : []).toEqual([]);
    expect(staged()).toBe(before);
    // Not cancelled: the five steps in order, to the admin only, and the backup staged.
    seen.length = 0;
    await callOk(t.app, t.admin, 'backups:restore', { file });
    const events = seen.map((s) => s.event).filter((e) => e.kind === 'restore');
    expect(seen.filter((s) => s.event.kind === 'restore').every((s) => s.callerId === t.admin)).toBe(true);
    expectInOrder(events, 'restore', 5);
    expect(events.at(-1)).toMatchObject({ done: 5, cancellable: true });
    expect(readdirSync(restoreDir).sort()).toEqual(['pending.json', 'pending.sqlite']);
    expect(staged()).toBe(before + 1);
  });

  it('a catalogue import reports its steps and cannot be cancelled', async () => {
    const doc = JSON.parse(readFileSync(cataloguePath(RESOURCES_DIR), 'utf8')) as { catalogueVersion: string };
    doc.catalogueVersion = '2099.12.1';
    seen.length = 0;
    await callOk(t.app, t.admin, 'catalogue:import', { text: JSON.stringify(doc) });
    const events = seen.map((s) => s.event).filter((e) => e.kind === 'catalogue');
    expectInOrder(events, 'catalogue', 3);
    expect(events.every((e) => !e.cancellable)).toBe(true);
    expect(events.at(-1)?.done).toBe(3);
  });

  it('encrypting an existing plaintext database at start-up reports its five steps to everyone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-progress-enc-'));
    openDatabase(join(dataDir, 'tongban.sqlite'), join(REPO_ROOT, 'migrations')).db.close();
    const events = new EventBus();
    const got: { event: ProgressEvent; callerId: string | null }[] = [];
    events.subscribe(
      (e) => e.name === 'progress' && got.push({ event: e.payload as ProgressEvent, callerId: e.callerId }),
    );
    const app = await testApp({ dataDir, events });
    try {
      expectInOrder(
        got.map((g) => g.event),
        'encryption',
        5,
      );
      expect(got.every((g) => g.callerId === null && !g.event.cancellable)).toBe(true);
      expect(got.at(-1)?.event.done).toBe(5);
    } finally {
      app.close();
    }
  });
});
