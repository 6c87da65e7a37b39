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
