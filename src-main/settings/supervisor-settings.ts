// The supervisor tools' settings, stored under one key of the settings table.
import { isAbsolute, join } from 'node:path';
import type { Actor, AuditLog } from '../audit/audit-log';
import { AppError } from '@common/errors';
import {
  DEFAULT_SUPERVISOR_SETTINGS,
  supervisorSettingsSchema,
  type SupervisorSettings,
} from '@common/supervisor/settings';
import type { SettingsRepo } from './settings-repo';

const KEY = 'supervisor';

/** Reads and writes the supervisor settings. */
export class SupervisorSettingsStore {
  constructor(
    private readonly repo: SettingsRepo,
    private readonly audit: AuditLog,
    private readonly dataDir: string,
  ) {}

  get(): SupervisorSettings {
    return this.repo.get(KEY, supervisorSettingsSchema) ?? DEFAULT_SUPERVISOR_SETTINGS;
  }

  /** The folder scheduled backups go to. */
  backupFolder(s: SupervisorSettings = this.get()): string {
    return s.backup.folder ?? join(this.dataDir, 'backups', 'scheduled');
  }

  update(actor: Actor, next: SupervisorSettings): SupervisorSettings {
    if (next.backup.folder !== null && !isAbsolute(next.backup.folder)) {
      throw new AppError('invalid-input', 'the backup folder must be an absolute path', {
        fields: [{ path: 'backup.folder', code: 'path-not-absolute' }],
      });
    }
    const before = this.get();
    this.repo.set(KEY, next);
    const changed = (Object.keys(next) as (keyof SupervisorSettings)[]).filter(
      (k) => JSON.stringify(before[k]) !== JSON.stringify(next[k]),
    );
    this.audit.append({ actor, action: 'supervisor.settings-update', details: { changed, settings: next } });
    return next;
  }
}
