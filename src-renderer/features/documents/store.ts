import { create } from 'zustand';
import type { CaseOutcome } from '@common/cases/case-types';
import type { DocumentKind, PrintFormat, PrintPreview, PrintResult } from '@common/printing/documents';
import type { Result } from '@common/result';
import { call } from '../../api/call';

/** The document a window outcome produces. */
export const OUTCOME_DOCUMENT: Record<CaseOutcome, DocumentKind> = {
  accepted: 'acceptance-receipt',
  incomplete: 'incomplete-notice',
  rejected: 'rejection-notice',
};

interface DocumentsState {
  /** The document as it would print next, from the same template (HTML, A4). */
  preview(caseId: string, kind: DocumentKind): Promise<Result<PrintPreview>>;
  /** Prints on the receipt printer when one is set up (receipts and notices), else on A4. */
  print(caseId: string, kind: DocumentKind): Promise<Result<PrintResult>>;
  /** A scanned file's bytes. */
  attachment(attachmentId: string): Promise<Result<{ mediaType: string; dataBase64: string }>>;
}

/** Documents and scanned files of a case: preview, print, view. */
export const useDocumentsStore = create<DocumentsState>()(() => ({
  preview: (caseId, kind) => call('print:preview', { caseId, kind, format: 'a4', as: 'html' }),

  async print(caseId, kind) {
    let format: PrintFormat = 'a4';
    if (kind === 'acceptance-receipt' || kind === 'incomplete-notice') {
      const settings = await call('printers:get', {});
      if (settings.ok && settings.value.printers.thermal !== 'none')
        format = settings.value.printers.thermalWidth === 58 ? 'thermal-58' : 'thermal-80';
    }
    return call('print:document', { caseId, kind, format });
  },

  attachment: (attachmentId) => call('attachments:get', { attachmentId }),
}));
