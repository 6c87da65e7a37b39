import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { migrate, readMigrations, type MigrationReport } from './migrate';

/** An open application database plus what migrating it did. */
export interface OpenedDatabase {
  db: Database.Database;
  migration: MigrationReport;
}

/**
 * Opens (creating if needed) the application database with the settings every connection
 * must have: WAL, `synchronous=FULL` (a WAL commit under NORMAL can roll back after a power
 * cut), foreign keys, a busy timeout; then applies pending migrations.
 */
export function openDatabase(file: string, migrationsDir: string, now: () => Date = () => new Date()): OpenedDatabase {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const backupDir = join(dirname(file), 'backups');
    const migration = migrate(db, readMigrations(migrationsDir), (from) => {
      mkdirSync(backupDir, { recursive: true });
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      return join(backupDir, `before-migration-v${from}-${stamp}.sqlite`);
    });
    return { db, migration };
  } catch (err) {
    db.close();
    throw err;
  }
}
