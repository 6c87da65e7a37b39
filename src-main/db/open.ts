import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import {
  cleanUpInterruptedEncryption,
  encryptInPlace,
  isPlaintextDatabase,
  openKeyed,
  type EncryptStep,
} from './encryption';
import { migrate, readMigrations, type MigrationReport } from './migrate';
import { statement } from './statements';

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
export function openDatabase(
  file: string,
  migrationsDir: string,
  now: () => Date = () => new Date(),
  key: Buffer | null = null,
  /** Reports the steps of encrypting an existing plaintext database (only called when that happens). */
  onEncryptStep?: (step: EncryptStep | 'started') => void,
): OpenedDatabase {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  if (key) {
    cleanUpInterruptedEncryption(file);
    if (isPlaintextDatabase(file)) {
      onEncryptStep?.('started');
      encryptInPlace(file, key, onEncryptStep);
    }
  }
  const db = openKeyed(file, key);
  if (existsSync(file)) chmodSync(file, 0o600);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const backupDir = join(dirname(file), 'backups');
    const migration = migrate(db, readMigrations(migrationsDir), (from) => {
      mkdirSync(backupDir, { recursive: true, mode: 0o700 });
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      return join(backupDir, `before-migration-v${from}-${stamp}.sqlite`);
    });
    return { db, migration };
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Runs `fn` in a transaction whose commit is not fsynced on its own (`synchronous=NORMAL` for this
 * one commit): the WAL frames reach the operating system at once, so a crash of the app loses
 * nothing, and they become power-cut durable with the next FULL commit on this connection (an
 * fsync of the WAL covers every frame before it). For bulky writes that are not acknowledged as
 * final by themselves — a scanned file attached to a draft is made durable by the draft's next
 * autosave or by the 受理 transaction, which only then shows a receipt number. Inside an open
 * transaction it simply joins it.
 */
export function withDeferredSync<T>(db: Database.Database, fn: () => T): T {
  if (db.inTransaction) return fn();
  // Compiled once per connection (db.pragma compiles its statement on every call; the sync loop commits per case).
  statement(db, 'PRAGMA synchronous = NORMAL').run();
  try {
    return db.transaction(fn)();
  } finally {
    statement(db, 'PRAGMA synchronous = FULL').run();
  }
}
