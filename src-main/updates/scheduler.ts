// When a window checks, downloads and installs updates: on start and once a day it checks the signed feed; a
// newer release is downloaded in the background; it is installed only at the day close or at the next restart,
// and never while a case is open at the window. The browser host has no installer: it only reports 有新版本.
import { isNewerVersion, type VerifiedFeed } from './feed';

/** What the window shows about updates. */
export type UpdateStatus =
  | { state: 'idle' }
  | { state: 'available'; version: string; message: string }
  | { state: 'downloaded'; version: string; message: string }
  | { state: 'error'; message: string };

/** What the scheduler drives (Electron: electron-updater; browser host: nothing to download). */
export interface UpdateDriver {
  /** The verified feed, or null when no gateway is configured yet. */
  check(): Promise<VerifiedFeed | null>;
  /** Downloads the release (absent: report only). */
  download?(feed: VerifiedFeed): Promise<void>;
  /** Quits and installs the downloaded release. */
  install?(): void;
}

/** Options of the scheduler. */
export interface SchedulerOptions {
  currentVersion: string;
  driver: UpdateDriver;
  /** True while a clerk has a case open (intake or a case page): never install then. */
  caseInProgress: () => boolean;
  onStatus?: (status: UpdateStatus) => void;
  intervalMs?: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Checks on start and daily; installs at day close or restart. */
export class UpdateScheduler {
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<UpdateStatus> | null = null;
  status: UpdateStatus = { state: 'idle' };

  constructor(private readonly opts: SchedulerOptions) {}

  /** The check on start, then one every day. */
  start(): void {
    void this.checkNow();
    this.timer = setInterval(() => void this.checkNow(), this.opts.intervalMs ?? DAY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One check (concurrent calls share it); downloads a newer release in the background. */
  checkNow(): Promise<UpdateStatus> {
    this.checking ??= this.runCheck().finally(() => (this.checking = null));
    return this.checking;
  }

  private async runCheck(): Promise<UpdateStatus> {
    try {
      const feed = await this.opts.driver.check();
      if (!feed || !isNewerVersion(this.opts.currentVersion, feed.version)) return this.set({ state: 'idle' });
      if (this.status.state === 'downloaded' && this.status.version === feed.version) return this.status;
      this.set({ state: 'available', version: feed.version, message: `有新版本 ${feed.version}` });
      if (!this.opts.driver.download) return this.status;
      await this.opts.driver.download(feed);
      return this.set({
        state: 'downloaded',
        version: feed.version,
        message: `新版本 ${feed.version} 已下载，将在日结后或下次启动时安装`,
      });
    } catch (err) {
      return this.set({ state: 'error', message: `检查更新失败：${err instanceof Error ? err.message : String(err)}` });
    }
  }

  /** Called after the day close: installs a downloaded release unless a case is open. Returns whether it did. */
  dayClosed(): boolean {
    if (this.status.state !== 'downloaded' || !this.opts.driver.install || this.opts.caseInProgress()) return false;
    this.opts.driver.install();
    return true;
  }

  private set(status: UpdateStatus): UpdateStatus {
    this.status = status;
    this.opts.onStatus?.(status);
    return status;
  }
}
