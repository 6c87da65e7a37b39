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
  /** Set once after 初始化: the recovery code the administrator must confirm they kept before going on. */
  recoveryCodeToKeep: string | null;
  load(): Promise<void>;
  initialize(input: CommandInput<'setup:initialize'>): Promise<Result<SessionInfo>>;
  /** Stages a backup (full path) to be restored when the program starts again. */
  restore(file: string, recoveryCode?: string): Promise<Result<RestoreResult>>;
  hallChanged(hall: Hall): void;
  /** The administrator confirmed the recovery code is written down: the window opens. */
  recoveryCodeKept(): void;
}

/** The signed-in session from 初始化, held back while the recovery code is on screen. */
let pendingSession: SessionInfo | null = null;

/** What the app knows before sign-in: whether this window is set up, and its hall. */
export const useAppInfoStore = create<AppInfoState>()((set, get) => ({
  info: null,
  loadError: null,
  restoreStaged: false,
  recoveryCodeToKeep: null,

  async load() {
    set({ loadError: null });
    const result = await call('app:info', {});
    if (result.ok) set({ info: result.value });
    else set({ loadError: result.error });
  },

  async initialize(input) {
    const result = await call('setup:initialize', input);
    if (result.ok) {
      const { recoveryCode, ...session } = result.value;
      const info = get().info;
      const hall = { ...input.hall, windowCode: input.hall.windowCode.toUpperCase() };
      if (recoveryCode) {
        // The setup screen stays, showing the code, until the administrator confirms it is kept.
        pendingSession = session;
        set({ recoveryCodeToKeep: recoveryCode, ...(info ? { info: { ...info, hall } } : {}) });
      } else {
        if (info) set({ info: { ...info, initialized: true, hall } });
        useAuthStore.getState().signedIn(session);
      }
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

  recoveryCodeKept() {
    const info = get().info;
    set({ recoveryCodeToKeep: null, ...(info ? { info: { ...info, initialized: true } } : {}) });
    if (pendingSession) useAuthStore.getState().signedIn(pendingSession);
    pendingSession = null;
  },

  hallChanged(hall) {
    const info = get().info;
    if (info) set({ info: { ...info, hall } });
  },
}));
