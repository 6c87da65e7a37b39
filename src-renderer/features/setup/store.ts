import { create } from 'zustand';
import type { SessionInfo } from '@common/accounts';
import type { AppInfo, CommandInput } from '@common/contract';
import type { RestoreResult } from '@common/supervisor/views';
import type { Hall } from '@common/hall';
import type { AppErrorData, Result } from '@common/result';
import { call } from '../../api/call';
import { useAuthStore } from '../auth/store';

interface AppInfoState {
  info: AppInfo | null;
  loadError: AppErrorData | null;
  /** A backup was staged from the first-run screen: the window is restored at the next start, not set up. */
  restoreStaged: boolean;
  load(): Promise<void>;
  initialize(input: CommandInput<'setup:initialize'>): Promise<Result<SessionInfo>>;
  /** Stages a backup (full path) to be restored when the program starts again. */
  restore(file: string, recoveryCode?: string): Promise<Result<RestoreResult>>;
  hallChanged(hall: Hall): void;
}

/** What the app knows before sign-in: whether this window is set up, and its hall. */
export const useAppInfoStore = create<AppInfoState>()((set, get) => ({
  info: null,
  loadError: null,
  restoreStaged: false,

  async load() {
    set({ loadError: null });
    const result = await call('app:info', {});
    if (result.ok) set({ info: result.value });
    else set({ loadError: result.error });
  },

  async initialize(input) {
    const result = await call('setup:initialize', input);
    if (result.ok) {
      const info = get().info;
      if (info)
        set({
          info: {
            ...info,
            initialized: true,
            hall: { ...input.hall, windowCode: input.hall.windowCode.toUpperCase() },
          },
        });
      useAuthStore.getState().signedIn(result.value);
    } else if (result.error.code === 'already-initialized') {
      await get().load();
    }
    return result;
  },

  async restore(file, recoveryCode) {
    const result = await call('setup:restore', recoveryCode ? { file, recoveryCode } : { file });
    if (result.ok) set({ restoreStaged: true });
    return result;
  },

  hallChanged(hall) {
    const info = get().info;
    if (info) set({ info: { ...info, hall } });
  },
}));
