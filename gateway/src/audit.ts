// The gateway's audit trail: sensitive department actions and security events, one row each.
import type pg from 'pg';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** Appends one audit row (no personal data in `details`). */
export async function audit(
  db: Queryable,
  entry: { actor: string; action: string; target?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db.query('INSERT INTO gateway_audit (actor, action, target, details) VALUES ($1, $2, $3, $4)', [
    entry.actor,
    entry.action,
    entry.target ?? null,
    JSON.stringify(entry.details ?? {}),
  ]);
}

/**
 * Chains every committed unchained row (decision 0243: rows are inserted unchained so that appends never wait for
 * one another; the gateway's batch job links them every second, and every reader of the chain links first).
 * Answers how many rows it chained.
 */
export async function linkAuditChain(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT gateway_audit_link() AS n');
  return rows[0]?.n ?? 0;
}

/** Audit rows of one action, oldest first (tests and operators). */
export async function auditRows(
  db: Queryable,
  action: string,
): Promise<{ actor: string; target: string | null; details: Record<string, unknown> }[]> {
  const { rows } = await db.query<{ actor: string; target: string | null; details: Record<string, unknown> }>(
    'SELECT actor, target, details FROM gateway_audit WHERE action = $1 ORDER BY id',
    [action],
  );
  return rows;
}
