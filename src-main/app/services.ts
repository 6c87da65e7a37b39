import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AuditLog, SYSTEM_ACTOR } from '../audit/audit-log';
import { AuthService } from '../auth/auth-service';
import { CaseQueries } from '../cases/case-query';
import { IntakeService } from '../cases/intake-service';
import { SupplementsService } from '../cases/supplements-service';
import { SyncService } from '../sync/sync-service';
import { createCatalogueService, type CatalogueService } from '../catalogue/catalogue-service';
import { AppError } from '@common/errors';
import type { Hall } from '@common/hall';
import { FileKeyStore, loadOrCreateKey, type DatabaseKeyStore } from '../db/key-store';
import { openDatabase } from '../db/open';
import { createPrinting, type ChromiumPrinter, type Printing } from '../printing';
import { openFileLogger, type AppLogger, type LogRotation } from '../log/logger';
import { createIdentity, type Identity, type IdentityConfig } from '../identity';
import { SettingsRepo } from '../settings/settings-repo';
import { SettingsStore } from '../settings/settings-store';
import { applyPendingRestore, createSupervisor, type Supervisor } from './supervisor-tools';
import { ProgressTracker } from '../events/progress';
import { EventBus } from '../events/event-bus';
import { writeFileDurably } from '../files/durable-file';

/** Where the app finds its data and shipped files, and how it runs. */
export interface AppConfig {
  dataDir: string;
  migrationsDir: string;
  resourcesDir: string;
  runtime: 'electron' | 'browser-host';
  version: string;
  now?: () => Date;
  echoLog?: boolean;
  /** Size-based rotation of logs/main.N.log (default 10 MB × 10 files). */
  logRotation?: LogRotation;
  /** Gateway request time-out (ms); tests shorten it. */
  syncTimeoutMs?: number;
  /** Sync retry backoff; the protocol's default (2 s base, 5 min cap) unless a fault test shortens it. */
  syncBackoff?: { baseMs: number; capMs: number };
  /** Electron's hidden-window printer; without it a headless Chromium is started on first use. */
  chromiumPrinter?: ChromiumPrinter;
  /** Card reader options: the licensed WLT photo decoder, sdtapi helper seams. */
  identity?: IdentityConfig;
  /** Where the database key is kept: Electron's safeStorage store; default a 0600 key file in the data folder. */
  keyStore?: DatabaseKeyStore;
  /** Only for benchmarks comparing with the unencrypted database: no encryption at rest. */
  plaintextDatabase?: boolean;
  /**
   * Whether an administrator-set password must be changed at first sign-in (default true). Only test
   * set-ups that create accounts for other purposes turn it off; the rule's own tests keep it on.
   */
  firstPasswordChange?: boolean;
  /**
   * Whether this data folder is a 培训模式 one (sample data, nothing synced, documents marked as samples).
   * Placeholder addresses (the 好差评 QR) print only there. Not training when absent.
   */
  isTrainingMode?: () => boolean;
}

/** Every service of the main process, wired once. */
export interface Services {
  db: Database.Database;
  audit: AuditLog;
  settings: SettingsStore;
  auth: AuthService;
  events: EventBus;
  /** Progress of long operations, pushed to whoever started them. */
  progress: ProgressTracker;
  catalogue: CatalogueService;
  intake: IntakeService;
  caseQueries: CaseQueries;
  supplements: SupplementsService;
  sync: SyncService;
  printing: Printing;
  identity: Identity;
  supervisor: Supervisor;
  /** Persists an imported catalogue so it is used again after a restart. */
  saveImportedCatalogue(text: string): void;
  log: AppLogger;
  now: () => Date;
  version: string;
  runtime: AppConfig['runtime'];
  config: AppConfig;
  /** 培训模式 check point (AppConfig.isTrainingMode; false when not given). */
  isTrainingMode(): boolean;
  requireHall(): Hall;
  close(): void;
}

/** Opens the database in `dataDir`, loads the shipped data, and builds the services on them. */
export async function createServices(config: AppConfig): Promise<Services> {
  const now = config.now ?? (() => new Date());
  const log = await openFileLogger({
    file: join(config.dataDir, 'logs', 'main'),
    now,
    echo: config.echoLog,
    rotation: config.logRotation,
  });
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  chmodSync(config.dataDir, 0o700);
  applyPendingRestore(config.dataDir, now);
  const dbKey = config.plaintextDatabase ? null : loadOrCreateKey(config.keyStore ?? new FileKeyStore(config.dataDir));
  const { db, migration } = openDatabase(join(config.dataDir, 'tongban.sqlite'), config.migrationsDir, now, dbKey);
  const audit = new AuditLog(db, now);
  if (migration.from !== migration.to) {
    audit.append({ actor: SYSTEM_ACTOR, action: 'db.migrate', details: { ...migration } });
    log.info('database migrated', { ...migration });
  }
  const settings = new SettingsStore(new SettingsRepo(db));
  const events = new EventBus();
  const progress = new ProgressTracker(events);
  const auth = new AuthService(
    db,
    audit,
    settings,
    now,
    (callerId) => events.emit('session:changed', { state: 'locked' }, callerId),
    config.firstPasswordChange ?? true,
  );
  const importedFile = join(config.dataDir, 'catalogue', 'imported-catalogue.json');
  const catalogue = await createCatalogueService(config.resourcesDir, {
    importedCatalogueText: existsSync(importedFile) ? readFileSync(importedFile, 'utf8') : undefined,
    onIgnoredImport: (errors) => log.warn('imported catalogue ignored', { errors: errors.length }),
  });
  const isTrainingMode = config.isTrainingMode ?? (() => false);
  const requireHall = () => {
    const hall = settings.hall();
    if (!hall) throw new AppError('not-initialized', 'first run not completed');
    return hall;
  };
  const identity = createIdentity({
    db,
    audit,
    events,
    log,
    now,
    resourcesDir: config.resourcesDir,
    config: config.identity,
  });
  const intake = new IntakeService(db, audit, catalogue, requireHall, now, (caseId, app) =>
    identity.service.acceptanceProblems(caseId, app),
  );
  const caseQueries = new CaseQueries(db, audit, now, (code) => catalogue.divisionName(code));
  const supplements = new SupplementsService(db, audit, intake, now);
  // The restore flag is the supervisor module's, created below (it finishes a pending restore).
  let restoredAt: () => string | null = () => null;
  const sync = new SyncService(db, {
    cases: intake.cases,
    attachments: intake.attachments,
    audit,
    events,
    progress,
    log,
    hall: () => settings.hall(),
    now,
    restoredAt: () => restoredAt(),
    timeoutMs: config.syncTimeoutMs,
    backoff: config.syncBackoff,
  });
  const printing = createPrinting({
    db,
    audit,
    caseQueries,
    cases: intake.cases,
    catalogue,
    hall: requireHall,
    resourcesDir: config.resourcesDir,
    dataDir: config.dataDir,
    now,
    isTrainingMode,
    ...(config.chromiumPrinter ? { chromium: config.chromiumPrinter } : {}),
  });
  const supervisor = createSupervisor({
    db,
    audit,
    printing,
    hall: requireHall,
    dataDir: config.dataDir,
    resourcesDir: config.resourcesDir,
    now,
    log,
    syncState: () => sync.statusView(),
    reader: async () =>
      identity.reader.status().then((r) => ({ state: r.state, driver: r.driver, detail: r.errorCode ?? null })),
  });
  restoredAt = supervisor.restoredAt;
  return {
    db,
    audit,
    settings,
    auth,
    events,
    progress,
    catalogue,
    intake,
    caseQueries,
    supplements,
    sync,
    printing,
    identity,
    supervisor,
    saveImportedCatalogue: (text) => writeFileDurably(importedFile, text),
    log,
    now,
    version: config.version,
    runtime: config.runtime,
    config,
    isTrainingMode,
    requireHall,
    close() {
      void supervisor.scheduler.stop();
      identity.close();
      void printing.close().catch(() => undefined);
      db.close();
      // Synchronous callers (Electron's will-quit, a failed start) get what is queued written now.
      log.flushSync();
      void log.close();
    },
  };
}
