// Starting and stopping a gateway on a database: migrate, open the feed epoch, listen.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { buildApp } from './app';
import {
  createBlobStore,
  observeBlobStore,
  type BlobObserver,
  type BlobStore,
  type BlobStoreConfig,
} from './attachments/blob-store';
import type { GatewayConfig } from './config/config';
import type { LogDestination } from './ops/logging';
import { createMetrics, type GatewayMetrics } from './ops/metrics';
import { pruneNonces } from './auth/verify';
import { migrate, migrationStatus } from './db/migrate';
import { loadHolidayCalendar, syncWorkingCalendar } from './supervision/calendar';
import { RESOURCES_DIR } from './paths';
import { createPool } from './db/pool';
import { assertRuntimeRole } from './db/roles';
import { scheduleRetention } from './retention/schedule';
import { DEFAULT_BATCH_EVERY_MS, scheduleBatches } from './ops/batches';
import { ticketClock } from './tickets/clock';
import type { TicketPolicy } from './tickets/policy';
import { scheduleTicketWatch } from './tickets/watch';
import { DEFAULT_LOGIN_POLICY, type LoginPolicy } from './department/login-guard';
import { cursorKey, ensureFeedEpoch } from './feed/epoch';
import { updateStoreFor } from './updates/store';
import type { LicenceProvider } from './licences/provider';

/** A listening gateway. */
export interface RunningGateway {
  url: string;
  port: number;
  app: FastifyInstance;
  pool: pg.Pool;
  /** Where attachments' bytes live (for readiness checks and retention). */
  blobStore: BlobStore;
  close(): Promise<void>;
}

/** Options of startGateway. */
export interface GatewayOptions {
  /** The application role's URL (DML only: refused when the role could change the schema). */
  databaseUrl: string;
  /** The schema owner's URL: pending migrations run under it at start; absent = the schema must be current. */
  migrationDatabaseUrl?: string;
  /** Purge and mask cases closed more than `days` ago, every `everyMs` (default 6 h); absent = no retention job. */
  retention?: { days: number; everyMs?: number };
  /** How often the push path's deferred work is applied: audit chain, supervision rollups (ms, default 1000; decision 0243). */
  batchEveryMs?: number;
  /** Connections in the pool (default 20). */
  poolSize?: number;
  /** PostgreSQL statement_timeout of every connection (0 = none). */
  statementTimeoutMs?: number;
  /** The validated configuration (for readiness and the update feed); tests may leave it out. */
  config?: GatewayConfig;
  /**
   * Where the update feed's installers live when not in PostgreSQL: default the S3 store's `updates/` when the
   * blob store is S3 (a store given as an object: pass its counterpart here, or null for PostgreSQL).
   */
  updateStore?: BlobStore | null;
  port?: number;
  host?: string;
  /** Access-log level; absent or 'silent' = no log (tests). */
  logLevel?: string;
  logStream?: LogDestination;
  metrics?: GatewayMetrics;
  secureCookies?: boolean;
  now?: () => number;
  https?: { key: Buffer; cert: Buffer };
  trustProxy?: boolean | string;
  /** Budget of the public 扫码核验 pages per client address a minute (default 60). */
  verifyPerMinute?: number;
  /** Where department seal identities live (default: the configuration's dataDir, else a fresh temporary folder). */
  sealDir?: string;
  /** Throttle and lockout of the department login. */
  departmentLogin?: Partial<LoginPolicy>;
  /** 问题处理 deadlines (default DEFAULT_TICKET_POLICY) and how often the escalation/originals watch runs (default 10 min; 0 = never). */
  tickets?: { policy?: TicketPolicy; watchEveryMs?: number; now?: () => Date };
  /**
   * Where attachments' bytes live: the configuration's `blobStore` section (PostgreSQL by default), or a
   * store built by the caller (tests; the caller closes it).
   */
  blobStore?: BlobStoreConfig | BlobStore;
  /** Sees every blob-store operation's latency; default: the metrics' `tongban_blob_store_duration_seconds`. */
  blobObserver?: BlobObserver;
  /** Where 电子证照 come from; default the `licences` table (licences/provider.ts). */
  licenceProvider?: LicenceProvider;
}

/** Migrates the database and starts serving on `host:port` (port 0 = any free port). */
export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const pool = createPool(opts.databaseUrl, opts.poolSize, opts.statementTimeoutMs);
  const metrics = opts.metrics ?? createMetrics(pool);
  const given = opts.blobStore && 'ping' in opts.blobStore ? opts.blobStore : null;
  const base = given ?? createBlobStore((opts.blobStore as BlobStoreConfig | undefined) ?? { kind: 'postgres' }, pool);
  const blobStore = observeBlobStore(base, opts.blobObserver ?? histogramObserver(metrics));
  const ownUpdates =
    opts.updateStore === undefined && !given && opts.blobStore
      ? updateStoreFor(opts.blobStore as BlobStoreConfig)
      : null;
  const updateStore = opts.updateStore ?? ownUpdates;
  // Without a configured folder (tests) the seal identities live in a temporary one, removed with the rest this
  // start made (the stores it opened) at close or on a failed start.
  const configuredSealDir = opts.sealDir ?? opts.config?.dataDir;
  const sealDir = configuredSealDir ?? mkdtempSync(join(tmpdir(), 'tongban-gw-seal-'));
  const closeOwned = async () => {
    await ownUpdates?.close();
    if (!given) await base.close();
    if (sealDir !== configuredSealDir) rmSync(sealDir, { recursive: true, force: true });
  };
  try {
    await migrateWithOwner(pool, opts.migrationDatabaseUrl);
    await assertRuntimeRole(pool);
    await ensureFeedEpoch(pool);
    await syncWorkingCalendar(pool, loadHolidayCalendar(RESOURCES_DIR));
    const tickets = ticketClock(opts.tickets?.policy ?? opts.config?.tickets, opts.tickets?.now);
    const app = await buildApp({
      pool,
      tickets,
      blobStore,
      cursorKey: await cursorKey(pool),
      logLevel: opts.logLevel,
      logStream: opts.logStream,
      metrics,
      updateStore,
      secureCookies: opts.secureCookies ?? (opts.https !== undefined || (opts.trustProxy ?? false) !== false),
      now: opts.now,
      https: opts.https,
      trustProxy: opts.trustProxy,
      departmentLogin: { ...DEFAULT_LOGIN_POLICY, ...opts.departmentLogin },
      ...(opts.verifyPerMinute ? { verifyRateLimit: { perMinute: opts.verifyPerMinute } } : {}),
      departmentSeal: {
        dataDir: sealDir,
      },
      licenceProvider: opts.licenceProvider,
    });
    // A blob store that is down does not stop the start (it may come up after the gateway, e.g. in one compose file):
    // the gateway serves, /readyz answers 503 naming blobStore until the store answers, uploads fail retryably.
    void blobStore
      .ping()
      .catch((err: unknown) =>
        app.log.warn(
          { blobStore: blobStore.kind, error: err instanceof Error ? err.message : String(err) },
          'blob store unreachable at start: not ready until it answers',
        ),
      );
    const host = opts.host ?? '127.0.0.1';
    await app.listen({ port: opts.port ?? 0, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
    const pruner = setInterval(() => void pruneNonces(pool).catch(() => undefined), 60_000);
    pruner.unref();
    const retention = opts.retention ? scheduleRetention(pool, blobStore, opts.retention, app.log) : null;
    // Its own connection: the batch functions are compiled and planned once, not once per pooled connection.
    const batchPool = createPool(opts.databaseUrl, 1, opts.statementTimeoutMs);
    const batches = scheduleBatches(batchPool, opts.batchEveryMs ?? DEFAULT_BATCH_EVERY_MS, app.log);
    const watchEvery = opts.tickets?.watchEveryMs ?? 10 * 60_000;
    const watch = watchEvery > 0 ? scheduleTicketWatch(pool, tickets, app.log, watchEvery) : null;
    return {
      url: `${opts.https ? 'https' : 'http'}://${host}:${port}`,
      port,
      app,
      pool,
      blobStore,
      async close() {
        clearInterval(pruner);
        await retention?.stop();
        await watch?.stop();
        await app.close();
        await batches.stop();
        await batchPool.end();
        await closeOwned();
        await pool.end();
      },
    };
  } catch (err) {
    await closeOwned().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw err;
  }
}

/** Migrates under the schema owner when its URL is given; otherwise only checks that the schema is this gateway's. */
async function migrateWithOwner(pool: pg.Pool, migrationUrl: string | undefined): Promise<void> {
  if (migrationUrl) {
    const owner = createPool(migrationUrl, 1);
    try {
      await migrate(owner);
    } finally {
      await owner.end();
    }
    return;
  }
  const status = await migrationStatus(pool);
  if (status.databaseVersion > status.migrations.length)
    throw new Error(
      `gateway database schema ${status.databaseVersion} is newer than this gateway; run the newer gateway`,
    );
  if (status.pending > 0)
    throw new Error(
      `${status.pending} gateway migration(s) pending: run "migrate up" with TONGBAN_GW_MIGRATION_DATABASE_URL (the schema owner) first`,
    );
}

/** Observes blob-store operations into the metrics' latency histogram (labels op, store, outcome). */
function histogramObserver(metrics: GatewayMetrics): BlobObserver {
  return ({ store, operation, seconds, ok }) =>
    metrics.blobStoreSeconds.observe({ op: operation, store, outcome: ok ? 'ok' : 'error' }, seconds);
}
