// Least privilege (issue #15): the gateway serves as a role that cannot change the schema; migrations run as
// the owner; a gateway pointed at the owner or the superuser refuses to start; an older cluster whose tables
// the superuser owns is repaired by the embedded cluster's provisioning.
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../server';
import { testFile, testManifest } from '../testing/fixtures';
import { startTestPostgres, type TestPostgres } from '../testing/pg';
import { DeviceClient } from '../testing/device-client';
import { issueEnrolmentCode } from '../devices/repo';
import { startEmbeddedCluster } from './embedded';
import { createPool } from './pool';
import { OWNER_ROLE } from './roles';

let db: TestPostgres;
let app: pg.Pool;
let owner: pg.Pool;
beforeAll(async () => {
  db = await startTestPostgres({ migrated: false });
  app = createPool(db.url, 2);
  owner = createPool(db.migrationUrl, 2);
});
afterAll(async () => {
  await app?.end();
  await owner?.end();
  await db?.stop();
});

const refusal = (sql: string) =>
  app.query(sql).then(
    () => 'accepted',
    (err: { code?: string; message: string }) => `${err.code}: ${err.message}`,
  );

describe('database roles', () => {
  it('a gateway with only the application role refuses a schema with pending migrations, naming the owner variable', async () => {
    await expect(startGateway({ databaseUrl: db.url })).rejects.toThrow(
      /migration\(s\) pending: run "migrate up" with TONGBAN_GW_MIGRATION_DATABASE_URL/,
    );
  });

  it('migrations run as the owner; the gateway then serves as the application role (a case and its file)', async () => {
    const gateway = await startGateway({ databaseUrl: db.url, migrationDatabaseUrl: db.migrationUrl });
    try {
      const { rows } = await app.query<{ owner: string }>(
        "SELECT tableowner AS owner FROM pg_tables WHERE schemaname = 'public' GROUP BY tableowner",
      );
      expect(rows.map((r) => r.owner)).toEqual([OWNER_ROLE]);
      const { code } = await issueEnrolmentCode(gateway.pool, 'W-ROLES', '510000', 1);
      const device = new DeviceClient(gateway.url);
      expect((await device.enroll(code, 'W-ROLES')).status).toBe(201);
      const file = testFile(2048);
      const m = testManifest('510000', [file]);
      expect((await device.putCase(m)).status).toBe(201);
      expect((await device.putAttachment(m.caseId, file.slot.attachmentId, file.bytes)).status).toBe(201);
      expect((await fetch(`${gateway.url}/readyz`)).status).toBe(200);
    } finally {
      await gateway.close();
    }
  });

  it('the application role gets a permission error for CREATE, ALTER, DROP, TRUNCATE, temporary tables and schemas', async () => {
    const denied = /^42501: (permission denied|must be owner)/;
    expect(await refusal('CREATE TABLE intruder (x int)')).toMatch(denied);
    expect(await refusal('ALTER TABLE cases ADD COLUMN intruder int')).toMatch(denied);
    expect(await refusal('DROP TABLE gateway_audit')).toMatch(denied);
    expect(await refusal('TRUNCATE cases CASCADE')).toMatch(denied);
    expect(await refusal('CREATE TEMP TABLE intruder (x int)')).toMatch(denied);
    expect(await refusal('CREATE SCHEMA intruder')).toMatch(denied);
    expect(await refusal('CREATE INDEX intruder ON cases (status)')).toMatch(denied);
    expect(await refusal('CREATE FUNCTION intruder() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$')).toMatch(denied);
    // …and may not rewrite the audit trail either.
    await app.query("INSERT INTO gateway_audit (actor, action) VALUES ('test', 'test.row')");
    expect(await refusal('DELETE FROM gateway_audit')).toMatch(/append-only/);
    expect(await refusal("UPDATE gateway_audit SET actor = 'someone else'")).toMatch(/append-only/);
    // The owner can: a table a later migration adds is usable by the application role at once (default privileges).
    await owner.query('CREATE TABLE later_migration (x int)');
    await app.query('INSERT INTO later_migration VALUES (1)');
    expect((await app.query('SELECT x FROM later_migration')).rows).toEqual([{ x: 1 }]);
    expect(await refusal('DROP TABLE later_migration')).toMatch(denied);
    await owner.query('DROP TABLE later_migration');
  });

  it('a gateway refuses to serve as the owner or as a superuser, saying why', async () => {
    await expect(startGateway({ databaseUrl: db.migrationUrl })).rejects.toThrow(
      /TONGBAN_GW_DATABASE_URL: .*role "tongban_owner" owns \d+ table\(s\)/,
    );
    await expect(startGateway({ databaseUrl: db.adminUrl })).rejects.toThrow(/role "postgres" is a superuser/);
  });

  it('an older cluster whose tables the superuser owns is given to the owner role on the next start', async () => {
    const admin = new pg.Client({ connectionString: db.adminUrl });
    await admin.connect();
    try {
      await admin.query('CREATE TABLE from_old_gateway (id serial PRIMARY KEY)');
      await startEmbeddedCluster(join(db.dir, 'data')); // adopts the running cluster and provisions again
      const { rows } = await admin.query<{ t: string; s: string }>(
        `SELECT pg_get_userbyid(c.relowner) AS t,
                (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'from_old_gateway_id_seq') AS s
         FROM pg_class c WHERE c.relname = 'from_old_gateway'`,
      );
      expect(rows[0]).toEqual({ t: OWNER_ROLE, s: OWNER_ROLE });
      await app.query('INSERT INTO from_old_gateway DEFAULT VALUES');
    } finally {
      await admin.query('DROP TABLE from_old_gateway');
      await admin.end();
    }
  });
});
