// Background work of the supervisor tools: a scheduled backup when one is due, and the retention
// purge once a day. One timer, checked every few minutes; failures are logged (and, for backups,
// recorded), never thrown into the event loop.
import { SYSTEM_ACTOR } from '../audit/audit-log';
import { chinaDate } from '@common/time';
import type { Logger } from '../log/logger';
import type { BackupService } from './backup-service';
import type { RetentionService } from './retention-service';

/** Timer settings (tests shorten them). */
export interface SchedulerTiming {
  firstCheckMs: number;
  checkEveryMs: number;
}

/** Default timing: first check a minute after start, then every five minutes. */
export const DEFAULT_TIMING: SchedulerTiming = { firstCheckMs: 60_000, checkEveryMs: 5 * 60_000 };

/** Runs due backups and the daily retention purge. */
export class SupervisorScheduler {
  private timer: NodeJS.Timeout | null = null;
  private busy: Promise<void> | null = null;
  private retentionDay: string | null = null;

  constructor(
    private readonly d: {
      backups: BackupService;
      retention: RetentionService;
      retentionAuto: () => boolean;
      now: () => Date;
      log: Logger;
    },
  ) {}

  start(timing: SchedulerTiming = DEFAULT_TIMING): void {
    if (this.timer) return;
    const schedule = (ms: number) => {
      this.timer = setTimeout(() => {
        this.busy = this.tick().finally(() => {
          this.busy = null;
          if (this.timer) schedule(timing.checkEveryMs);
        });
      }, ms);
      this.timer.unref();
    };
    schedule(timing.firstCheckMs);
  }

  /** Stops the timer and waits for a running check to finish. */
  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.busy;
  }

  /** One check: backup when due, retention when not yet run today. */
  async tick(): Promise<void> {
    if (this.d.backups.due()) {
      await this.d.backups
        .run('scheduled')
        .catch((err: unknown) => this.d.log.warn('scheduled backup failed', { error: err }));
    }
    const today = chinaDate(this.d.now());
    if (this.d.retentionAuto() && this.retentionDay !== today) {
      this.retentionDay = today;
      await this.d.retention
        .run(SYSTEM_ACTOR)
        .catch((err: unknown) => this.d.log.error('retention purge failed', { error: err }));
    }
  }
}
