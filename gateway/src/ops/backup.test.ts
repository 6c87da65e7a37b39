// The PostgreSQL part of the backup runbook (docs/gateway-operations.md), run as written: pg_dump -Fc of a
// gateway database holding a pushed case with its file, the database lost, pg_restore into a new one, and
// a gateway on the restored database has every row byte for byte and answers the window's replay as before.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_ROLE, OWNER_ROLE, provisionRoles } from '../db/roles';
import { startGateway } from '../server';
import { issueEnrolmentCode } from '../devices/repo';
import { DeviceClient } from '../testing/device-client';
import { testFile, testManifest } from '../testing/fixtures';
import { startSystemPostgres, systemPostgresBin, type SystemPostgres } from '../testing/system-pg';

const bin = systemPostgresBin();
if (!bin)
  console.warn(
    'backup test skipped: no /usr/lib/postgresql/NN/bin with pg_dump and a server (apt-get install postgresql-15)',
  );
let cluster: SystemPostgres | undefined;
afterAll(() => cluster?.stop());

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

/** Every table of the public schema → row count and md5 of its rows in a fixed order. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const tables = (
    await sql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
  ).rows.map((r: { tablename: string }) => r.tablename);
  const out: Record<string, string> = {};
  for (const t of tables) {
    const { rows } = await sql(
      url,
      `SELECT count(*) || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '-') AS f FROM "${t}" x`,
    );
    out[t] = (rows[0] as { f: string }).f;
  }
  return out;
}

/** The gateway's two roles on `database` (trust authentication: the passwords are not checked). */
async function provision(cluster: SystemPostgres, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: cluster.url(database) });
  await admin.connect();
  try {
    const spec = { owner: { name: OWNER_ROLE, password: 'o' }, app: { name: APP_ROLE, password: 'a' }, database };
    await provisionRoles({ cluster: admin, database: admin }, spec);
  } finally {
    await admin.end();
  }
}

const roleUrls = (cluster: SystemPostgres, database: string) => ({
  databaseUrl: `postgres://${APP_ROLE}@127.0.0.1:${cluster.port}/${database}`,
  migrationDatabaseUrl: `postgres://${OWNER_ROLE}@127.0.0.1:${cluster.port}/${database}`,
});

describe.skipIf(!bin)('PostgreSQL backup and restore (pg_dump -Fc / pg_restore)', () => {
  it('restores a gateway database that serves the same cases and files', async () => {
    cluster = await startSystemPostgres(bin as string);
    await sql(cluster.url('postgres'), 'CREATE DATABASE tongban');
    const live = cluster.url('tongban');
    await provision(cluster, 'tongban');
    const gateway = await startGateway({ ...roleUrls(cluster, 'tongban'), poolSize: 4 });
    const { code } = await issueEnrolmentCode(gateway.pool, 'W-BACKUP', '510000', 1);
    const device = new DeviceClient(gateway.url);
    expect((await device.enroll(code, 'W-BACKUP')).status).toBe(201);
    const file = testFile(300_000);
    const manifest = testManifest('510000', [file]);
    expect((await device.putCase(manifest)).status).toBe(201);
    expect((await device.putAttachment(manifest.caseId, file.slot.attachmentId, file.bytes)).status).toBe(201);
    await gateway.close();
    const before = await fingerprint(live);
    expect(before.cases).toMatch(/^1:/);

    const dump = join(mkdtempSync(join(tmpdir(), 'tongban-backup-')), 'gateway.dump');
    execFileSync(join(cluster.bin, 'pg_dump'), ['-Fc', '--no-owner', '-f', dump, '-d', live]);
    await sql(cluster.url('postgres'), 'DROP DATABASE tongban');
    await sql(cluster.url('postgres'), 'CREATE DATABASE tongban_restored');
    const restored = cluster.url('tongban_restored');
    execFileSync(join(cluster.bin, 'pg_restore'), ['--no-owner', '--exit-on-error', '-d', restored, dump]);

    expect(await fingerprint(restored)).toEqual(before);
    // Restored as the superuser: the role provisioning gives the objects back to the owner role.
    await provision(cluster, 'tongban_restored');
    const again = await startGateway({ ...roleUrls(cluster, 'tongban_restored'), poolSize: 4 });
    try {
      expect((await fetch(`${again.url}/readyz`)).status).toBe(200);
      device.baseUrl = again.url;
      const replay = await device.putCase(manifest);
      expect(replay.status).toBe(200); // the case is known: a replay, not a new case
      const file2 = await device.putAttachment(manifest.caseId, file.slot.attachmentId, file.bytes);
      expect(file2.status).toBe(200); // and so is its file
    } finally {
      await again.close();
    }
  }, 120_000);
});
