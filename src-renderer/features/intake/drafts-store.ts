import { create } from 'zustand';
import type { DraftSummary } from '@common/contract';
import type { AppErrorData, Result } from '@common/result';
import { call } from '../../api/call';
import { useAuthStore } from '../auth/store';

interface DraftsState {
  drafts: DraftSummary[];
  loadError: AppErrorData | null;
  load(): Promise<void>;
  discard(caseId: string): Promise<Result<null>>;
}

/** The signed-in clerk's unfinished drafts, newest first; they survive restarts and crashes (they are in the database). */
export const useDraftsStore = create<DraftsState>()((set, get) => ({
  drafts: [],
  loadError: null,

  async load() {
    const result = await call('drafts:list', {});
    set(result.ok ? { drafts: result.value, loadError: null } : { loadError: result.error });
  },

  async discard(caseId) {
    const result = await call('drafts:discard', { caseId });
    if (result.ok) set({ drafts: get().drafts.filter((d) => d.caseId !== caseId) });
    return result;
  },
}));

useAuthStore.subscribe((state, previous) => {
  if (state.session?.user.id !== previous.session?.user.id) useDraftsStore.setState({ drafts: [], loadError: null });
});
