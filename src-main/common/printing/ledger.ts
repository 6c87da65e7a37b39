// The A4 ledger page (台账): one row per case, personal numbers masked. The supervisor's ledger
// feature decides which cases and how many pages; this module turns rows into printable facts.
import { CASE_OUTCOME_LABELS_ZH, type CaseSummary } from '../cases/case-types';
import { documentNumberOf } from '../cases/document-number';

/** One printed ledger row. */
export interface LedgerRow {
  no: number;
  documentNo: string;
  time: string;
  matter: string;
  applicant: string;
  idMasked: string;
  outcome: string;
  locality: string;
  clerk: string;
  transfer: string;
}

/** One ledger page. */
export interface LedgerPage {
  title: string;
  period: string;
  hallName: string;
  windowLabel: string;
  rows: LedgerRow[];
  pageNo: number;
  pageCount: number;
  printedAt: string;
  printedBy: string;
}

/** Rows that fit on one A4 landscape page at the template's row height. */
export const LEDGER_ROWS_PER_PAGE = 15;

/** China wall-clock 'HH:MM' of an ISO instant. */
function chinaTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(11, 16);
}

/** Turns case summaries (already masked) into ledger rows numbered from `firstNo`. */
export function ledgerRowsOf(
  cases: readonly CaseSummary[],
  waybillOf: (caseId: string) => string | null,
  firstNo = 1,
): LedgerRow[] {
  return cases.map((c, i) => {
    const waybill = waybillOf(c.caseId);
    return {
      no: firstNo + i,
      documentNo: documentNumberOf(c),
      time: `${c.businessDate.slice(5)} ${chinaTime(c.decidedAt)}`,
      matter: `${c.matterName}／${c.situationName}`,
      applicant: c.applicantName,
      idMasked: c.applicantIdMasked,
      outcome: CASE_OUTCOME_LABELS_ZH[c.outcome],
      locality: c.departmentName ?? '—',
      clerk: c.clerkName,
      transfer: waybill ? `EMS ${waybill}` : c.outcome === 'accepted' ? '网上流转' : '—',
    };
  });
}

/** Splits rows into pages of LEDGER_ROWS_PER_PAGE. */
export function paginateLedger(rows: readonly LedgerRow[], perPage = LEDGER_ROWS_PER_PAGE): LedgerRow[][] {
  const pages: LedgerRow[][] = [];
  for (let i = 0; i < rows.length; i += perPage) pages.push(rows.slice(i, i + perPage));
  return pages.length ? pages : [[]];
}
