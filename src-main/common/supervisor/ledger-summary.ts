// The ledger summary (汇总): counts by matter, outcome, department status, clerk and window, the
// average time at the counter, unsent cases and ratings. Built row by row so a month never has
// to be held in memory.
import type { CaseOutcome } from '../cases/case-types';
import type { LedgerEntry } from './ledger';

/** A count under a key, with the key's display name. */
export interface KeyedCount {
  key: string;
  name: string;
  count: number;
}

/** Counts of one clerk. */
export interface ClerkCount {
  clerkId: number;
  clerkName: string;
  count: number;
  accepted: number;
  incomplete: number;
  rejected: number;
  avgCounterSeconds: number | null;
}

/** The ledger summary. `poorAwaitingFollowUp` is live (follow-ups still open now), not a fact of the rows. */
export interface LedgerSummary {
  cases: number;
  byOutcome: Record<CaseOutcome, number>;
  byMatter: KeyedCount[];
  /** Key 'none' for cases the department has not reported on yet. */
  byDeptStatus: KeyedCount[];
  byClerk: ClerkCount[];
  byWindow: KeyedCount[];
  /** Mean seconds from opening the draft to the decision, over cases decided the day they were opened. */
  avgCounterSeconds: number | null;
  /** Accepted cases not yet delivered to the gateway. */
  unsent: number;
  ratings: { count: number; poor: number; byLevel: Record<'1' | '2' | '3' | '4' | '5', number> };
  /** Cases with 陪办 and cases served by 错时/延时 appointment (absent in days closed before they were counted). */
  byService?: { accompanied: number; offHours: number };
  poorAwaitingFollowUp: number;
}

/** The facts of a closed day that go into its audit entry (the summary without live parts). */
export type DayTotals = Omit<LedgerSummary, 'poorAwaitingFollowUp'>;

const byCountThenKey = (a: KeyedCount, b: KeyedCount) => b.count - a.count || a.key.localeCompare(b.key);

/** Accumulates a summary one row at a time. */
export class SummaryBuilder {
  private cases = 0;
  private readonly outcome: Record<CaseOutcome, number> = { accepted: 0, incomplete: 0, rejected: 0 };
  private readonly matter = new Map<string, KeyedCount>();
  private readonly dept = new Map<string, KeyedCount>();
  private readonly window = new Map<string, KeyedCount>();
  private readonly clerk = new Map<number, ClerkCount & { seconds: number; timed: number }>();
  private seconds = 0;
  private timed = 0;
  private unsent = 0;
  private readonly service = { accompanied: 0, offHours: 0 };
  private readonly levels = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };

  constructor(private readonly deptLabel: (status: string | null) => string) {}

  add(row: LedgerEntry): void {
    this.cases += 1;
    this.outcome[row.outcome] += 1;
    bump(this.matter, row.matterCode, row.matterName);
    bump(this.dept, row.deptStatus ?? 'none', this.deptLabel(row.deptStatus));
    bump(this.window, row.windowCode, row.windowCode);
    const c = this.clerk.get(row.clerkId) ?? {
      clerkId: row.clerkId,
      clerkName: row.clerkName,
      count: 0,
      accepted: 0,
      incomplete: 0,
      rejected: 0,
      avgCounterSeconds: null,
      seconds: 0,
      timed: 0,
    };
    c.count += 1;
    c[row.outcome] += 1;
    if (row.counterSeconds !== null) {
      c.seconds += row.counterSeconds;
      c.timed += 1;
      this.seconds += row.counterSeconds;
      this.timed += 1;
    }
    this.clerk.set(row.clerkId, c);
    if (row.outcome === 'accepted' && row.syncState !== 'delivered') this.unsent += 1;
    if (row.rating !== null) this.levels[String(row.rating) as keyof typeof this.levels] += 1;
    if (row.services?.includes('accompanied')) this.service.accompanied += 1;
    if (row.services?.includes('off-hours')) this.service.offHours += 1;
  }

  /** The totals of the rows added so far. */
  totals(): DayTotals {
    const ratingCount = Object.values(this.levels).reduce((a, b) => a + b, 0);
    return {
      cases: this.cases,
      byOutcome: { ...this.outcome },
      byMatter: [...this.matter.values()].sort(byCountThenKey),
      byDeptStatus: [...this.dept.values()].sort(byCountThenKey),
      byWindow: [...this.window.values()].sort(byCountThenKey),
      byClerk: [...this.clerk.values()]
        .map(({ seconds, timed, ...c }) => ({ ...c, avgCounterSeconds: timed ? Math.round(seconds / timed) : null }))
        .sort((a, b) => b.count - a.count || a.clerkId - b.clerkId),
      avgCounterSeconds: this.timed ? Math.round(this.seconds / this.timed) : null,
      unsent: this.unsent,
      ratings: { count: ratingCount, poor: this.levels['1'] + this.levels['2'], byLevel: { ...this.levels } },
      byService: { ...this.service },
    };
  }
}

function bump(map: Map<string, KeyedCount>, key: string, name: string): void {
  const entry = map.get(key) ?? { key, name, count: 0 };
  entry.count += 1;
  map.set(key, entry);
}

/** 'M分S秒' for a duration in seconds, '—' for none. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m ? `${m}分${s}秒` : `${s}秒`;
}
