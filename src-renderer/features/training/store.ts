import { create } from 'zustand';
import type { AppErrorData } from '@common/result';
import { call } from '../../api/call';
import { useAuthStore } from '../auth/store';
import { useAppInfoStore } from '../setup/store';

interface TrainingState {
  busy: boolean;
  error: AppErrorData | null;
  /** Opens the training (or the live) data folder; the caller signs in again there. */
  switchMode(training: boolean): Promise<boolean>;
  /** The trainer empties the training folder; everyone in it signs in again. */
  reset(): Promise<boolean>;
}

/** 培训模式 at sign-in and the trainer's reset. */
export const useTrainingStore = create<TrainingState>()((set) => ({
  busy: false,
  error: null,
  async switchMode(training) {
    set({ busy: true, error: null });
    const result = await call('training:switch', { training });
    set({ busy: false, error: result.ok ? null : result.error });
    if (!result.ok) return false;
    useAppInfoStore.setState({ info: result.value });
    useAuthStore.getState().markSignedOut();
    return true;
  },
  async reset() {
    set({ busy: true, error: null });
    const result = await call('training:reset', {});
    set({ busy: false, error: result.ok ? null : result.error });
    if (result.ok) useAuthStore.getState().markSignedOut();
    return result.ok;
  },
}));
