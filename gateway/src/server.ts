// Starting and stopping a gateway on a database: migrate, open the feed epoch, listen.
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type pg from 'pg';
import { buildApp } from './app';
import {
  createBlobStore,
  observeBlobStore,
  type BlobObserver,
  type BlobStore,
  type BlobStoreConfig,
} from './attachments/blob-store';
import { pruneNonces } from './auth/verify';
import { migrate } from './db/migrate';
import { createPool } from './db/pool';
import { cursorKey, ensureFeedEpoch } from './feed/epoch';

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
  databaseUrl: string;
  port?: number;
  host?: string;
  logger?: FastifyServerOptions['logger'];
  secureCookies?: boolean;
  now?: () => number;
  https?: { key: Buffer; cert: Buffer };
  trustProxy?: boolean;
  /** Where attachments' bytes live; PostgreSQL by default. */
  blobStore?: BlobStoreConfig;
  /** Sees every blob-store operation's latency (metrics). */
  blobObserver?: BlobObserver;
}

/** Migrates the database and starts serving on `host:port` (port 0 = any free port). */
export async function startGateway(opts: GatewayOptions): Promise<RunningGateway> {
  const pool = createPool(opts.databaseUrl);
  const base = createBlobStore(opts.blobStore ?? { kind: 'postgres' }, pool);
  const blobStore = opts.blobObserver ? observeBlobStore(base, opts.blobObserver) : base;
  try {
    await migrate(pool);
    await blobStore.ping().catch((err: unknown) => {
      throw new Error(
        `blob store (${blobStore.kind}) unreachable: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
    await ensureFeedEpoch(pool);
    const app = await buildApp({
      pool,
      blobStore,
      cursorKey: await cursorKey(pool),
      logger: opts.logger,
      secureCookies: opts.secureCookies ?? (opts.https !== undefined || opts.trustProxy === true),
      now: opts.now,
      https: opts.https,
      trustProxy: opts.trustProxy,
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
      blobStore,
      async close() {
        clearInterval(pruner);
        await app.close();
        await blobStore.close();
        await pool.end();
      },
    };
  } catch (err) {
    await blobStore.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw err;
  }
}
