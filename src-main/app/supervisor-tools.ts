// The supervisor tools, wired once: ledgers and exports, day close, 好差评 ratings and follow-ups,
// the dashboard, audit export, backups and restore, retention, and their background schedule.
import type Database from 'better-sqlite3-multiple-ciphers';
import { z } from 'zod';
import type { AuditLog } from '../audit/audit-log';
import type { Hall } from '@common/hall';
import type { PrinterStatus } from '@common/printing/print-settings';
import type { Logger } from '../log/logger';
import type { Printing } from '../printing';
import { SettingsRepo } from '../settings/settings-repo';
import { AuditExport } from '../exports/audit-export';
import { BackupService } from '../backup/backup-service';
import { BackupsRepo } from '../backup/backups-repo';
import { Dashboard, type ReaderStatus } from '../dashboard/dashboard';
import { DayClose } from '../ledger/day-close';
import { ExportsRepo } from '../exports/exports-repo';
import { ExportsService } from '../exports/exports-service';
import { FollowUpsService } from '../ratings/followups-service';
import { LedgerRepo } from '../ledger/ledger-repo';
import { LedgerService } from '../ledger/ledger-service';
import { RatingsRepo } from '../ratings/ratings-repo';
import { RatingsService } from '../ratings/ratings-service';
import { finishRestore } from '../backup/restore';
import { RetentionRepo } from '../backup/retention-repo';
import { RetentionService } from '../backup/retention-service';
import { SupervisorScheduler } from '../backup/scheduler';
import { SupervisorSettingsStore } from '../settings/supervisor-settings';

export { applyPendingRestore } from '../backup/restore';

/** What the supervisor tools need from the app. */
export interface SupervisorDeps {
  db: Database.Database;
  audit: AuditLog;
  printing: Printing;
  hall: () => Hall;
  syncState: () => { state: string; lastSuccessAt: string | null; pendingRecords: number };
  reader?: () => Promise<ReaderStatus>;
  dataDir: string;
  resourcesDir: string;
  now: () => Date;
  log: Logger;
}

const REENROLMENT_KEY = 'supervisor.reenrolment';

/** Builds the supervisor services. Statements are prepared on first use. */
export function createSupervisor(d: SupervisorDeps) {
  const settingsRepo = new SettingsRepo(d.db);
  const settings = new SupervisorSettingsStore(settingsRepo, d.audit, d.dataDir);
  const ledgerRepo = new LedgerRepo(d.db);
  const ratingsRepo = new RatingsRepo(d.db);
  const backupsRepo = new BackupsRepo(d.db);
  const exportsRepo = new ExportsRepo(d.db);
  const calendar = d.printing.calendar;
  const ledger = new LedgerService({ repo: ledgerRepo, hallName: () => d.hall().name, now: d.now });
  const exportsService = new ExportsService({
    repo: exportsRepo,
    ledgerRepo,
    ledger,
    audit: d.audit,
    dataDir: d.dataDir,
    resourcesDir: d.resourcesDir,
    templates: () => d.printing.renderer.templates,
    chromium: d.printing.chromium,
    hall: d.hall,
    now: d.now,
  });
  const backups = new BackupService({ repo: backupsRepo, audit: d.audit, settings, now: d.now, log: d.log });
  const retention = new RetentionService({
    repo: new RetentionRepo(d.db),
    audit: d.audit,
    days: () => settings.get().retention.days,
    now: d.now,
  });
  const reenrolmentFlag = {
    get: () => settingsRepo.get(REENROLMENT_KEY, z.object({ at: z.string(), reason: z.string() })),
    set: (at: string) => settingsRepo.set(REENROLMENT_KEY, { at, reason: 'restored' }),
  };
  finishRestore({
    dataDir: d.dataDir,
    repo: backupsRepo,
    audit: d.audit,
    now: d.now,
    flagReenrolment: reenrolmentFlag.set,
  });
  return {
    settings,
    /** When this window's database was last restored from a backup (null: never). */
    restoredAt: (): string | null => reenrolmentFlag.get()?.at ?? null,
    ledger,
    days: new DayClose({ repo: ledgerRepo, audit: d.audit, now: d.now }),
    exports: exportsService,
    auditExport: new AuditExport({ repo: exportsRepo, audit: d.audit, exports: exportsService }),
    ratings: new RatingsService({
      repo: ratingsRepo,
      audit: d.audit,
      calendar,
      hall: d.hall,
      settings: () => settings.get(),
      now: d.now,
    }),
    followUps: new FollowUpsService({ repo: ratingsRepo, audit: d.audit, calendar, now: d.now }),
    backups,
    retention,
    dashboard: new Dashboard({
      db: d.db,
      ledger: ledgerRepo,
      ratings: ratingsRepo,
      backups,
      calendar,
      hall: d.hall,
      syncState: d.syncState,
      printers: (): Promise<PrinterStatus[]> => d.printing.printers.status(),
      reader:
        d.reader ?? (async (): Promise<ReaderStatus> => ({ state: 'unknown', driver: null, detail: 'not-available' })),
      reenrolmentFlaggedAt: () => reenrolmentFlag.get()?.at ?? null,
      deviceEnrolledAt: () => backupsRepo.deviceEnrolledAt(),
      now: d.now,
    }),
    scheduler: new SupervisorScheduler({
      backups,
      retention,
      retentionAuto: () => settings.get().retention.auto,
      now: d.now,
      log: d.log,
    }),
  };
}

/** The supervisor services. */
export type Supervisor = ReturnType<typeof createSupervisor>;
