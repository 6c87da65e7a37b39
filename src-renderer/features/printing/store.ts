import { create } from 'zustand';
import type { CommandInput } from '@common/contract';
import type { DocumentKind, PrintFormat, PrintLogEntry, PrintResult } from '@common/printing/documents';
import type { PrinterStatus, PrintSettings, SystemPrinter } from '@common/printing/print-settings';
import type {
  PoolImportReport,
  WaybillAssignResult,
  WaybillPoolStatus,
  WaybillState,
  WaybillView,
} from '@common/printing/waybill';
import type { Result } from '@common/result';
import { call } from '../../api/call';

/** One print job as the panel tracks it: the retry sends the same request again (the same copy). */
export interface PrintJob {
  caseId: string;
  kind: DocumentKind;
  format: PrintFormat;
  waybillNo?: string;
}

interface PrintingState {
  /** The window's print settings (loaded once per view; admins change them). */
  settings: PrintSettings | null;
  /** Bumped after every print attempt, so the print log reloads. */
  logVersion: number;
  loadSettings(): Promise<Result<PrintSettings>>;
  saveSettings(settings: PrintSettings): Promise<Result<PrintSettings>>;
  print(job: PrintJob): Promise<Result<PrintResult>>;
  log(caseId: string): Promise<Result<PrintLogEntry[]>>;
  status(): Promise<Result<PrinterStatus[]>>;
  systemPrinters(): Promise<Result<SystemPrinter[]>>;
  test(role: 'thermal' | 'a4' | 'label'): Promise<Result<{ output: 'printer' | 'pdf'; pdfPath?: string }>>;
  pool(): Promise<Result<WaybillPoolStatus>>;
  importPool(text: string): Promise<Result<PoolImportReport>>;
  waybills(caseId: string): Promise<Result<WaybillView[]>>;
  assign(input: CommandInput<'waybills:assign'>): Promise<Result<WaybillAssignResult>>;
  setState(waybillNo: string, state: WaybillState): Promise<Result<WaybillView>>;
}

/** Printing: documents, the print log, printers and EMS waybills. */
export const usePrintingStore = create<PrintingState>()((set) => ({
  settings: null,
  logVersion: 0,

  async loadSettings() {
    const result = await call('printers:get', {});
    if (result.ok) set({ settings: result.value });
    return result;
  },

  async saveSettings(settings) {
    const result = await call('printers:update', settings);
    if (result.ok) set({ settings: result.value });
    return result;
  },

  async print(job) {
    const result = await call(
      'print:document',
      job.waybillNo
        ? { caseId: job.caseId, kind: job.kind, format: job.format, waybillNo: job.waybillNo }
        : { caseId: job.caseId, kind: job.kind, format: job.format },
    );
    set((s) => ({ logVersion: s.logVersion + 1 }));
    return result;
  },
  log: (caseId) => call('print:log', { caseId, limit: 200 }),
  status: () => call('printers:status', {}),
  systemPrinters: () => call('printers:list', {}),
  test: (role) => call('printers:test', { role }),
  pool: () => call('waybills:pool', {}),
  importPool: (text) => call('waybills:importPool', { text }),
  waybills: (caseId) => call('waybills:list', { caseId }),
  assign: (input) => call('waybills:assign', input),
  setState: (waybillNo, state) => call('waybills:setState', { waybillNo, state }),
}));

/** Thermal format of the configured receipt printer. */
export function thermalFormat(settings: PrintSettings | null): 'thermal-80' | 'thermal-58' {
  return settings?.printers.thermalWidth === 58 ? 'thermal-58' : 'thermal-80';
}

/** Label format of the configured label printer (the stock size is part of the print settings). */
export function labelFormat(settings: PrintSettings | null): 'label-76x130' | 'label-100x150' {
  return settings?.printers.labelSize ?? 'label-76x130';
}
