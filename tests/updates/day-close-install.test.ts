// The window's side of an update: the 有新版本 state reaches every signed-in user (command and event), and a
// downloaded release is installed by the day close (日结) only when no case is being worked on; the browser host
// only reports. The driver here is a stand-in for electron-updater (Electron cannot run here); the feed and the
// installer download against the real gateway are in updates.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import type { UpdateView } from '@common/contract';
import { callOk } from '../../src-main/testing/call';
import { setClock, supervisorApp, type SupervisorTestApp } from '../../src-main/testing/supervisor';
import { UpdateScheduler, type UpdateDriver } from '../../src-main/updates/scheduler';
import { WindowUpdates } from '../../src-main/updates/window-updates';

let t: SupervisorTestApp;
afterEach(async () => t?.dispose());

const FEED = { version: '0.2.0', path: 'setup-0.2.0.exe', sha512: 'x', size: 1, latestYml: '' };

async function windowWithUpdate(installs: boolean) {
  t = await supervisorApp();
  const s = t.app.services;
  s.updates = new WindowUpdates({ db: s.db, events: s.events, now: s.now, installDelayMs: 5 });
  const seen: UpdateView[] = [];
  s.events.subscribe((e) => e.name === 'updates:status' && seen.push(e.payload as UpdateView));
  let installed = 0;
  const driver: UpdateDriver = installs
    ? { check: async () => FEED, download: async () => undefined, install: () => void (installed += 1) }
    : { check: async () => FEED };
  const scheduler = new UpdateScheduler({
    currentVersion: '0.1.0',
    driver,
    caseInProgress: () => s.updates.caseInProgress(),
    onStatus: (status) => s.updates.onStatus(status),
  });
  s.updates.attach(scheduler, installs);
  await scheduler.checkNow();
  return { seen, installed: () => installed };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('window update install at the day close', () => {
  it('waits while a case is being worked on, then the day close installs it', async () => {
    const w = await windowWithUpdate(true);
    expect(await callOk(t.app, t.clerk, 'updates:status', {})).toEqual({
      state: 'downloaded',
      version: '0.2.0',
      installs: true,
    });
    expect(w.seen.map((v) => v.state)).toEqual(['idle', 'available', 'downloaded']);

    await callOk(t.app, t.clerk, 'drafts:create', {}); // a clerk is at an intake
    await callOk(t.app, t.sup, 'ledger:closeDay', { date: '2026-11-28' });
    await settle();
    expect(w.installed()).toBe(0);
    expect((await callOk(t.app, t.sup, 'updates:status', {})).state).toBe('downloaded');

    await setClock(t, new Date(t.app.clock.now.getTime() + 31 * 60_000)); // the draft was left: nobody works on a case
    await callOk(t.app, t.sup, 'ledger:closeDay', { date: '2026-11-29' });
    expect((await callOk(t.app, t.clerk, 'updates:status', {})).state).toBe('installing');
    await settle();
    expect(w.installed()).toBe(1);
    expect(w.seen.at(-1)).toEqual({ state: 'installing', version: '0.2.0', installs: true });
  });

  it('the browser host reports 有新版本 and never installs', async () => {
    const w = await windowWithUpdate(false);
    expect(await callOk(t.app, t.clerk, 'updates:status', {})).toEqual({
      state: 'available',
      version: '0.2.0',
      installs: false,
    });
    await callOk(t.app, t.sup, 'ledger:closeDay', { date: '2026-11-29' });
    await settle();
    expect(w.installed()).toBe(0);
    expect((await callOk(t.app, t.clerk, 'updates:status', {})).state).toBe('available');
  });
});
