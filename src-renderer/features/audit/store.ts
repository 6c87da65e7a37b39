import { create } from 'zustand';
import type { AuditEntry, AuditVerification } from '@common/audit';
import type { AppErrorData } from '@common/result';
import { call } from '../../api/call';

/** The audit filters as the page edits them (dates as YYYY-MM-DD, China days). */
export interface AuditFilters {
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
}

const PAGE_SIZE = 100;

interface AuditState {
  filters: AuditFilters;
  entries: AuditEntry[];
  hasMore: boolean;
  loading: boolean;
  loadError: AppErrorData | null;
  verification: AuditVerification | null;
  verifyError: AppErrorData | null;
  verifying: boolean;
  search(filters: AuditFilters): Promise<void>;
  loadMore(): Promise<void>;
  verify(): Promise<void>;
}

/** The hash-chained audit log, newest first, for supervisors and administrators. */
export const useAuditStore = create<AuditState>()((set, get) => {
  const fetchPage = async (filters: AuditFilters, beforeSeq?: number) => {
    set({ loading: true });
    const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''));
    const result = await call('audit:list', { ...query, limit: PAGE_SIZE, ...(beforeSeq ? { beforeSeq } : {}) });
    if (!result.ok) return set({ loading: false, loadError: result.error });
    const entries = beforeSeq ? [...get().entries, ...result.value] : result.value;
    set({ entries, hasMore: result.value.length === PAGE_SIZE, loading: false, loadError: null });
  };

  return {
    filters: {},
    entries: [],
    hasMore: false,
    loading: false,
    loadError: null,
    verification: null,
    verifyError: null,
    verifying: false,

    async search(filters) {
      set({ filters });
      await fetchPage(filters);
    },

    async loadMore() {
      const last = get().entries.at(-1);
      if (last) await fetchPage(get().filters, last.seq);
    },

    async verify() {
      set({ verifying: true, verification: null, verifyError: null });
      const result = await call('audit:verify', {});
      set(
        result.ok ? { verification: result.value, verifying: false } : { verifyError: result.error, verifying: false },
      );
    },
  };
});
