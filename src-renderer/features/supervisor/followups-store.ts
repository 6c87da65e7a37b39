import { create } from 'zustand';
import type { CommandInput } from '@common/contract';
import type { AppErrorData, Result } from '@common/result';
import type { FollowUpDetail, FollowUpView, RatingView } from '@common/supervisor/views';
import { chinaDate } from '@common/time';
import { call } from '../../api/call';

export type FollowUpFilter = 'open' | 'overdue' | 'done' | 'all';

interface FollowUpsState {
  filter: FollowUpFilter;
  rows: FollowUpView[];
  loading: boolean;
  loadError: AppErrorData | null;
  detailId: string | null;
  detail: FollowUpDetail | null;
  detailError: AppErrorData | null;
  ratings: RatingView[];
  ratingsError: AppErrorData | null;
  load(filter?: FollowUpFilter): Promise<void>;
  loadRatings(): Promise<void>;
  openDetail(followUpId: string): Promise<void>;
  closeDetail(): void;
  record(input: CommandInput<'followups:record'>): Promise<Result<FollowUpView>>;
}

/** 好差评回访: the follow-ups of poor ratings and the recent ratings. */
export const useFollowUpsStore = create<FollowUpsState>()((set, get) => ({
  filter: 'open',
  rows: [],
  loading: false,
  loadError: null,
  detailId: null,
  detail: null,
  detailError: null,
  ratings: [],
  ratingsError: null,

  async load(filter = get().filter) {
    set({ filter, loading: true });
    const result = await call('followups:list', { filter, limit: 200, offset: 0 });
    set(
      result.ok ? { rows: result.value, loading: false, loadError: null } : { loading: false, loadError: result.error },
    );
  },

  async loadRatings() {
    const today = chinaDate(new Date());
    const from = chinaDate(new Date(Date.now() - 29 * 86_400_000));
    const result = await call('ratings:list', { from, to: today, limit: 200, offset: 0 });
    set(result.ok ? { ratings: result.value, ratingsError: null } : { ratingsError: result.error });
  },

  async openDetail(followUpId) {
    set({ detailId: followUpId, detail: null, detailError: null });
    const result = await call('followups:get', { followUpId });
    if (get().detailId !== followUpId) return;
    set(result.ok ? { detail: result.value } : { detailError: result.error });
  },

  closeDetail: () => set({ detailId: null, detail: null, detailError: null }),

  async record(input) {
    const result = await call('followups:record', input);
    if (result.ok) {
      await Promise.all([get().openDetail(input.followUpId), get().load()]);
    }
    return result;
  },
}));
