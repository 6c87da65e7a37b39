import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '@common/errors';

/** One migration file: `NNNN_name.sql`, applied when `user_version` < `version`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const FILE_PATTERN = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Reads the migrations folder; numbers must run 1, 2, 3 … without gaps or duplicates. */
export function readMigrations(dir: string): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => FILE_PATTERN.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2] as string, sql: readFileSync(join(dir, m[0]), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations: expected version ${i + 1}, found ${m.version}_${m.name}`);
  });
  return migrations;
}

/** Outcome of bringing a database up to date. */
export interface MigrationReport {
  from: number;
  to: number;
  backupFile: string | null;
}

/**
 * Applies pending migrations, each in its own transaction that also bumps `user_version`.
 * Refuses a database written by a newer app. Before touching a database that already holds
 * data, writes a consistent copy next to it (`VACUUM INTO`).
 */
export function migrate(
  db: Database.Database,
  migrations: Migration[],
  backupFileFor: (from: number) => string,
): MigrationReport {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (from > latest) {
    throw new AppError(
      'database-too-new',
      `database schema ${from} is newer than this app (${latest}); install the newer app`,
      {
        databaseVersion: from,
        appVersion: latest,
      },
    );
  }
  if (from === latest) return { from, to: from, backupFile: null };
  let backupFile: string | null = null;
  if (from > 0) {
    backupFile = backupFileFor(from);
    db.prepare('VACUUM INTO ?').run(backupFile);
  }
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return { from, to: latest, backupFile };
}
