// Verifies the gateway's hash-chained audit trail (gateway_audit, chained by migration 0012's trigger):
// every row's hash recomputed from its content and the previous hash, sequence numbers without gaps, and
// the chain's length against the head row (a deleted tail leaves no gap in the rows).
import type pg from 'pg';
import { linkAuditChain } from '../audit';

type Queryable = Pick<pg.Pool, 'query'>;

/** Why the chain is broken at `seq`. */
export type GatewayChainBreak = 'hash-mismatch' | 'link-mismatch' | 'sequence-gap' | 'tail-missing' | 'beyond-head';

/** The outcome of one verification. */
export interface GatewayChainVerification {
  ok: boolean;
  /** Rows verified in order before the first break (all rows when ok). */
  count: number;
  headSeq: number;
  headHash: string | null;
  firstBroken: { seq: number; reason: GatewayChainBreak } | null;
  checkedAt: string;
}

const GENESIS = '0'.repeat(64);
const BATCH = 5_000;

interface ChainRow {
  seq: string;
  prev_hash: string;
  hash: string;
  recomputed: string;
}

/** Walks the whole chain in batches (keyset on seq) and reports the first broken link. */
export async function verifyGatewayAudit(db: Queryable): Promise<GatewayChainVerification> {
  await linkAuditChain(db); // rows appended since the last batch are chained first (decision 0243)
  const head = await db.query<{ seq: string; hash: string }>('SELECT seq, hash FROM gateway_audit_head');
  const headSeq = Number(head.rows[0]?.seq ?? 0);
  const result = (count: number, prev: string, broken: GatewayChainVerification['firstBroken']) => ({
    ok: broken === null,
    count,
    headSeq,
    headHash: count ? prev : null,
    firstBroken: broken,
    checkedAt: new Date().toISOString(),
  });
  let prev = GENESIS;
  let expected = 1;
  for (;;) {
    const { rows } = await db.query<ChainRow>(
      `SELECT seq, prev_hash, hash,
              gateway_audit_hash(prev_hash, seq, at, actor, action, target, details) AS recomputed
         FROM gateway_audit WHERE seq >= $1 ORDER BY seq LIMIT $2`,
      [expected, BATCH],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expected) return result(expected - 1, prev, { seq: expected, reason: 'sequence-gap' });
      if (row.prev_hash !== prev) return result(expected - 1, prev, { seq, reason: 'link-mismatch' });
      if (row.recomputed !== row.hash) return result(expected - 1, prev, { seq, reason: 'hash-mismatch' });
      prev = row.hash;
      expected += 1;
    }
    if (rows.length < BATCH) break;
  }
  const count = expected - 1;
  if (headSeq > count) return result(count, prev, { seq: count + 1, reason: 'tail-missing' });
  if (count > headSeq) return result(headSeq, prev, { seq: headSeq + 1, reason: 'beyond-head' });
  if (headSeq === count && count > 0 && head.rows[0]?.hash !== prev)
    return result(count, prev, { seq: count, reason: 'hash-mismatch' });
  return result(count, prev, null);
}
