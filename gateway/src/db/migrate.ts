// Gateway migrations: gateway/migrations/NNNN_name.sql, applied in order and recorded in
// schema_migrations. All pending ones run in one transaction (PostgreSQL DDL is transactional, so a
// failed upgrade leaves the old schema intact); an advisory lock lets several gateway nodes start at once.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { MIGRATIONS_DIR } from '../paths';
import { ADVISORY_LOCKS } from './locks';

/** One migration file. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export { MIGRATIONS_DIR };
const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads the migrations; numbers must run 1, 2, 3 … without gaps. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const list = readdirSync(dir)
    .map((f) => FILE_PATTERN.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2] as string, sql: readFileSync(join(dir, m[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  list.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`gateway migrations: expected version ${i + 1}, found ${m.version}_${m.name}`);
  });
  return list;
}

/** Applies pending migrations; refuses a database migrated by a newer gateway. Returns the versions applied. */
export async function migrate(pool: pg.Pool, migrations = readMigrations()): Promise<number[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.migrations]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    const done = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...done);
    if (newest > migrations.length) {
      throw new Error(
        `gateway database schema ${newest} is newer than this gateway (${migrations.length}); run the newer gateway`,
      );
    }
    const applied: number[] = [];
    for (const m of migrations.filter((x) => !done.has(x.version))) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Each known migration with when it was applied (null = pending), and how many are pending. */
export interface MigrationStatus {
  migrations: { version: number; name: string; appliedAt: string | null }[];
  pending: number;
  /** The database's newest version (may exceed the gateway's when a newer gateway migrated it). */
  databaseVersion: number;
}

/** Reads which migrations the database has, without changing anything. */
export async function migrationStatus(pool: pg.Pool, migrations = readMigrations()): Promise<MigrationStatus> {
  const exists = await pool.query<{ t: string | null }>("SELECT to_regclass('schema_migrations')::text AS t");
  const rows = exists.rows[0]?.t
    ? (
        await pool.query<{ version: number; applied_at: Date }>(
          'SELECT version, applied_at FROM schema_migrations ORDER BY version',
        )
      ).rows
    : [];
  const applied = new Map(rows.map((r) => [r.version, r.applied_at.toISOString()]));
  const list = migrations.map((m) => ({ version: m.version, name: m.name, appliedAt: applied.get(m.version) ?? null }));
  return {
    migrations: list,
    pending: list.filter((m) => m.appliedAt === null).length,
    databaseVersion: Math.max(0, ...applied.keys()),
  };
}
