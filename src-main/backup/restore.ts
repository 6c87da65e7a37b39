// Restore from a backup, within the app's lifecycle: the running app only verifies the backup and
// stages a copy (`restore/pending.sqlite` + `pending.json`); the swap happens at the next start,
// before the database is opened (applyPendingRestore, called by createServices). The current file
// is moved aside, never deleted. After the swap the sync device is marked for re-enrolment, so
// the gateway sees a new epoch before this window sends anything again.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync, createReadStream } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { AuditLog, Actor } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../audit/audit-log';
import { AppError } from '@common/errors';
import type { RestoreResult } from '@common/supervisor/views';
import { fsyncPath, writeFileDurably } from '../files/durable-file';
import { keyOfRecoveryCode } from '@common/recovery-code';
import { rekeyFile } from '../db/encryption';
import { checkDatabaseFile, type BackupsRepo } from './backups-repo';

/** The database file name inside the data folder (as createServices opens it). */
export const DB_FILE = 'tongban.sqlite';

interface PendingRestore {
  from: string;
  stagedAt: string;
  stagedBy: string;
  sha256: string;
}

interface AppliedRestore extends PendingRestore {
  appliedAt: string;
  movedAsideTo: string;
}

const restoreDir = (dataDir: string) => join(dataDir, 'restore');

async function sha256Of(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Steps a restore reports: verified, copied (and re-keyed), copy checked, fingerprinted, staged. */
export const RESTORE_STEPS = 5;

/** Where a restore reports its steps and learns that its caller wants it to stop (a ProgressTask). */
export interface RestoreProgress {
  update(done: number): void;
  throwIfCancelled(): void;
}

const NO_PROGRESS: RestoreProgress = { update: () => undefined, throwIfCancelled: () => undefined };

/** Whether a backup is staged and waits for the next start to be swapped in. */
export function restorePending(dataDir: string): boolean {
  return existsSync(join(restoreDir(dataDir), 'pending.json'));
}

/** Verifies a backup and stages it for the next start. `file` is a name in the backup folder or an absolute path. */
export async function stageRestore(
  d: {
    dataDir: string;
    backupFolder: string;
    schemaVersion: number;
    audit: AuditLog;
    now: () => Date;
    /** The key backups of this window are encrypted with (null: plaintext). */
    key: Buffer | null;
  },
  actor: Actor,
  file: string,
  recoveryCode?: string,
  progress: RestoreProgress = NO_PROGRESS,
): Promise<RestoreResult> {
  const source = isAbsolute(file) ? file : join(d.backupFolder, file);
  if (!isAbsolute(file) && (file.includes('/') || file.includes('\\') || file.startsWith('.'))) {
    throw new AppError('invalid-input', 'a backup name, or an absolute path', {
      fields: [{ path: 'file', code: 'path-invalid' }],
    });
  }
  if (!existsSync(source)) throw new AppError('not-found', 'no such backup file');
  // This window's own backups open with its key; another PC's need that PC's recovery code.
  const recovered = recoveryCode ? keyOfRecoveryCode(recoveryCode) : null;
  if (recoveryCode && !recovered)
    throw new AppError('invalid-input', 'not a recovery code', { fields: [{ path: 'recoveryCode', code: 'invalid' }] });
  const backupKey = recovered ? Buffer.from(recovered) : d.key;
  const check = checkDatabaseFile(source, backupKey);
  if (!check.ok && check.problem === 'unreadable')
    throw new AppError('database-unreadable', 'the backup is encrypted with another key', { reason: 'backup-invalid' });
  if (!check.ok)
    throw new AppError('conflict', 'the backup does not pass verification', {
      reason: 'backup-invalid',
      problem: check.problem,
    });
  if (check.userVersion > d.schemaVersion)
    throw new AppError('database-too-new', 'the backup comes from a newer app', {
      databaseVersion: check.userVersion,
      appVersion: d.schemaVersion,
    });
  progress.update(1);
  const dir = restoreDir(d.dataDir);
  mkdirSync(dir, { recursive: true });
  const pendingDb = join(dir, 'pending.sqlite');
  const partial = `${pendingDb}.partial`;
  // Until the marker is written nothing is staged: a cancel (or a failure) removes the partial copy
  // and leaves the window exactly as it was. The rename and the marker are the commit point.
  let sha256: string;
  try {
    progress.throwIfCancelled();
    await copyFile(source, partial);
    progress.throwIfCancelled();
    // A backup of another PC is re-keyed to this PC's key before it is staged.
    if (backupKey && d.key && !backupKey.equals(d.key)) rekeyFile(partial, backupKey, d.key);
    fsyncPath(partial);
    progress.update(2);
    const staged = checkDatabaseFile(partial, d.key);
    if (!staged.ok || staged.counts.cases !== check.counts.cases || staged.counts.auditLog !== check.counts.auditLog) {
      throw new AppError('conflict', 'the staged copy does not match the backup', {
        reason: 'backup-invalid',
        problem: 'copy-mismatch',
      });
    }
    progress.update(3);
    sha256 = await sha256Of(partial);
    progress.update(4);
    progress.throwIfCancelled();
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  renameSync(partial, pendingDb);
  const pending: PendingRestore = { from: source, stagedAt: d.now().toISOString(), stagedBy: actor.name, sha256 };
  // The marker is what the next start acts on: durable, like the copy it points to.
  writeFileDurably(join(dir, 'pending.json'), JSON.stringify(pending));
  d.audit.append({
    actor,
    action: 'backup.restore-staged',
    details: { from: source, counts: check.counts, sha256: pending.sha256 },
  });
  return { restartRequired: true, restoredFrom: source, counts: check.counts, reenrolmentRequired: true };
}

/**
 * At start-up, before the database is opened: swaps a staged backup in. Safe to re-run after a
 * crash at any point (the marker is removed last). Returns true when a restore was applied.
 */
export function applyPendingRestore(dataDir: string, now: () => Date = () => new Date()): boolean {
  const dir = restoreDir(dataDir);
  const marker = join(dir, 'pending.json');
  if (!existsSync(marker)) return false;
  const pending = JSON.parse(readFileSync(marker, 'utf8')) as PendingRestore;
  const pendingDb = join(dir, 'pending.sqlite');
  const live = join(dataDir, DB_FILE);
  const aside = join(dataDir, 'backups', `before-restore-${now().toISOString().replace(/[:.]/g, '-')}`);
  if (existsSync(pendingDb)) {
    mkdirSync(aside, { recursive: true });
    for (const suffix of ['', '-wal', '-shm'])
      if (existsSync(live + suffix)) renameSync(live + suffix, join(aside, DB_FILE + suffix));
    renameSync(pendingDb, live);
  }
  const applied: AppliedRestore = { ...pending, appliedAt: now().toISOString(), movedAsideTo: aside };
  writeFileSync(join(dir, 'applied.json'), JSON.stringify(applied));
  rmSync(marker);
  return true;
}

/** After opening a restored database: marks the device for re-enrolment and audits the restore. */
export function finishRestore(d: {
  dataDir: string;
  repo: BackupsRepo;
  audit: AuditLog;
  now: () => Date;
  flagReenrolment: (at: string) => void;
}): boolean {
  const file = join(restoreDir(d.dataDir), 'applied.json');
  if (!existsSync(file)) return false;
  const applied = JSON.parse(readFileSync(file, 'utf8')) as AppliedRestore;
  const at = d.now().toISOString();
  d.repo.db.transaction(() => {
    const deviceMarked = d.repo.markDeviceForReenrolment(at);
    d.flagReenrolment(at);
    d.audit.append({
      actor: SYSTEM_ACTOR,
      action: 'backup.restore-applied',
      details: {
        from: applied.from,
        stagedBy: applied.stagedBy,
        sha256: applied.sha256,
        movedAsideTo: applied.movedAsideTo,
        deviceMarked,
      },
    });
  })();
  rmSync(file);
  return true;
}
