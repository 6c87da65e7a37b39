// The ledger as the supervisor reads it: a page of rows, the whole scope's summary, the closed
// days in the scope and the adjustments recorded during it.
import type { LedgerAdjustment, LedgerScope } from '@common/supervisor/ledger';
import type { LedgerSummary } from '@common/supervisor/ledger-summary';
import type { LedgerView } from '@common/supervisor/views';
import { chinaDayStartIso, nextDate } from '@common/time';
import type { LedgerRepo } from './ledger-repo';
import { scanScope } from './ledger-source';

/** Most adjustments listed with one ledger view or export. */
export const MAX_LISTED_ADJUSTMENTS = 2000;

/** Reads ledgers. */
export class LedgerService {
  constructor(private readonly d: { repo: LedgerRepo; hallName: () => string; now: () => Date }) {}

  /** A page of the ledger of a scope, with the scope's summary. */
  async view(scope: LedgerScope, page: { offset: number; limit: number }): Promise<LedgerView> {
    const scan = await scanScope(this.d.repo, scope, page);
    return {
      from: scope.from,
      to: scope.to,
      windowCode: scope.windowCode ?? null,
      clerkId: scope.clerkId ?? null,
      hallName: this.d.hallName(),
      generatedAt: this.d.now().toISOString(),
      summary: this.withLive(scan.totals, scope),
      total: scan.total,
      rows: scan.rows,
      closedDays: this.d.repo.closedDays(scope.from, scope.to),
      adjustments: this.adjustmentsDuring(scope),
    };
  }

  /** Adds the live part of the summary (差评 follow-ups still open). */
  withLive(totals: Omit<LedgerSummary, 'poorAwaitingFollowUp'>, scope: LedgerScope): LedgerSummary {
    return { ...totals, poorAwaitingFollowUp: this.d.repo.openFollowUps(scope.from, scope.to, scope) };
  }

  /** Corrections to closed days recorded during the scope's days (China time). */
  adjustmentsDuring(scope: LedgerScope): LedgerAdjustment[] {
    return this.d.repo.adjustmentsRecorded(
      chinaDayStartIso(scope.from),
      chinaDayStartIso(nextDate(scope.to)),
      MAX_LISTED_ADJUSTMENTS,
    );
  }
}
