import { create } from 'zustand';
import type { EventPayload } from '../../../src-main/common/contract';
import { api, call } from '../../api/call';
import { useAuthStore } from '../auth/store';

/** What the header shows about the department gateway. */
export type SyncStatus = EventPayload<'sync:status'>;

interface SyncState {
  status: SyncStatus;
  /** Asks the main process for the current status (pushes only bring changes). */
  load(): Promise<void>;
}

const NOT_CONFIGURED: SyncStatus = { state: 'not-configured', pending: 0, lastSuccessAt: null };

/** The department-gateway connection as last reported by the main process; "not configured" until known. */
export const useSyncStore = create<SyncState>()((set) => ({
  status: NOT_CONFIGURED,
  async load() {
    const result = await call('sync:status', {});
    if (result.ok) {
      const { state, pending, lastSuccessAt } = result.value;
      set({ status: { state, pending, lastSuccessAt } });
    }
  },
}));

/** Follows `sync:status` pushes, and reads the status whenever someone signs in. */
export function followSyncStatus(): () => void {
  const stopEvents = api.on('sync:status', (status) => useSyncStore.setState({ status }));
  const stopAuth = useAuthStore.subscribe((state, previous) => {
    if (state.session && state.session.user.id !== previous.session?.user.id) void useSyncStore.getState().load();
  });
  return () => {
    stopEvents();
    stopAuth();
  };
}
