// The supervision rollups are brought up to date in batches (decision 0243): a case_facts change queues its delta
// in its own transaction, and one set-based statement adds every committed delta to the rollup tables. It runs
// every second (the gateway's batch job) and before every read of a rollup, so what a reader sees is exact.
import type pg from 'pg';

type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

/** Adds every committed queued delta to the rollups; answers how many queued rows it applied. */
export async function flushRollups(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT supervision_rollup_flush() AS n');
  return rows[0]?.n ?? 0;
}
