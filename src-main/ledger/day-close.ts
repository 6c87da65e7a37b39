// Day close (日结): the day's ledger rows are frozen as a snapshot, their hash and totals go into
// the audit chain, and later changes to the day's cases become dated adjustments (recorded by the
// triggers of migration 0006). Verification recomputes the hash and replays the adjustments
// against the live cases; reopening needs an administrator and a reason.
import { createHash } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log';
import { canonicalJson } from '@tongban/protocol/canonical-json';
import { AppError } from '@common/errors';
import type { LedgerAdjustment, LedgerEntry } from '@common/supervisor/ledger';
import type { ClosedDayInfo, DayProblem, DayVerification } from '@common/supervisor/views';
import { chinaDate } from '@common/time';
import { LEDGER_CHUNK, type LedgerRepo, type LiveCursor } from './ledger-repo';
import { newSummary } from './ledger-source';

/** A signed-in supervisor or administrator. */
export interface StaffActor {
  id: number;
  name: string;
}

const HASH_DOMAIN = 'tongban-ledger-v1';

/** The hash of a day's ledger: SHA-256 over a domain tag, the date, and each row's canonical JSON line. */
export class LedgerHasher {
  private readonly h = createHash('sha256');
  constructor(date: string) {
    this.h.update(`${HASH_DOMAIN}\n${date}\n`);
  }
  add(rowJson: string): void {
    this.h.update(rowJson).update('\n');
  }
  digest(): string {
    return this.h.digest('hex');
  }
}

/** Closing, verifying and reopening days. */
export class DayClose {
  constructor(private readonly d: { repo: LedgerRepo; audit: AuditLog; now: () => Date }) {}

  /** Closes a day: snapshot, hash, totals, audit entry, all in one transaction. */
  close(actor: StaffActor, date: string): ClosedDayInfo {
    const { repo, audit } = this.d;
    if (date > chinaDate(this.d.now()))
      throw new AppError('invalid-input', 'a future day cannot be closed', {
        fields: [{ path: 'date', code: 'date-in-future' }],
      });
    return repo.db.transaction(() => {
      if (repo.closedDay(date)) throw new AppError('conflict', 'the day is already closed', { reason: 'day-closed' });
      const version = repo.nextVersion(date);
      const hasher = new LedgerHasher(date);
      const summary = newSummary();
      const rows: { caseId: string; json: string }[] = [];
      let after: LiveCursor | null = null;
      for (;;) {
        const page = repo.livePage(date, {}, after, LEDGER_CHUNK);
        for (const row of page) {
          const json = canonicalJson(row);
          hasher.add(json);
          summary.add(row);
          rows.push({ caseId: row.caseId, json });
        }
        if (page.length < LEDGER_CHUNK) break;
        const last = page[page.length - 1] as LedgerEntry;
        after = { decidedAt: last.decidedAt, caseId: last.caseId };
      }
      const ledgerHash = hasher.digest();
      const totals = summary.totals();
      const entry = audit.append({
        actor,
        action: 'ledger.close-day',
        target: `day:${date}`,
        details: {
          date,
          version,
          ledgerHash,
          rowCount: rows.length,
          cases: totals.cases,
          byOutcome: totals.byOutcome,
          unsent: totals.unsent,
          ratings: totals.ratings.count,
          poorRatings: totals.ratings.poor,
        },
      });
      const closedAt = this.d.now().toISOString();
      repo.insertClosedDay({
        date,
        version,
        hash: ledgerHash,
        totals,
        rowCount: rows.length,
        closedAt,
        byId: actor.id,
        byName: actor.name,
        auditSeq: entry.seq,
        adjustmentsAfter: repo.lastAdjustmentId(),
      });
      rows.forEach((r, i) => repo.insertSnapshotRow(date, version, i + 1, r.caseId, r.json));
      return repo.closedDay(date) as ClosedDayInfo;
    })();
  }

  /** Recomputes a closed day and compares it with its hash, its audit entry and the live cases. */
  verify(date: string): DayVerification {
    const { repo, audit } = this.d;
    const closed = repo.closedDay(date);
    if (!closed) throw new AppError('conflict', 'the day is not closed', { reason: 'day-not-closed' });
    const problems: DayProblem[] = [];
    const hasher = new LedgerHasher(date);
    const summary = newSummary();
    const snapshot = new Map<string, LedgerEntry>();
    for (let after = 0; ;) {
      const page = repo.snapshotPage(date, closed.version, after);
      if (!page.length) break;
      for (const p of page) {
        hasher.add(p.row);
        const row = JSON.parse(p.row) as LedgerEntry;
        summary.add(row);
        snapshot.set(row.caseId, row);
      }
      after = (page[page.length - 1] as { position: number }).position;
    }
    const recomputedHash = hasher.digest();
    if (
      recomputedHash !== closed.ledgerHash ||
      snapshot.size !== closed.rowCount ||
      canonicalJson(summary.totals()) !== canonicalJson(closed.totals)
    ) {
      problems.push({ kind: 'snapshot-tampered', expected: closed.ledgerHash, actual: recomputedHash });
    }
    const entry = audit
      .list({ action: 'ledger.close-day', target: `day:${date}`, limit: 500 })
      .find((e) => e.seq === closed.auditSeq);
    if (!entry || entry.details.ledgerHash !== closed.ledgerHash || entry.details.version !== closed.version) {
      problems.push({
        kind: 'hash-not-in-audit',
        expected: closed.ledgerHash,
        actual: entry?.details.ledgerHash ?? null,
      });
    }
    const chain = audit.verify();
    if (!chain.ok) problems.push({ kind: 'audit-chain-broken', actual: chain.firstBroken });
    const adjustments = repo.adjustmentsOfClosing(date, closed.adjustmentsAfter);
    problems.push(...this.compareLive(date, snapshot, adjustments));
    return { date, ok: problems.length === 0, closed, recomputedHash, adjustments: adjustments.length, problems };
  }

  /** Snapshot rows with their adjustments replayed must equal the live rows. */
  private compareLive(date: string, snapshot: Map<string, LedgerEntry>, adjustments: LedgerAdjustment[]): DayProblem[] {
    const problems: DayProblem[] = [];
    const byCase = new Map<string, LedgerAdjustment[]>();
    for (const a of adjustments) byCase.set(a.caseId, [...(byCase.get(a.caseId) ?? []), a]);
    for (const [caseId, closedRow] of snapshot) {
      const live = this.d.repo.liveCase(caseId);
      if (!live) {
        problems.push({ kind: 'case-missing', caseId });
        continue;
      }
      const expected = replay(closedRow, byCase.get(caseId) ?? []);
      if (expected.businessDate !== date) continue; // completed onto a later day: that day's ledger has it
      if (expected.decidedAt !== closedRow.decidedAt) expected.counterSeconds = live.counterSeconds;
      for (const key of Object.keys(expected) as (keyof LedgerEntry)[]) {
        if (canonicalJson(expected[key]) !== canonicalJson(live[key]))
          problems.push({ kind: 'case-changed', caseId, field: key, expected: expected[key], actual: live[key] });
      }
    }
    const added = new Set(adjustments.filter((a) => a.field === 'caseAdded').map((a) => a.caseId));
    for (let after: LiveCursor | null = null; ;) {
      const page = this.d.repo.livePage(date, {}, after);
      for (const row of page)
        if (!snapshot.has(row.caseId) && !added.has(row.caseId))
          problems.push({ kind: 'case-unrecorded', caseId: row.caseId });
      if (page.length < LEDGER_CHUNK) break;
      const last = page[page.length - 1] as LedgerEntry;
      after = { decidedAt: last.decidedAt, caseId: last.caseId };
    }
    return problems;
  }

  /** Every closing in a range, reopened ones included. */
  closings(from: string, to: string): ClosedDayInfo[] {
    return this.d.repo.closingsBetween(from, to);
  }

  /** Reopens a closed day (administrator, with a reason); the closing stays on record. */
  reopen(actor: StaffActor, date: string, reason: string): ClosedDayInfo {
    const { repo, audit } = this.d;
    return repo.db.transaction(() => {
      const closed = repo.closedDay(date);
      if (!closed) throw new AppError('conflict', 'the day is not closed', { reason: 'day-not-closed' });
      audit.append({
        actor,
        action: 'ledger.reopen-day',
        target: `day:${date}`,
        details: { date, version: closed.version, ledgerHash: closed.ledgerHash, reason },
      });
      repo.reopen(date, closed.version, this.d.now().toISOString(), actor.id, actor.name, reason);
      return repo.closingsOf(date).find((c) => c.version === closed.version) as ClosedDayInfo;
    })();
  }
}

/** A closed row with the changes recorded since the closing applied, as the live row should now read. */
export function replay(row: LedgerEntry, adjustments: readonly LedgerAdjustment[]): LedgerEntry {
  const out: LedgerEntry = { ...row, waybillNos: [...row.waybillNos] };
  for (const a of adjustments) {
    switch (a.field) {
      case 'waybillNos':
        if (a.newValue) out.waybillNos = [...out.waybillNos, a.newValue].sort();
        break;
      case 'rating':
        out.rating = a.newValue === null ? null : Number(a.newValue);
        break;
      case 'outcome':
      case 'documentNo':
      case 'businessDate':
      case 'decidedAt':
      case 'syncState':
      case 'departmentNo':
      case 'deptStatus':
        (out as unknown as Record<string, string | null>)[a.field] = a.newValue;
        break;
      default:
        break;
    }
  }
  return out;
}
