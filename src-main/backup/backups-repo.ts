// SQL for backups and restores: the backups table, the row counts a backup is checked against,
// and marking the sync device for re-enrolment after a restore.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { BackupRecord } from '@common/supervisor/views';
import { Statements } from '../db/statements';
import { statSync } from 'node:fs';
import { AppError } from '@common/errors';
import { openKeyed } from '../db/encryption';

interface BackupRow {
  backup_id: string;
  file_name: string;
  folder: string;
  trigger: BackupRecord['trigger'];
  started_at: string;
  finished_at: string;
  state: BackupRecord['state'];
  error: string | null;
  size: number | null;
  cases: number | null;
  audit_rows: number | null;
  rotated_at: string | null;
}

/** A backup row, before the file's presence is checked. */
export type StoredBackup = Omit<BackupRecord, 'present' | 'path'> & { folder: string; rotatedAt: string | null };

const toBackup = (r: BackupRow): StoredBackup => ({
  backupId: r.backup_id,
  fileName: r.file_name,
  folder: r.folder,
  trigger: r.trigger,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  state: r.state,
  error: r.error,
  size: r.size,
  counts: r.cases === null || r.audit_rows === null ? null : { cases: r.cases, auditLog: r.audit_rows },
  rotatedAt: r.rotated_at,
});

/** Row counts a copy must match. */
export interface DbCounts {
  cases: number;
  auditLog: number;
}

/** Counts the tables a backup is checked against. */
export function countRows(db: Database.Database): DbCounts {
  const n = (t: string) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { cases: n('cases'), auditLog: n('audit_log') };
}

/** What checking a database file found. */
export type FileCheck = { ok: true; counts: DbCounts; userVersion: number } | { ok: false; problem: string };

function looksEncrypted(file: string): boolean {
  const size = statSync(file).size;
  return size >= 512 && size % 512 === 0;
}

/** Opens a copy read-only and checks it: it opens, quick_check is ok, the app's tables are there. */
export function checkDatabaseFile(file: string, key: Buffer | null): FileCheck {
  let db: Database.Database | null = null;
  try {
    db = openKeyed(file, key, { readonly: true, fileMustExist: true });
    const quick = db.pragma('quick_check', { simple: true });
    if (quick !== 'ok') return { ok: false, problem: 'quick-check-failed' };
    const tables = new Set(
      db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
        .all()
        .map((t) => t.name),
    );
    if (!['cases', 'audit_log', 'users', 'settings'].every((t) => tables.has(t)))
      return { ok: false, problem: 'not-an-app-database' };
    return { ok: true, counts: countRows(db), userVersion: db.pragma('user_version', { simple: true }) as number };
  } catch (err) {
    return {
      ok: false,
      // An encrypted database is whole pages of noise; anything else that fails to open is not a database.
      problem:
        err instanceof AppError && err.code === 'database-unreadable' && looksEncrypted(file)
          ? 'unreadable'
          : 'cannot-open',
    };
  } finally {
    db?.close();
  }
}

/** SQL for backups. */
export class BackupsRepo {
  private readonly s: Statements;

  constructor(readonly db: Database.Database) {
    this.s = new Statements(db);
  }

  insert(b: StoredBackup): void {
    this.s
      .get(
        `INSERT INTO backups (backup_id, file_name, folder, trigger, started_at, finished_at, state, error, size, cases, audit_rows)
            VALUES (@backupId, @fileName, @folder, @trigger, @startedAt, @finishedAt, @state, @error, @size, @cases, @auditRows)`,
      )
      .run({ ...b, cases: b.counts?.cases ?? null, auditRows: b.counts?.auditLog ?? null });
  }

  list(limit: number): StoredBackup[] {
    return this.s
      .get<[number], BackupRow>('SELECT * FROM backups ORDER BY finished_at DESC, backup_id DESC LIMIT ?')
      .all(limit)
      .map(toBackup);
  }

  lastGood(): StoredBackup | null {
    const r = this.s
      .get<[], BackupRow>(
        "SELECT * FROM backups WHERE state = 'ok' AND rotated_at IS NULL ORDER BY finished_at DESC LIMIT 1",
      )
      .get();
    return r ? toBackup(r) : null;
  }

  lastAttempt(): StoredBackup | null {
    const r = this.s.get<[], BackupRow>('SELECT * FROM backups ORDER BY finished_at DESC LIMIT 1').get();
    return r ? toBackup(r) : null;
  }

  /** Good backups still kept, newest first. */
  kept(): StoredBackup[] {
    return this.s
      .get<[], BackupRow>("SELECT * FROM backups WHERE state = 'ok' AND rotated_at IS NULL ORDER BY finished_at DESC")
      .all()
      .map(toBackup);
  }

  markRotated(backupId: string, at: string): void {
    this.s.get('UPDATE backups SET rotated_at = ? WHERE backup_id = ?').run(at, backupId);
  }

  /** After a restore: the device must enrol again, so the gateway issues a new epoch. */
  markDeviceForReenrolment(at: string): boolean {
    const changed =
      this.s.get('UPDATE sync_device SET revoked_at = ? WHERE id = 1 AND revoked_at IS NULL').run(at).changes === 1;
    this.s.get('UPDATE sync_state SET lease_owner = NULL, lease_until = NULL, online = 0 WHERE id = 1').run();
    return changed;
  }

  /** When the device last enrolled (null when not enrolled). */
  deviceEnrolledAt(): string | null {
    return (
      this.s.get<[], { enrolled_at: string }>('SELECT enrolled_at FROM sync_device WHERE id = 1').get()?.enrolled_at ??
      null
    );
  }
}
