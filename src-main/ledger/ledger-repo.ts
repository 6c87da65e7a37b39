// SQL for the ledger: live rows of a day (keyset pages), closed-day snapshots, adjustments.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { LedgerAdjustment, LedgerEntry } from '@common/supervisor/ledger';
import type { DayTotals } from '@common/supervisor/ledger-summary';
import type { ClosedDayInfo } from '@common/supervisor/views';
import { ledgerEntryOf, LIVE_COLUMNS, LIVE_DAY_SQL, type LiveRow } from './ledger-rows';
import { Statements } from '../db/statements';
import { documentNumberSql } from '@common/cases/document-number';

/** Rows per keyset page: bounds memory and how long the connection is held at a time. */
export const LEDGER_CHUNK = 1000;

/** Where the previous page ended. */
export interface LiveCursor {
  decidedAt: string;
  caseId: string;
}

interface ClosedRow {
  business_date: string;
  version: number;
  ledger_hash: string;
  totals: string;
  row_count: number;
  closed_at: string;
  closed_by_name: string;
  audit_seq: number;
  adjustments_after: number;
  reopened_at: string | null;
  reopened_by_name: string | null;
  reopen_reason: string | null;
}

const toClosed = (r: ClosedRow): ClosedDayInfo => ({
  date: r.business_date,
  version: r.version,
  ledgerHash: r.ledger_hash,
  totals: JSON.parse(r.totals) as DayTotals,
  rowCount: r.row_count,
  closedAt: r.closed_at,
  closedBy: r.closed_by_name,
  auditSeq: r.audit_seq,
  adjustmentsAfter: r.adjustments_after,
  reopenedAt: r.reopened_at,
  reopenedBy: r.reopened_by_name,
  reopenReason: r.reopen_reason,
});

/** The ledger's SQL. */
export class LedgerRepo {
  private readonly s: Statements;

  constructor(readonly db: Database.Database) {
    this.s = new Statements(db);
  }

  /** One page of a day's live rows after `after`. */
  livePage(
    date: string,
    filter: { windowCode?: string; clerkId?: number },
    after: LiveCursor | null,
    limit = LEDGER_CHUNK,
  ): LedgerEntry[] {
    const rows: LedgerEntry[] = [];
    const params = {
      date,
      windowCode: filter.windowCode ?? null,
      clerkId: filter.clerkId ?? null,
      afterAt: after?.decidedAt ?? '',
      afterId: after?.caseId ?? '',
      limit,
    };
    for (const r of this.s.get<[typeof params], LiveRow>(LIVE_DAY_SQL).iterate(params)) rows.push(ledgerEntryOf(r));
    return rows;
  }

  /** The live row of one case, wherever its day is. */
  liveCase(caseId: string): LedgerEntry | null {
    const r = this.s.get<[string], LiveRow>(`SELECT ${LIVE_COLUMNS} WHERE c.case_id = ?`).get(caseId);
    return r ? ledgerEntryOf(r) : null;
  }

  /** The current (not reopened) closing of a day. */
  closedDay(date: string): ClosedDayInfo | null {
    const r = this.s
      .get<[string], ClosedRow>('SELECT * FROM closed_days WHERE business_date = ? AND reopened_at IS NULL')
      .get(date);
    return r ? toClosed(r) : null;
  }

  /** Current closings within a range. */
  closedDays(from: string, to: string): ClosedDayInfo[] {
    return this.s
      .get<[string, string], ClosedRow>(
        'SELECT * FROM closed_days WHERE business_date BETWEEN ? AND ? AND reopened_at IS NULL ORDER BY business_date',
      )
      .all(from, to)
      .map(toClosed);
  }

  /** Every closing of a day, reopened ones included (history). */
  closingsOf(date: string): ClosedDayInfo[] {
    return this.s
      .get<[string], ClosedRow>('SELECT * FROM closed_days WHERE business_date = ? ORDER BY version')
      .all(date)
      .map(toClosed);
  }

  /** Every closing within a range, reopened ones included. */
  closingsBetween(from: string, to: string): ClosedDayInfo[] {
    return this.s
      .get<[string, string], ClosedRow>(
        'SELECT * FROM closed_days WHERE business_date BETWEEN ? AND ? ORDER BY business_date, version',
      )
      .all(from, to)
      .map(toClosed);
  }

  nextVersion(date: string): number {
    return (
      (this.s
        .get<[string], { v: number | null }>('SELECT max(version) AS v FROM closed_days WHERE business_date = ?')
        .get(date)?.v ?? 0) + 1
    );
  }

  /** The id after which adjustments belong to a closing made now. */
  lastAdjustmentId(): number {
    return this.s.get<[], { n: number | null }>('SELECT max(id) AS n FROM ledger_adjustments').get()?.n ?? 0;
  }

  insertClosedDay(d: {
    date: string;
    version: number;
    hash: string;
    totals: DayTotals;
    rowCount: number;
    closedAt: string;
    byId: number;
    byName: string;
    auditSeq: number;
    adjustmentsAfter: number;
  }): void {
    this.s
      .get(
        `INSERT INTO closed_days (business_date, version, ledger_hash, totals, row_count, closed_at, closed_by, closed_by_name, audit_seq, adjustments_after)
            VALUES (@date, @version, @hash, @totals, @rowCount, @closedAt, @byId, @byName, @auditSeq, @adjustmentsAfter)`,
      )
      .run({ ...d, totals: JSON.stringify(d.totals) });
  }

  insertSnapshotRow(date: string, version: number, position: number, caseId: string, rowJson: string): void {
    this.s
      .get('INSERT INTO closed_day_rows (business_date, version, position, case_id, row) VALUES (?, ?, ?, ?, ?)')
      .run(date, version, position, caseId, rowJson);
  }

  /** One page of a closed day's snapshot rows (raw canonical JSON) after `afterPosition`. */
  snapshotPage(
    date: string,
    version: number,
    afterPosition: number,
    limit = LEDGER_CHUNK,
  ): { position: number; row: string }[] {
    return this.s
      .get<[string, number, number, number], { position: number; row: string }>(
        'SELECT position, row FROM closed_day_rows WHERE business_date = ? AND version = ? AND position > ? ORDER BY position LIMIT ?',
      )
      .all(date, version, afterPosition, limit);
  }

  reopen(date: string, version: number, at: string, byId: number, byName: string, reason: string): void {
    this.s
      .get(
        'UPDATE closed_days SET reopened_at = ?, reopened_by = ?, reopened_by_name = ?, reopen_reason = ? WHERE business_date = ? AND version = ? AND reopened_at IS NULL',
      )
      .run(at, byId, byName, reason, date, version);
  }

  /** Adjustments to one closed day recorded after its closing, oldest first. */
  adjustmentsOfClosing(date: string, afterId: number): LedgerAdjustment[] {
    return this.s
      .get<[string, number], AdjRow>(`${ADJ_SELECT} WHERE a.business_date = ? AND a.id > ? ORDER BY a.id`)
      .all(date, afterId)
      .map(toAdj);
  }

  /** Adjustments recorded between two instants (the ledger of the later days shows them). */
  adjustmentsRecorded(fromIso: string, toIso: string, limit: number): LedgerAdjustment[] {
    return this.s
      .get<[string, string, number], AdjRow>(
        `${ADJ_SELECT} WHERE a.recorded_at >= ? AND a.recorded_at < ? ORDER BY a.id LIMIT ?`,
      )
      .all(fromIso, toIso, limit)
      .map(toAdj);
  }

  /** 差评 follow-ups still open for cases of the range (live). */
  openFollowUps(from: string, to: string, filter: { windowCode?: string; clerkId?: number }): number {
    return this.s
      .get<[Record<string, unknown>], { n: number }>(
        `SELECT count(*) AS n FROM follow_ups f JOIN cases c ON c.case_id = f.case_id
         WHERE f.state = 'open' AND c.business_date BETWEEN @from AND @to AND (@windowCode IS NULL OR c.window_code = @windowCode) AND (@clerkId IS NULL OR c.clerk_id = @clerkId)`,
      )
      .get({ from, to, windowCode: filter.windowCode ?? null, clerkId: filter.clerkId ?? null })!.n;
  }

  /** The dates (of the last days) that have cases but no current closing. */
  unclosedDays(from: string, to: string): string[] {
    return this.s
      .get<[string, string], { d: string }>(
        `SELECT DISTINCT c.business_date AS d FROM cases c WHERE c.business_date BETWEEN ? AND ?
           AND NOT EXISTS (SELECT 1 FROM closed_days x WHERE x.business_date = c.business_date AND x.reopened_at IS NULL) ORDER BY d`,
      )
      .all(from, to)
      .map((r) => r.d);
  }
}

interface AdjRow {
  id: number;
  business_date: string;
  case_id: string;
  field: string;
  old_value: string | null;
  new_value: string | null;
  recorded_at: string;
  document_no: string | null;
}

const ADJ_SELECT = `SELECT a.*, ${documentNumberSql()} AS document_no FROM ledger_adjustments a LEFT JOIN cases c ON c.case_id = a.case_id`;

const toAdj = (r: AdjRow): LedgerAdjustment => ({
  id: r.id,
  businessDate: r.business_date,
  caseId: r.case_id,
  documentNo: r.document_no,
  field: r.field,
  oldValue: r.old_value,
  newValue: r.new_value,
  recordedAt: r.recorded_at,
});
