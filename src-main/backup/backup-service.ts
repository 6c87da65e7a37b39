// Online backups with `VACUUM INTO` (encrypted with the database's key), written under a
// `.partial` name, verified by opening the copy read-only (quick_check, row counts equal to the
// source when the copy completed), then renamed and rotated (keep N). One backup runs at a time.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AuditLog, Actor } from '../audit/audit-log';
import { SYSTEM_ACTOR } from '../audit/audit-log';
import { AppError } from '@common/errors';
import type { BackupRecord, BackupsView } from '@common/supervisor/views';
import { CHINA_OFFSET_MINUTES } from '@common/time';
import { keyOf } from '../db/encryption';
import type { Logger } from '../log/logger';
import { checkDatabaseFile, countRows, type BackupsRepo, type StoredBackup } from './backups-repo';
import type { SupervisorSettingsStore } from '../settings/supervisor-settings';

/** Copies written before a schema migration (src-main/db/open.ts). */
const PRE_MIGRATION_FILE = /^before-migration-v\d+-[\dTZ-]+\.sqlite$/;

/** Backup file names: sortable by time, recognisable when rotating. */
export const BACKUP_FILE = /^tongban-\d{8}-\d{6}-\d{3}\.sqlite$/;

/** `20261130-173000-123`: the China wall-clock time, as the hall reads dates (not UTC, which is 8 hours behind). */
export const stampOf = (d: Date) =>
  new Date(d.getTime() + CHINA_OFFSET_MINUTES * 60_000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .replace('.', '-')
    .slice(0, 19);

/** Scheduled and manual backups, their list and the staleness warning. */
/** Steps a backup reports: the encrypted copy, its verification, putting it in place. */
export const BACKUP_STEPS = 3;

export class BackupService {
  private running: Promise<BackupRecord> | null = null;

  constructor(
    private readonly d: {
      repo: BackupsRepo;
      audit: AuditLog;
      settings: SupervisorSettingsStore;
      now: () => Date;
      log: Logger;
    },
  ) {}

  /** Runs a backup (or joins the one running). A failure is recorded and audited, then thrown. */
  run(
    trigger: BackupRecord['trigger'],
    actor: Actor = SYSTEM_ACTOR,
    onStep: (done: number) => void = () => undefined,
  ): Promise<BackupRecord> {
    this.running ??= this.backup(trigger, actor, onStep).finally(() => (this.running = null));
    return this.running;
  }

  private async backup(
    trigger: BackupRecord['trigger'],
    actor: Actor,
    onStep: (done: number) => void,
  ): Promise<BackupRecord> {
    const folder = this.d.settings.backupFolder();
    const startedAt = this.d.now();
    const fileName = `tongban-${stampOf(startedAt)}.sqlite`;
    const target = join(folder, fileName);
    const partial = `${target}.partial`;
    const record: StoredBackup = {
      backupId: randomUUID(),
      fileName,
      folder,
      trigger,
      startedAt: startedAt.toISOString(),
      finishedAt: '',
      state: 'failed',
      error: null,
      size: null,
      counts: null,
      rotatedAt: null,
    };
    try {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      // VACUUM INTO, not db.backup(): the copy is encrypted with the same key (the backup API refuses to copy
      // between an encrypted and a plain database), and it is written 0600.
      await rm(partial, { force: true });
      this.d.repo.db.prepare('VACUUM INTO ?').run(partial);
      onStep(1);
      await chmod(partial, 0o600);
      // Same connection: the copy holds every commit made before the backup completed, and this
      // runs before any other task can write, so the counts are the copy's counts.
      const source = countRows(this.d.repo.db);
      const check = checkDatabaseFile(partial, keyOf(this.d.repo.db));
      if (!check.ok)
        throw new AppError('unavailable', 'backup verification failed', {
          reason: 'backup-failed',
          problem: check.problem,
        });
      if (check.counts.cases !== source.cases || check.counts.auditLog !== source.auditLog) {
        throw new AppError('unavailable', 'backup row counts differ from the source', {
          reason: 'backup-failed',
          problem: 'count-mismatch',
        });
      }
      onStep(2);
      await rename(partial, target);
      onStep(3);
      Object.assign(record, {
        state: 'ok',
        size: (await stat(target)).size,
        counts: check.counts,
        finishedAt: this.d.now().toISOString(),
      });
      this.d.repo.insert(record);
      this.d.audit.append({
        actor,
        action: 'backup.run',
        target: `backup:${record.backupId}`,
        details: { fileName, trigger, size: record.size, counts: record.counts },
      });
      await this.rotate();
      return this.toRecord(record);
    } catch (err) {
      await rm(partial, { force: true }).catch(() => undefined);
      const problem =
        err instanceof AppError
          ? String(err.details?.problem ?? err.code)
          : err instanceof Error
            ? err.message.slice(0, 120)
            : 'error';
      Object.assign(record, { state: 'failed', error: problem, finishedAt: this.d.now().toISOString() });
      this.d.repo.insert(record);
      this.d.audit.append({
        actor,
        action: 'backup.failed',
        target: `backup:${record.backupId}`,
        details: { fileName, trigger, problem },
      });
      this.d.log.error('backup failed', { problem });
      throw err instanceof AppError
        ? err
        : new AppError('unavailable', 'backup failed', { reason: 'backup-failed', problem });
    }
  }

  /** Keeps the newest `keep` good backups; deletes older backup files in the folder. */
  private async rotate(): Promise<void> {
    const { keep } = this.d.settings.get().backup;
    const at = this.d.now().toISOString();
    for (const old of this.d.repo.kept().slice(keep)) {
      await rm(join(old.folder, old.fileName), { force: true });
      this.d.repo.markRotated(old.backupId, at);
    }
    await this.rotatePreMigration(keep);
    // Leftovers of interrupted runs.
    const folder = this.d.settings.backupFolder();
    for (const f of await readdir(folder).catch(() => [] as string[]))
      if (f.endsWith('.sqlite.partial') && BACKUP_FILE.test(f.slice(0, -8))) await rm(join(folder, f), { force: true });
  }

  /** Pre-migration copies (`backups/before-migration-*.sqlite`) fall under the same retention: the newest `keep`. */
  private async rotatePreMigration(keep: number): Promise<void> {
    const dir = join(dirname(this.d.repo.db.name), 'backups');
    const names = (await readdir(dir).catch(() => [] as string[])).filter((f) => PRE_MIGRATION_FILE.test(f));
    const dated = await Promise.all(names.map(async (f) => ({ f, at: (await stat(join(dir, f))).mtimeMs })));
    const old = dated.sort((a, b) => b.at - a.at).slice(keep);
    for (const { f } of old) await rm(join(dir, f), { force: true });
    if (old.length)
      this.d.audit.append({
        actor: SYSTEM_ACTOR,
        action: 'backup.rotate-pre-migration',
        details: { deleted: old.map((o) => o.f) },
      });
  }

  private toRecord(b: StoredBackup): BackupRecord {
    const path = join(b.folder, b.fileName);
    return {
      backupId: b.backupId,
      fileName: b.fileName,
      path,
      trigger: b.trigger,
      startedAt: b.startedAt,
      finishedAt: b.finishedAt,
      state: b.state,
      error: b.error,
      size: b.size,
      counts: b.counts,
      present: b.state === 'ok' && !b.rotatedAt && existsSync(path),
    };
  }

  /** The last good backup's age and whether it is too old (or missing). */
  status(): { lastGood: BackupRecord | null; ageHours: number | null; warning: boolean; lastRunFailed: boolean } {
    const last = this.d.repo.lastGood();
    const lastGood = last ? this.toRecord(last) : null;
    const ageHours = last
      ? Math.round(((this.d.now().getTime() - Date.parse(last.finishedAt)) / 3_600_000) * 10) / 10
      : null;
    const warning = ageHours === null || ageHours > this.d.settings.get().backup.warnAfterHours || !lastGood?.present;
    return { lastGood, ageHours, warning, lastRunFailed: this.d.repo.lastAttempt()?.state === 'failed' };
  }

  /** Whether a scheduled backup is due now. */
  due(): boolean {
    const last = this.d.repo.lastAttempt();
    const { intervalHours } = this.d.settings.get().backup;
    // After a failure, try again within the hour rather than a whole interval later.
    const waitHours = last?.state === 'failed' ? Math.min(1, intervalHours) : intervalHours;
    return !last || this.d.now().getTime() - Date.parse(last.finishedAt) >= waitHours * 3_600_000;
  }

  view(limit = 100): BackupsView {
    const s = this.d.settings.get();
    const st = this.status();
    return {
      folder: this.d.settings.backupFolder(s),
      intervalHours: s.backup.intervalHours,
      keep: s.backup.keep,
      lastGood: st.lastGood,
      lastGoodAgeHours: st.ageHours,
      warning: st.warning,
      backups: this.d.repo.list(limit).map((b) => this.toRecord(b)),
    };
  }
}
