import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../testing/repo-root';
import { openDatabase, withDeferredSync } from './open';
import { readMigrations } from './migrate';

const MIGRATIONS = join(REPO_ROOT, 'migrations');
const fresh = () => join(mkdtempSync(join(tmpdir(), 'tongban-db-')), 'tongban.sqlite');

describe('openDatabase', () => {
  it('sets WAL, synchronous=FULL, foreign keys and STRICT tables through the app factory', () => {
    const { db } = openDatabase(fresh(), MIGRATIONS);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db
      .prepare<[], { name: string; strict: number }>(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'",
      )
      .all();
    expect(tables.length).toBeGreaterThan(0);
    for (const t of tables) expect(t, t.name).toMatchObject({ strict: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(readMigrations(MIGRATIONS).length);
    db.close();
  });

  it('refuses a database written by a newer app and leaves it untouched', () => {
    const file = fresh();
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    expect(() => openDatabase(file, MIGRATIONS)).toThrow(/newer than this app/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    check.close();
  });

  it('backs up an existing database before migrating it, and applies each migration in a transaction', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-mig-'));
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    copyFileSync(join(MIGRATIONS, '0001_foundation.sql'), join(migrations, '0001_foundation.sql'));
    const file = join(dir, 'data', 'tongban.sqlite');
    const first = openDatabase(file, migrations);
    expect(first.migration).toMatchObject({ from: 0, to: 1, backupFile: null });
    first.db.prepare("INSERT INTO settings (key, value) VALUES ('k', '1')").run();
    first.db.close();

    // A broken second migration: the backup is written, the failed step rolls back entirely.
    writeFileSync(
      join(migrations, '0002_broken.sql'),
      'CREATE TABLE t2 (a INTEGER) STRICT;\nINSERT INTO no_such_table VALUES (1);',
    );
    expect(() => openDatabase(file, migrations)).toThrow(/no such table/);
    const backups = readdirSync(join(dir, 'data', 'backups'));
    expect(backups).toHaveLength(1);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(1);
    expect(after.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 't2'").get()).toEqual({ n: 0 });
    after.close();
    const backup = new Database(join(dir, 'data', 'backups', backups[0] as string), { readonly: true });
    expect(backup.prepare("SELECT value FROM settings WHERE key = 'k'").get()).toEqual({ value: '1' });
    backup.close();

    writeFileSync(join(migrations, '0002_broken.sql'), 'CREATE TABLE t2 (a INTEGER) STRICT;');
    const fixed = openDatabase(file, migrations);
    expect(fixed.migration).toMatchObject({ from: 1, to: 2 });
    expect(fixed.migration.backupFile && existsSync(fixed.migration.backupFile)).toBe(true);
    fixed.db.close();
  });

  it('rejects gaps in migration numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-gap-'));
    writeFileSync(join(dir, '0001_a.sql'), 'SELECT 1;');
    writeFileSync(join(dir, '0003_c.sql'), 'SELECT 1;');
    expect(() => readMigrations(dir)).toThrow(/expected version 2/);
  });
});

describe('withDeferredSync', () => {
  it('commits under NORMAL and puts FULL back, also when the work throws', () => {
    const { db } = openDatabase(fresh(), MIGRATIONS);
    db.exec('CREATE TABLE t (x INTEGER) STRICT');
    let inside = -1;
    withDeferredSync(db, () => {
      inside = db.pragma('synchronous', { simple: true }) as number;
      db.prepare('INSERT INTO t VALUES (1)').run();
    });
    expect(inside).toBe(1); // NORMAL
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(() =>
      withDeferredSync(db, () => {
        db.prepare('INSERT INTO t VALUES (2)').run();
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.prepare('SELECT group_concat(x) AS xs FROM t').get()).toEqual({ xs: '1' }); // the failed one rolled back
    db.close();
  });

  it('joins a transaction already open (whose commit decides durability)', () => {
    const { db } = openDatabase(fresh(), MIGRATIONS);
    db.exec('CREATE TABLE t (x INTEGER) STRICT');
    db.transaction(() => {
      withDeferredSync(db, () => db.prepare('INSERT INTO t VALUES (1)').run());
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.inTransaction).toBe(true);
    })();
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
    db.close();
  });
});
