// The rows of a ledger scope, day by day: a closed day's rows come from its frozen snapshot, an
// open day's from the live tables. Yields pages and lets the event loop run between them, so a
// month never sits in memory and the connection is never held across an await.
import { deptStatusLabel, eachDate, type LedgerEntry, type LedgerScope } from '@common/supervisor/ledger';
import { ColumnFit } from '@common/supervisor/ledger-columns';
import { SummaryBuilder } from '@common/supervisor/ledger-summary';
import type { ClosedDayInfo } from '@common/supervisor/views';
import type { LedgerRepo, LiveCursor } from './ledger-repo';
import { yieldToEventLoop } from '../db/statements';

/** Pages of rows of a scope, in ledger order (day, decision time, case id). */
export async function* ledgerPages(repo: LedgerRepo, scope: LedgerScope): AsyncGenerator<LedgerEntry[]> {
  const filter = {
    ...(scope.windowCode ? { windowCode: scope.windowCode } : {}),
    ...(scope.clerkId ? { clerkId: scope.clerkId } : {}),
  };
  for (const date of eachDate(scope.from, scope.to)) {
    const closed = repo.closedDay(date);
    if (closed) {
      yield* snapshotPages(repo, closed, filter);
      continue;
    }
    let after: LiveCursor | null = null;
    for (;;) {
      const page = repo.livePage(date, filter, after);
      if (!page.length) break;
      yield page;
      const last = page[page.length - 1] as LedgerEntry;
      after = { decidedAt: last.decidedAt, caseId: last.caseId };
      await yieldToEventLoop();
    }
  }
}

async function* snapshotPages(
  repo: LedgerRepo,
  closed: ClosedDayInfo,
  filter: { windowCode?: string; clerkId?: number },
): AsyncGenerator<LedgerEntry[]> {
  let after = 0;
  for (;;) {
    const page = repo.snapshotPage(closed.date, closed.version, after);
    if (!page.length) return;
    after = (page[page.length - 1] as { position: number }).position;
    const rows = page
      .map((p) => JSON.parse(p.row) as LedgerEntry)
      .filter(
        (r) =>
          (!filter.windowCode || r.windowCode === filter.windowCode) &&
          (!filter.clerkId || r.clerkId === filter.clerkId),
      );
    if (rows.length) yield rows;
    await yieldToEventLoop();
  }
}

/** A fresh summary builder with the Chinese department-status names. */
export const newSummary = () => new SummaryBuilder((status) => (status ? deptStatusLabel(status) : '尚无部门状态'));

/** Reads a whole scope once: its summary, its row count, and the rows in [offset, offset + limit). */
export async function scanScope(
  repo: LedgerRepo,
  scope: LedgerScope,
  page: { offset: number; limit: number } = { offset: 0, limit: 0 },
) {
  const summary = newSummary();
  const fit = new ColumnFit();
  const rows: LedgerEntry[] = [];
  let n = 0;
  for await (const chunk of ledgerPages(repo, scope)) {
    for (const row of chunk) {
      summary.add(row);
      fit.add(row, n + 1);
      if (n >= page.offset && rows.length < page.limit) rows.push(row);
      n += 1;
    }
  }
  return { totals: summary.totals(), total: n, rows, fit };
}
