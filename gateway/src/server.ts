// Starting and stopping a gateway on a database: migrate, open the feed epoch, listen.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { buildApp } from './app';
import type { BlobStoreHealth } from './config/blob-store-health';
import type { GatewayConfig } from './config/config';
import type { LogDestination } from './ops/logging';
import type { GatewayMetrics } from './ops/metrics';
import { pruneNonces } from './auth/verify';
import { migrate } from './db/migrate';
import { createPool } from './db/pool';
import { DEFAULT_LOGIN_POLICY, type LoginPolicy } from './department/login-guard';
import { cursorKey, ensureFeedEpoch } from './feed/epoch';

/** A listening gateway. */
export interface RunningGateway {
  url: string;
  port: number;
  app: FastifyInstance;
  pool: pg.Pool;
  close(): Promise<void>;
}

/** Options of startGateway. */
export interface GatewayOptions {
  databaseUrl: string;
  /** Connections in the pool (default 20). */
  poolSize?: number;
  /** PostgreSQL statement_timeout of every connection (0 = none). */
  statementTimeoutMs?: number;
  /** The validated configuration (for readiness and the update feed); tests may leave it out. */
  config?: GatewayConfig;
  /** Data folder whose updates/ is served as the window update feed (default: config.dataDir). */
  updatesDataDir?: string;
  port?: number;
  host?: string;
  /** Access-log level; absent or 'silent' = no log (tests). */
  logLevel?: string;
  logStream?: LogDestination;
  blobStore?: BlobStoreHealth;
  metrics?: GatewayMetrics;
  secureCookies?: boolean;
  now?: () => number;
  https?: { key: Buffer; cert: Buffer };
  trustProxy?: boolean | string;
  /** Throttle and lockout of the department login. */
  departmentLogin?: Partial<LoginPolicy>;
}

/** Migrates the database and starts serving on `host:port` (port 0 = any free port). */
export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const pool = createPool(opts.databaseUrl, opts.poolSize, opts.statementTimeoutMs);
  try {
    await migrate(pool);
    await ensureFeedEpoch(pool);
    const app = await buildApp({
      pool,
      cursorKey: await cursorKey(pool),
      logLevel: opts.logLevel,
      logStream: opts.logStream,
      blobStore: opts.blobStore,
      metrics: opts.metrics,
      updatesDataDir: opts.updatesDataDir ?? opts.config?.dataDir,
      secureCookies: opts.secureCookies ?? (opts.https !== undefined || (opts.trustProxy ?? false) !== false),
      now: opts.now,
      https: opts.https,
      trustProxy: opts.trustProxy,
      departmentLogin: { ...DEFAULT_LOGIN_POLICY, ...opts.departmentLogin },
    });
    const host = opts.host ?? '127.0.0.1';
    await app.listen({ port: opts.port ?? 0, host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : (opts.port ?? 0);
    const pruner = setInterval(() => void pruneNonces(pool).catch(() => undefined), 60_000);
    pruner.unref();
    return {
      url: `${opts.https ? 'https' : 'http'}://${host}:${port}`,
      port,
      app,
      pool,
      async close() {
        clearInterval(pruner);
        await app.close();
        await pool.end();
      },
    };
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}
