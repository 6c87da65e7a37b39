// Liveness and readiness for load balancers and orchestrators:
//   GET /healthz  200 while the process serves HTTP (no dependency checked).
//   GET /readyz   200 when PostgreSQL answers, the schema is current and the blob store answers; else 503
//                 with the failing check named (never a connection string or credential).
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { BlobStoreHealth } from '../config/blob-store-health';
import { migrationStatus } from '../db/migrate';

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)),
      CHECK_TIMEOUT_MS,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One readiness check's result. */
export interface CheckResult {
  ok: boolean;
  detail?: string;
}

/** Runs the readiness checks. */
export async function readiness(
  pool: pg.Pool,
  blobStore: BlobStoreHealth | undefined,
): Promise<{ ready: boolean; checks: Record<string, CheckResult> }> {
  const checks: Record<string, CheckResult> = {};
  const run = async (name: string, fn: () => Promise<string | undefined>) => {
    try {
      const detail = await withTimeout(fn(), name);
      checks[name] = detail ? { ok: true, detail } : { ok: true };
    } catch (err) {
      checks[name] = { ok: false, detail: err instanceof Error ? err.message.slice(0, 200) : 'failed' };
    }
  };
  await run('database', async () => {
    await pool.query('SELECT 1');
    return undefined;
  });
  await run('migrations', async () => {
    const status = await migrationStatus(pool);
    if (status.pending > 0) throw new Error(`${status.pending} migration(s) pending: run migrate up`);
    if (status.databaseVersion > status.migrations.length)
      throw new Error(`database schema ${status.databaseVersion} is newer than this gateway`);
    return `schema ${status.databaseVersion}`;
  });
  await run('blobStore', async () => {
    if (!blobStore) return 'postgres (in the database)';
    if (blobStore.ping) await blobStore.ping();
    return blobStore.kind;
  });
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}

/** Registers /healthz and /readyz (not logged at info: probes come every few seconds). */
export function registerHealthRoutes(app: FastifyInstance, pool: pg.Pool, blobStore?: BlobStoreHealth): void {
  app.get('/healthz', { logLevel: 'warn' }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );
  app.get('/readyz', { logLevel: 'warn' }, async (_request, reply) => {
    const { ready, checks } = await readiness(pool, blobStore);
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ready ? 'ready' : 'not-ready', checks });
  });
}
