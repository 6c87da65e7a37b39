import { chmodSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AuditLog, SYSTEM_ACTOR } from '../audit/audit-log';
import { AuthService } from '../auth/auth-service';
import { CaseQueries } from '../cases/case-query';
import { IntakeService } from '../cases/intake-service';
import { SignaturesRepo } from '../signatures/signatures-repo';
import { SignaturesService } from '../signatures/signatures-service';
import { SupplementsService } from '../cases/supplements-service';
import { SyncService } from '../sync/sync-service';
import { createCatalogueService, type CatalogueService } from '../catalogue/catalogue-service';
import { CatalogueUpdates } from '../catalogue/catalogue-updates';
import { fetchLatestCatalogue } from '../sync/catalogue-fetch';
import { AppError } from '@common/errors';
import type { AppInfo } from '@common/contract';
import type { Hall } from '@common/hall';
import { FileKeyStore, loadOrCreateKey, type DatabaseKeyStore } from '../db/key-store';
import { isPlaintextDatabase } from '../db/encryption';
import { encryptInWorker } from '../db/encrypt-off-thread';
import { openDatabase } from '../db/open';
import { createPrinting, type ChromiumPrinter, type Printing } from '../printing';
import { verifyIssuerOf } from '../printing/verify-issuer';
import { openFileLogger, type AppLogger, type LogRotation } from '../log/logger';
import { createIdentity, type Identity, type IdentityConfig } from '../identity';
import { SettingsRepo } from '../settings/settings-repo';
import { SettingsStore } from '../settings/settings-store';
import { applyPendingRestore, createSupervisor, type Supervisor } from './supervisor-tools';
import { officePeriodAt } from '@common/hall-services';
import { encryptionProgress, ProgressTracker } from '../events/progress';
import { EventBus } from '../events/event-bus';
import { writeFileDurably } from '../files/durable-file';
import { WindowUpdates } from '../updates/window-updates';
import { TRAINING_WATERMARK } from '@common/training';
import { HallServices } from '../hall-services/hall-services';
import { TicketsService } from '../tickets/tickets-service';
import { LicenceService } from '../licences/licence-service';
import { IdentityRepo } from '../identity/identity-repo';
import { ownDraft } from '../cases/case-access';

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
  /** 培训模式: this app runs on the training data folder (nothing syncs; every printout is watermarked). */
  training?: boolean;
  /** The event bus, shared by the live and the training app so transports subscribe once. */
  events?: EventBus;
  /** Switches between the live and the training data folder; absent when the app runs alone (tests). */
  modeControl?: ModeControl;
  /** Where the training folder's database key is kept (Electron: safeStorage); default a key file there. */
  trainingKeyStore?: DatabaseKeyStore;
}

/** How a handler switches the process between the live and the training data folder (src-main/training). */
export interface ModeControl {
  /** Opens the live or the training folder for everyone; the caller is signed out of the one it leaves. */
  switchTo(training: boolean, callerId: string): Promise<AppInfo>;
  /** Deletes the training folder and opens a freshly seeded one (everyone in training is signed out). */
  resetTraining(byUsername: string): Promise<void>;
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
  /** Gateway catalogue versions: fetch, review, apply, roll back (事项清单更新). */
  catalogueUpdates: CatalogueUpdates;
  intake: IntakeService;
  caseQueries: CaseQueries;
  supplements: SupplementsService;
  sync: SyncService;
  printing: Printing;
  identity: Identity;
  supervisor: Supervisor;
  /** The 有新版本 banner and the install after the day close (drivers: electron/updater.ts, host/updates.ts). */
  updates: WindowUpdates;
  hallServices: HallServices;
  /** 问题处理 tickets with the department. */
  tickets: TicketsService;
  /** 电子签名 on the customer screen (decision 0155). */
  signatures: SignaturesService;
  /** 调取电子证照 (licences/licence-service.ts). */
  licences: LicenceService;
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
  const events = config.events ?? new EventBus();
  const progress = new ProgressTracker(events);
  const encryption = encryptionProgress(progress, log);
  const dbFile = join(config.dataDir, 'tongban.sqlite');
  if (dbKey && isPlaintextDatabase(dbFile)) {
    // A database from before encryption at rest: encrypted in a worker thread, so the shell stays
    // responsive and its splash (or the host's page) shows each step; openDatabase then finds it encrypted.
    // Should the worker fail (e.g. a shell where a native module cannot load in a worker), the file is still
    // the plaintext database (every step is crash-safe) and openDatabase encrypts it on this thread instead.
    await encryptInWorker(dbFile, dbKey, encryption.onStep).catch((err: unknown) =>
      log.warn('encryption worker failed; encrypting on the main thread', {
        error: err instanceof Error ? err.message : String(err),
      }),
    );
  }
  const { db, migration } = (() => {
    try {
      return openDatabase(dbFile, config.migrationsDir, now, dbKey, encryption.onStep);
    } catch (err) {
      encryption.failed(err);
      throw err;
    }
  })();
  const audit = new AuditLog(db, now);
  if (migration.from !== migration.to) {
    audit.append({ actor: SYSTEM_ACTOR, action: 'db.migrate', details: { ...migration } });
    log.info('database migrated', { ...migration });
  }
  const settings = new SettingsStore(new SettingsRepo(db));
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
    storedVersion: (version) => catalogueUpdates.storedBundle(version),
  });
  // Wired after sync (it fetches through the enrolled device); the catalogue asks it only for stored versions.
  // eslint-disable-next-line prefer-const
  let catalogueUpdates: CatalogueUpdates;
  // 培训模式 is decided by the data folder the app runs on (AppConfig.training); a caller may still pass its own.
  const isTrainingMode = config.isTrainingMode ?? (() => config.training === true);
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
  // 电子签名 checks the accepted application too (decision 0155); it needs intake's repositories, so it is bound late.
  // eslint-disable-next-line prefer-const
  let signatures: SignaturesService;
  // Recorded 电子证照 are checked against this window's own lookups at 收件, like identity verification.
  let licences: LicenceService | null = null;
  const intake = new IntakeService(db, audit, catalogue, requireHall, now, (caseId, app) => [
    ...identity.service.acceptanceProblems(caseId, app),
    ...signatures.acceptanceProblems(app),
    ...(licences?.acceptanceProblems(caseId, app) ?? []),
  ]);
  signatures = new SignaturesService({
    repo: new SignaturesRepo(db),
    drafts: intake.drafts,
    cases: intake.cases,
    catalogue,
    audit,
    now,
  });
  const caseQueries = new CaseQueries(
    db,
    audit,
    now,
    (code) => catalogue.divisionName(code),
    (matterCode, situationCode) =>
      Object.fromEntries(
        (catalogue.findMatter(matterCode)?.situations.find((s) => s.code === situationCode)?.fields ?? []).map((f) => [
          f.key,
          f.kind,
        ]),
      ),
  );
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
    afterRound: () => catalogueCheck(),
    training: config.training === true,
    signatures: (stored) => signatures.manifestSignatures(stored),
    faceMatches: (stored) => identity.faceMatchesOf(stored.caseId, stored.decidedAt),
  });
  const identityRepo = new IdentityRepo(db);
  licences = new LicenceService({
    catalogue,
    audit,
    device: () => sync.repo.device(),
    verifiedIds: (caseId, role) =>
      identityRepo
        .verifications(caseId)
        .filter((v) => v.role === role && v.result === 'pass')
        .map((v) => v.idNumber.toUpperCase()),
    ownDraft: (staff, caseId) => void ownDraft(staff, intake.drafts.get(caseId)),
    now,
    timeoutMs: config.syncTimeoutMs,
  });
  catalogueUpdates = new CatalogueUpdates({
    db,
    catalogue,
    audit,
    log,
    now,
    pinnedKey: () => {
      const device = sync.repo.device();
      return device ? (device.catalogueKey ?? null) : undefined;
    },
    fetchLatest: async (have) => {
      const device = sync.repo.device();
      if (!device || device.revokedAt) return null;
      return fetchLatestCatalogue(device, { timeoutMs: config.syncTimeoutMs ?? 15_000, now }, have);
    },
  });
  catalogueUpdates.restore();
  // The sync loop asks for a newer catalogue version at most once an hour (an administrator can ask at once).
  let catalogueCheckedAt = 0;
  const catalogueCheck = async () => {
    if (now().getTime() - catalogueCheckedAt < 3_600_000) return;
    catalogueCheckedAt = now().getTime();
    await catalogueUpdates.check().catch((error: unknown) => log.warn('catalogue check failed', { error }));
  };
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
    watermark: config.training ? TRAINING_WATERMARK : null,
    isTrainingMode,
    signatures: (caseId) => signatures.printed(caseId),
    // 扫码核验: QR codes point at the gateway the window is enrolled with (never in 培训模式).
    verifyIssuer: () => (config.training ? null : verifyIssuerOf(settings, sync.repo.device())),
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
    catalogueUpdates,
    intake,
    caseQueries,
    supplements,
    sync,
    printing,
    identity,
    supervisor,
    updates: new WindowUpdates({ db, events, now }),
    hallServices: new HallServices(db, audit, catalogue, now, (date, time) =>
      officePeriodAt(settings.officeHours(), printing.calendar, date, time),
    ),
    tickets: new TicketsService({ db, audit, calendar: printing.calendar, now }),
    signatures,
    licences,
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
