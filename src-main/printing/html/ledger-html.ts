// The A4 ledger page (台账) the supervisor's ledger reuses: one landscape page of rows.
import { LEDGER_ROWS_PER_PAGE, type LedgerPage } from '@common/printing/ledger';
import { escapeHtml as e, type Templates } from './templates';

const COLUMNS = [
  'c-no',
  'c-doc',
  'c-time',
  'c-matter',
  'c-name',
  'c-id',
  'c-out',
  'c-loc',
  'c-clerk',
  'c-transfer',
] as const;

/** The body of one ledger page; short pages are padded with empty rows so every page looks alike. */
export function ledgerBodyHtml(t: Templates, page: LedgerPage): string {
  const filled = page.rows.map((r) =>
    [r.no, r.documentNo, r.time, r.matter, r.applicant, r.idMasked, r.outcome, r.locality, r.clerk, r.transfer]
      .map((v, i) => `<td class="${COLUMNS[i]}">${e(v)}</td>`)
      .join(''),
  );
  const empty = Array.from({ length: Math.max(0, LEDGER_ROWS_PER_PAGE - page.rows.length) }, () =>
    COLUMNS.map((c) => `<td class="${c}"></td>`).join(''),
  );
  return t.render('ledger-page', {
    title: page.title,
    hallName: page.hallName,
    windowLabel: page.windowLabel,
    period: page.period,
    pageNo: page.pageNo,
    pageCount: page.pageCount,
    rows: [...filled, ...empty].map((cells) => `<tr>${cells}</tr>`).join('\n'),
    printedBy: page.printedBy,
    printedAt: page.printedAt,
  });
}
