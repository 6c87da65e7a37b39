import { create } from 'zustand';
import type { AppErrorData, Result } from '@common/result';
import type { BackupRecord, BackupsView, DashboardView, RestoreResult } from '@common/supervisor/views';
import { call } from '../../api/call';

interface DashboardState {
  view: DashboardView | null;
  loading: boolean;
  loadError: AppErrorData | null;
  backups: BackupsView | null;
  backupsError: AppErrorData | null;
  load(): Promise<void>;
  loadBackups(): Promise<void>;
  runBackup(): Promise<Result<BackupRecord>>;
  restore(file: string): Promise<Result<RestoreResult>>;
}

/** 监控看板 and the backups section. */
export const useDashboardStore = create<DashboardState>()((set, get) => ({
  view: null,
  loading: false,
  loadError: null,
  backups: null,
  backupsError: null,

  async load() {
    set({ loading: true });
    const result = await call('dashboard:get', {});
    set(
      result.ok ? { view: result.value, loading: false, loadError: null } : { loading: false, loadError: result.error },
    );
  },

  async loadBackups() {
    const result = await call('backups:list', {});
    set(result.ok ? { backups: result.value, backupsError: null } : { backupsError: result.error });
  },

  async runBackup() {
    const result = await call('backups:run', {});
    await Promise.all([get().loadBackups(), get().load()]);
    return result;
  },

  restore: (file) => call('backups:restore', { file }),
}));
