import { create } from 'zustand';
import type {
  AttachmentInfo,
  CaseDetail,
  CaseOutcome,
  CaseSummary,
  SearchKind,
  CaseSyncFilter,
} from '@common/cases/case-types';
import type { CommandInput, SupplementView } from '@common/contract';
import type { AppErrorData, Result } from '@common/result';
import { api, call } from '../../api/call';
import { useAuthStore } from '../auth/store';
import { useNavStore } from '../shell/nav-store';
import { fileProblem, readBase64, uploadName } from '../intake/files';

/** The filters of the case list as the page edits them (dates as YYYY-MM-DD, China days). */
export interface CaseFilters {
  outcome?: CaseOutcome;
  syncState?: CaseSyncFilter;
  deptStatus?: 'supplement-requested';
  matterCode?: string;
  from?: string;
  to?: string;
  clerkId?: number;
  q?: string;
}

export const PAGE_SIZE = 50;

interface CasesState {
  filters: CaseFilters;
  /** Filters the next opening of 办件查询 starts with (set by a link from elsewhere, e.g. the dashboard). */
  openingFilters: CaseFilters | null;
  page: number;
  rows: CaseSummary[];
  total: number;
  /** More cases match than `total` counts. */
  totalIsLowerBound: boolean;
  searchKind: SearchKind | null;
  loading: boolean;
  loadError: AppErrorData | null;
  /** Staff who filed cases, for the 受理人 filter. */
  clerks: { id: number; name: string }[];
  detailId: string | null;
  detail: CaseDetail | null;
  detailError: AppErrorData | null;
  search(filters: CaseFilters, page?: number): Promise<void>;
  /** Takes (and clears) the filters 办件查询 should open with. */
  takeOpeningFilters(): CaseFilters;
  reload(): Promise<void>;
  loadClerks(): Promise<void>;
  openDetail(caseId: string): Promise<void>;
  refreshDetail(): Promise<void>;
  closeDetail(): void;
  startSupplement(caseId: string): Promise<Result<SupplementView>>;
  attachSupplement(supplementId: string, materialCode: string, file: File): Promise<Result<AttachmentInfo>>;
  submitSupplement(input: CommandInput<'supplements:submit'>): Promise<Result<null>>;
}

/** The case list (today's by default), its filters and search, and the case open in the detail drawer. */
export const useCasesStore = create<CasesState>()((set, get) => {
  const addClerks = (rows: CaseSummary[]) => {
    const known = new Map(get().clerks.map((c) => [c.id, c]));
    for (const r of rows) if (!known.has(r.clerkId)) known.set(r.clerkId, { id: r.clerkId, name: r.clerkName });
    set({ clerks: [...known.values()].sort((a, b) => a.id - b.id) });
  };

  return {
    filters: {},
    openingFilters: null,
    page: 1,
    rows: [],
    total: 0,
    totalIsLowerBound: false,
    searchKind: null,
    loading: false,
    loadError: null,
    clerks: [],
    detailId: null,
    detail: null,
    detailError: null,

    async search(filters, page = 1) {
      set({ filters, page, loading: true });
      const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== ''));
      const result = await call('cases:list', { ...query, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
      if (!result.ok) return set({ loading: false, loadError: result.error });
      const { rows, total, totalIsLowerBound, searchKind } = result.value;
      set({ rows, total, totalIsLowerBound: totalIsLowerBound === true, searchKind, loading: false, loadError: null });
      addClerks(result.value.rows);
    },

    takeOpeningFilters() {
      const filters = get().openingFilters ?? {};
      set({ openingFilters: null });
      return filters;
    },

    reload: () => get().search(get().filters, get().page),

    async loadClerks() {
      // Only administrators may list accounts; supervisors pick from the clerks seen in the list.
      if (useAuthStore.getState().session?.user.role !== 'admin') return;
      const users = await call('users:list', {});
      if (users.ok)
        set({ clerks: users.value.filter((u) => u.role !== 'admin').map((u) => ({ id: u.id, name: u.displayName })) });
    },

    async openDetail(caseId) {
      set({ detailId: caseId, detail: null, detailError: null });
      const result = await call('cases:get', { caseId });
      if (get().detailId !== caseId) return;
      set(result.ok ? { detail: result.value } : { detailError: result.error });
    },

    async refreshDetail() {
      const { detailId } = get();
      if (!detailId) return;
      const result = await call('cases:get', { caseId: detailId });
      if (result.ok && get().detailId === detailId) set({ detail: result.value });
    },

    closeDetail() {
      set({ detailId: null, detail: null, detailError: null });
    },

    startSupplement: (caseId) => call('supplements:start', { caseId }),

    async attachSupplement(supplementId, materialCode, file) {
      const problem = fileProblem(file);
      if (problem) return problem;
      return call('supplements:attach', {
        supplementId,
        materialCode,
        fileName: uploadName(file.name),
        dataBase64: await readBase64(file),
      });
    },

    async submitSupplement(input) {
      const result = await call('supplements:submit', input);
      if (result.ok) await Promise.all([get().refreshDetail(), get().reload()]);
      return result;
    },
  };
});

useAuthStore.subscribe((state, previous) => {
  if (state.session?.user.id !== previous.session?.user.id) {
    useCasesStore.setState({
      filters: {},
      page: 1,
      rows: [],
      total: 0,
      totalIsLowerBound: false,
      searchKind: null,
      clerks: [],
      detailId: null,
      detail: null,
      detailError: null,
      loadError: null,
    });
  }
});

/**
 * Follows `cases:changed` from the sync loop: the list reloads when a case it shows changed (已送达,
 * a department status, 需要处理) and the open case is read again, so nobody has to press 刷新.
 */
export function followCaseChanges(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const pending = new Set<string>();
  const flush = () => {
    timer = null;
    const { rows, detailId, reload, refreshDetail } = useCasesStore.getState();
    if (rows.some((r) => pending.has(r.caseId))) void reload();
    if (detailId && pending.has(detailId)) void refreshDetail();
    pending.clear();
  };
  const stop = api.on('cases:changed', ({ caseIds }) => {
    for (const id of caseIds) pending.add(id);
    timer ??= setTimeout(flush, 250); // a burst of deliveries is one reload
  });
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}

/** Opens 办件查询 on `filters` (from the workbench or the dashboard). */
export function openCasesWith(filters: CaseFilters): void {
  useCasesStore.setState({ openingFilters: filters });
  useNavStore.getState().open('cases');
}
