import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditEntry, AuditQuery, AuditVerification } from '@common/audit';
import { canonicalJson } from '@tongban/protocol/canonical-json';
import { chinaDayStartIso, nextDate } from '@common/time';

/** Who did something: a staff account, or the system itself. */
export interface Actor {
  id: number | null;
  name: string;
}

/** The system as an actor (start-up, background work). */
export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

/** What to append. Details must hold no personal data beyond masked values. */
export interface AuditRecord {
  actor: Actor;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
}

/** One audit row as stored, hashes included. */
export interface AuditRow {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  target: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/** The fields an entry's hash covers: what is stored, not what is read beside it (the display name). */
type ChainedEntry = Omit<AuditEntry, 'actorDisplayName'>;

function entryHash(prevHash: string, e: ChainedEntry): string {
  const chained: ChainedEntry = {
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    target: e.target,
    details: e.details,
  };
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(chained)).digest('hex');
}

function toEntry(row: AuditRow & { actor_display_name?: string | null }): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    actorDisplayName: row.actor_display_name ?? row.actor_name,
    action: row.action,
    target: row.target,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}

/** The append-only, hash-chained audit log. Appends join the caller's transaction when there is one. */
export class AuditLog {
  private readonly lastStmt;
  private readonly insertStmt;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.lastStmt = db.prepare<[], { seq: number; hash: string }>(
      'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    this.insertStmt = db.prepare(
      `INSERT INTO audit_log (seq, at, actor_id, actor_name, action, target, details, prev_hash, hash)
       VALUES (@seq, @at, @actorId, @actorName, @action, @target, @details, @prevHash, @hash)`,
    );
  }

  /** Appends one entry, chained to the last one. */
  append(record: AuditRecord): AuditEntry {
    return this.db.transaction(() => {
      const last = this.lastStmt.get();
      const entry: ChainedEntry = {
        seq: (last?.seq ?? 0) + 1,
        at: this.now().toISOString(),
        actorId: record.actor.id,
        actorName: record.actor.name,
        action: record.action,
        target: record.target ?? null,
        details: record.details ?? {},
      };
      const prevHash = last?.hash ?? GENESIS;
      this.insertStmt.run({
        ...entry,
        details: canonicalJson(entry.details),
        prevHash,
        hash: entryHash(prevHash, entry),
      });
      return { ...entry, actorDisplayName: record.actor.name };
    })();
  }

  /** Lists entries newest first, filtered. */
  list(query: AuditQuery): AuditEntry[] {
    const filters: [string, string, unknown][] = [
      ['actor_name = @actor', 'actor', query.actor],
      ['action = @action', 'action', query.action],
      ['target = @target', 'target', query.target],
      ['at >= @from', 'from', query.from && chinaDayStartIso(query.from)],
      ['at < @to', 'to', query.to && chinaDayStartIso(nextDate(query.to))],
      ['seq < @beforeSeq', 'beforeSeq', query.beforeSeq],
    ];
    const active = filters.filter(([, , value]) => value !== undefined && value !== '');
    const where = active.map(([clause]) => clause);
    const params: Record<string, unknown> = Object.fromEntries([
      ['limit', query.limit],
      ...active.map(([, key, value]) => [key, value]),
    ]);
    const sql = `SELECT *, (SELECT display_name FROM users WHERE users.id = audit_log.actor_id) AS actor_display_name FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`;
    return this.db.prepare<Record<string, unknown>, AuditRow>(sql).all(params).map(toEntry);
  }

  /**
   * Recomputes the chain from the rows' content alone (never trusting a stored hash) and returns the
   * recomputed hash at each of `seqs` that has a row in order; the head is the last row's. A row altered,
   * deleted or inserted before a sequence changes the hash there: what the gateway's witnesses are compared with.
   */
  recomputedHashes(seqs: Iterable<number>): { head: { seq: number; hash: string } | null; at: Map<number, string> } {
    const wanted = new Set(seqs);
    const at = new Map<number, string>();
    let hash = GENESIS;
    let seq = 0;
    for (const row of this.db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq').iterate()) {
      seq += 1;
      try {
        hash = entryHash(hash, { ...toEntry(row), seq });
      } catch {
        hash = createHash('sha256').update(hash).update('\n').update(row.details).digest('hex');
      }
      if (row.seq !== seq) hash = createHash('sha256').update(hash).update(`\ngap ${row.seq}`).digest('hex');
      if (wanted.has(seq)) at.set(seq, hash);
    }
    return { head: seq ? { seq, hash } : null, at };
  }

  /** The last row's stored sequence and hash, and the stored hash at `seq` (cheap: two index reads). */
  storedHashes(seq: number | null): { head: { seq: number; hash: string } | null; at: Map<number, string> } {
    const head = this.lastStmt.get() ?? null;
    const at = new Map<number, string>();
    const row =
      seq === null
        ? undefined
        : this.db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE seq = ?').get(seq);
    if (seq !== null && row) at.set(seq, row.hash);
    return { head, at };
  }

  /** Walks the whole chain and reports the first broken link. */
  verify(): AuditVerification {
    let prevHash = GENESIS;
    let expectedSeq = 1;
    let count = 0;
    for (const row of this.db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq').iterate()) {
      if (row.seq !== expectedSeq) return broken(count, prevHash, expectedSeq, 'sequence-gap');
      if (row.prev_hash !== prevHash) return broken(count, prevHash, row.seq, 'link-mismatch');
      let recomputed: string;
      try {
        recomputed = entryHash(row.prev_hash, toEntry(row));
      } catch {
        recomputed = '';
      }
      if (recomputed !== row.hash) return broken(count, prevHash, row.seq, 'hash-mismatch');
      prevHash = row.hash;
      expectedSeq += 1;
      count += 1;
    }
    // A deleted tail leaves no gap in the rows; AUTOINCREMENT's high-water mark still remembers it.
    const highWater = this.db
      .prepare<[], { seq: number }>("SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'")
      .get();
    if (highWater && highWater.seq > count) return broken(count, prevHash, count + 1, 'tail-missing');
    return { ok: true, count, headHash: count ? prevHash : null, firstBroken: null };
  }
}

function broken(
  count: number,
  headHash: string,
  seq: number,
  reason: NonNullable<AuditVerification['firstBroken']>['reason'],
): AuditVerification {
  return { ok: false, count, headHash: count ? headHash : null, firstBroken: { seq, reason } };
}
