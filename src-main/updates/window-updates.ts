// The window's side of updates, whatever drives them (electron-updater in Electron, report-only in the browser host):
// what the 有新版本 banner shows, whether a case is being worked on, and the install after the day close (日结).
// A release is never installed in the middle of a case: the day close installs only when no draft was saved in the
// last 30 minutes (a clerk at work saves the intake wizard's draft at every step), else the next restart does.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { UpdateView } from '@common/contract/updates';
import type { EventBus } from '../events/event-bus';
import type { UpdateScheduler, UpdateStatus } from './scheduler';

/** A draft saved this recently means a clerk is working on a case. */
export const CASE_ACTIVITY_MS = 30 * 60 * 1000;

/** The update state of this window and the day-close install. */
export class WindowUpdates {
  private scheduler: UpdateScheduler | null = null;
  private installs = false;
  private view: UpdateView = { state: 'idle', version: null, installs: false };

  constructor(
    private readonly d: {
      db: Database.Database;
      events: EventBus;
      now: () => Date;
      /** Pause between the day close's answer and the install (the screen shows 正在安装 first). */
      installDelayMs?: number;
    },
  ) {}

  /** Whether a clerk is working on a case: a draft saved in the last 30 minutes. */
  caseInProgress(): boolean {
    const since = new Date(this.d.now().getTime() - CASE_ACTIVITY_MS).toISOString();
    return this.d.db.prepare('SELECT 1 FROM drafts WHERE updated_at > ? LIMIT 1').get(since) !== undefined;
  }

  /** Connects the scheduler; `installs` false in the browser host (it only reports). */
  attach(scheduler: UpdateScheduler, installs: boolean): void {
    this.scheduler = scheduler;
    this.installs = installs;
    this.onStatus(scheduler.status);
  }

  /** The scheduler's status changes (its onStatus). */
  onStatus(status: UpdateStatus): void {
    if (status.state === 'error') return; // logged by the driver's owner; the banner keeps what it knew
    const version = status.state === 'idle' ? null : status.version;
    this.set({ state: status.state, version, installs: this.installs });
  }

  status(): UpdateView {
    return this.view;
  }

  /**
   * After a day close: when a downloaded release waits and no case is being worked on, shows 正在安装 and installs
   * (the window quits and restarts) a moment later. Returns whether the install was started.
   */
  afterDayClose(): boolean {
    const scheduler = this.scheduler;
    if (!scheduler || !this.installs || scheduler.status.state !== 'downloaded' || this.caseInProgress()) return false;
    this.set({ state: 'installing', version: scheduler.status.version, installs: true });
    setTimeout(() => {
      if (!scheduler.dayClosed()) this.onStatus(scheduler.status); // a case was opened meanwhile: next restart
    }, this.d.installDelayMs ?? 3000);
    return true;
  }

  private set(view: UpdateView): void {
    this.view = view;
    this.d.events.emit('updates:status', view);
  }
}
