import { create } from 'zustand';
import type { EventPayload, SyncStatusView } from '@common/contract';
import type { Result } from '@common/result';
import { api, call } from '../../api/call';
import { useAuthStore } from '../auth/store';

/** What the header shows about the department gateway. */
export type SyncStatus = EventPayload<'sync:status'>;

interface SyncState {
  status: SyncStatus;
  /** The full view (device, district, oldest unsent case) as last read. */
  view: SyncStatusView | null;
  syncing: boolean;
  /** Asks the main process for the current status (pushes only bring changes). */
  load(): Promise<void>;
  /** 立即同步: one round with the gateway now. */
  syncNow(): Promise<Result<SyncStatusView>>;
  /** Enrols this PC with a gateway using a one-time code (administrators). */
  configure(gatewayUrl: string, code: string): Promise<Result<SyncStatusView>>;
}

const NOT_CONFIGURED: SyncStatus = {
  state: 'not-configured',
  pending: 0,
  lastSuccessAt: null,
  numberingUnverified: false,
};

const statusOf = ({ state, pending, lastSuccessAt, numberingUnverified }: SyncStatusView): SyncStatus => ({
  state,
  pending,
  lastSuccessAt,
  numberingUnverified,
});

/** The department-gateway connection as last reported by the main process; "not configured" until known. */
export const useSyncStore = create<SyncState>()((set) => {
  const apply = (result: Result<SyncStatusView>) => {
    if (result.ok) set({ status: statusOf(result.value), view: result.value });
    return result;
  };
  return {
    status: NOT_CONFIGURED,
    view: null,
    syncing: false,

    async load() {
      apply(await call('sync:status', {}));
    },

    async syncNow() {
      set({ syncing: true });
      const result = apply(await call('sync:now', {}));
      set({ syncing: false });
      return result;
    },

    configure: async (gatewayUrl, code) => apply(await call('sync:configure', { gatewayUrl, code })),
  };
});

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
