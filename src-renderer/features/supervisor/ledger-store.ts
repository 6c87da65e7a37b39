import { create } from 'zustand';
import type { CommandInput } from '@common/contract';
import type { AppErrorData, Result } from '@common/result';
import type { ClosedDayInfo, DayVerification, ExportResult, LedgerView } from '@common/supervisor/views';
import { chinaDate } from '@common/time';
import { call } from '../../api/call';
import { saveDownload } from './download';

/** The ledger's scope: one day or a range, optionally one window or clerk. */
export interface LedgerScope {
  date?: string;
  from?: string;
  to?: string;
  windowCode?: string;
  clerkId?: number;
}

export const LEDGER_PAGE_SIZE = 50;

interface LedgerState {
  scope: LedgerScope;
  page: number;
  view: LedgerView | null;
  loading: boolean;
  loadError: AppErrorData | null;
  verification: DayVerification | null;
  load(scope?: LedgerScope, page?: number): Promise<void>;
  exportAs(format: 'xlsx' | 'csv' | 'pdf'): Promise<Result<ExportResult>>;
  closeDay(date: string): Promise<Result<ClosedDayInfo>>;
  /** How many of the day's cases have not reached the department yet (saved here, sending or 需要处理). */
  unsentOn(date: string): Promise<number>;
  verifyDay(date: string): Promise<Result<DayVerification>>;
  reopenDay(date: string, reason: string): Promise<Result<ClosedDayInfo>>;
}

/** 工作台账: the current scope's summary and one page of rows. */
export const useLedgerStore = create<LedgerState>()((set, get) => ({
  scope: { date: chinaDate(new Date()) },
  page: 1,
  view: null,
  loading: false,
  loadError: null,
  verification: null,

  async load(scope = get().scope, page = 1) {
    set({ scope, page, loading: true, verification: scope === get().scope ? get().verification : null });
    const input = {
      ...scope,
      limit: LEDGER_PAGE_SIZE,
      offset: (page - 1) * LEDGER_PAGE_SIZE,
    } as CommandInput<'ledger:get'>;
    const result = await call('ledger:get', input);
    set(
      result.ok ? { view: result.value, loading: false, loadError: null } : { loading: false, loadError: result.error },
    );
  },

  async exportAs(format) {
    const exported = await call('ledger:export', { ...get().scope, format } as CommandInput<'ledger:export'>);
    if (!exported.ok) return exported;
    const download = await call('exports:download', { exportId: exported.value.exportId });
    if (!download.ok) return download;
    saveDownload(download.value);
    return exported;
  },

  async closeDay(date) {
    const result = await call('ledger:closeDay', { date });
    if (result.ok) await get().load();
    return result;
  },

  async unsentOn(date) {
    const result = await call('cases:list', { from: date, to: date, syncState: 'undelivered', limit: 1, offset: 0 });
    return result.ok ? result.value.total : 0;
  },

  async verifyDay(date) {
    const result = await call('ledger:verifyDay', { date });
    set({ verification: result.ok ? result.value : null });
    return result;
  },

  async reopenDay(date, reason) {
    const result = await call('ledger:reopenDay', { date, reason });
    if (result.ok) await get().load();
    return result;
  },
}));
