import { create } from 'zustand';
import type { Settings } from '@common/contract';
import type { ReadinessItem } from '@common/readiness';
import type { AppErrorData, Result } from '@common/result';
import { call } from '../../api/call';
import { useAuthStore } from '../auth/store';
import { useAppInfoStore } from '../setup/store';

interface SettingsState {
  settings: Settings | null;
  loadError: AppErrorData | null;
  load(): Promise<void>;
  save(settings: Settings): Promise<Result<Settings>>;
  /** 上线检查, as last asked. */
  readiness: { items: ReadinessItem[]; training: boolean } | null;
  readinessError: AppErrorData | null;
  loadReadiness(): Promise<void>;
}

/** The hall and the security policy, as an administrator edits them. */
export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: null,
  loadError: null,
  readiness: null,
  readinessError: null,

  async loadReadiness() {
    const result = await call('settings:readiness', {});
    set(result.ok ? { readiness: result.value, readinessError: null } : { readinessError: result.error });
  },

  async load() {
    const result = await call('settings:get', {});
    set(result.ok ? { settings: result.value, loadError: null } : { loadError: result.error });
  },

  async save(settings) {
    const result = await call('settings:update', settings);
    if (result.ok) {
      set({ settings: result.value });
      useAppInfoStore.getState().hallChanged(result.value.hall);
      // The idle-lock minutes come with the session info.
      await useAuthStore.getState().refresh();
    }
    return result;
  },
}));
