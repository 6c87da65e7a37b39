// The supervisor's dashboard: today's counts, the sync backlog and its oldest case, device status
// per window, ratings, follow-ups, backups and the days still to close.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Hall } from '@common/hall';
import type { HolidayCalendar } from '@common/printing/holiday-data';
import { addWorkingDays } from '@common/printing/working-days';
import type { PrinterStatus } from '@common/printing/print-settings';
import type { DashboardView } from '@common/supervisor/views';
import { chinaDate, chinaDayStartIso, nextDate } from '@common/time';
import type { BackupService } from '../backup/backup-service';
import type { LedgerRepo } from '../ledger/ledger-repo';
import type { RatingsRepo } from '../ratings/ratings-repo';
import { Statements } from '../db/statements';

/** The ID-card reader's state, when the identity module reports one. */
export type ReaderStatus = DashboardView['windows'][number]['reader'];

/** What the dashboard reads. */
export interface DashboardDeps {
  db: Database.Database;
  ledger: LedgerRepo;
  ratings: RatingsRepo;
  backups: BackupService;
  calendar: HolidayCalendar;
  hall: () => Hall;
  syncState: () => { state: string; lastSuccessAt: string | null; pendingRecords: number };
  printers: () => Promise<PrinterStatus[]>;
  reader: () => Promise<ReaderStatus>;
  reenrolmentFlaggedAt: () => string | null;
  deviceEnrolledAt: () => string | null;
  now: () => Date;
}

/** Builds the dashboard. */
export class Dashboard {
  private readonly s: Statements;

  constructor(private readonly d: DashboardDeps) {
    this.s = new Statements(d.db);
  }

  async view(): Promise<DashboardView> {
    const now = this.d.now();
    const today = chinaDate(now);
    const hall = this.d.hall();
    const counts = this.s
      .get<[string], { total: number; accepted: number; incomplete: number; rejected: number }>(
        `SELECT count(*) AS total, coalesce(sum(outcome = 'accepted'), 0) AS accepted, coalesce(sum(outcome = 'incomplete'), 0) AS incomplete,
           coalesce(sum(outcome = 'rejected'), 0) AS rejected FROM cases WHERE business_date = ?`,
      )
      .get(today)!;
    const timing = this.s
      .get<[string, string], { secs: number | null }>(
        `SELECT avg((julianday(decided_at) - julianday(started_at)) * 86400.0) AS secs FROM cases
         WHERE business_date = ? AND started_at >= ? AND decided_at >= started_at`,
      )
      .get(today, chinaDayStartIso(today))!;
    const backlog = this.s
      .get<[], { n: number; attention: number }>(
        `SELECT count(*) AS n, coalesce(sum(sync_state = 'needs-attention'), 0) AS attention FROM cases WHERE outcome = 'accepted' AND sync_state <> 'delivered'`,
      )
      .get()!;
    const oldest = this.s
      .get<[], { case_id: string; receipt_no: string | null; decided_at: string }>(
        `SELECT case_id, receipt_no, decided_at FROM cases WHERE outcome = 'accepted' AND sync_state <> 'delivered' ORDER BY decided_at LIMIT 1`,
      )
      .get();
    const levels = this.d.ratings.levelCounts(chinaDayStartIso(today), chinaDayStartIso(nextDate(today)));
    const byLevel = {
      '1': levels['1'] ?? 0,
      '2': levels['2'] ?? 0,
      '3': levels['3'] ?? 0,
      '4': levels['4'] ?? 0,
      '5': levels['5'] ?? 0,
    };
    const rated = Object.values(byLevel).reduce((a, b) => a + b, 0);
    const soon = addWorkingDays(today, 2, this.d.calendar).date;
    const follow = this.d.ratings.openCounts(today, soon);
    const backup = this.d.backups.status();
    const sync = this.d.syncState();
    const flagged = this.d.reenrolmentFlaggedAt();
    const enrolledAt = this.d.deviceEnrolledAt();
    const [printers, reader] = await Promise.all([
      this.d.printers().catch(() => [] as PrinterStatus[]),
      this.d.reader().catch((): ReaderStatus => ({ state: 'unknown', driver: null, detail: 'status-failed' })),
    ]);
    const fortnightAgo = new Date(Date.parse(`${today}T00:00:00Z`) - 13 * 86_400_000).toISOString().slice(0, 10);
    return {
      date: today,
      generatedAt: now.toISOString(),
      today: {
        ...counts,
        avgCounterSeconds: timing.secs === null ? null : Math.round(timing.secs),
        closed: this.d.ledger.closedDay(today) !== null,
      },
      sync: {
        state: sync.state,
        backlog: backlog.n,
        unsentRecords: sync.pendingRecords,
        needsAttention: backlog.attention,
        oldestUnsent: oldest
          ? {
              caseId: oldest.case_id,
              documentNo: oldest.receipt_no,
              decidedAt: oldest.decided_at,
              ageMinutes: Math.max(0, Math.round((now.getTime() - Date.parse(oldest.decided_at)) / 60_000)),
            }
          : null,
        lastSuccessAt: sync.lastSuccessAt,
        reenrolmentRequired: flagged !== null && !(enrolledAt !== null && enrolledAt > flagged),
      },
      windows: [{ windowCode: hall.windowCode, windowNo: hall.windowNo, printers, reader }],
      ratings: {
        today: rated,
        poorToday: byLevel['1'] + byLevel['2'],
        satisfactionRate: rated ? Math.round(((byLevel['3'] + byLevel['4'] + byLevel['5']) / rated) * 1000) / 10 : null,
        byLevel,
      },
      followUps: { open: follow.open, overdue: follow.overdue, dueWithin2WorkingDays: follow.dueSoon },
      backups: {
        lastGoodAt: backup.lastGood?.finishedAt ?? null,
        ageHours: backup.ageHours,
        warning: backup.warning,
        lastRunFailed: backup.lastRunFailed,
      },
      unclosedDays: this.d.ledger.unclosedDays(fortnightAgo, today).filter((d) => d < today),
    };
  }
}
