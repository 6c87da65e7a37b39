// Feed epochs and the cursor key. A restore from a backup rewinds transaction ids and positions, so
// a cursor issued before it could skip events written after it: the gateway starts a new epoch when
// it finds itself on another cluster or timeline (or an operator says so), and refuses older cursors.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../db/pool';
import { ADVISORY_LOCKS } from '../db/locks';

/** The current feed epoch. */
export interface FeedEpoch {
  epochId: string;
  ordinal: number;
}

/** The HMAC key of feed cursors, created on first use. */
export async function cursorKey(pool: pg.Pool): Promise<Buffer> {
  await pool.query("INSERT INTO gateway_secrets (name, value) VALUES ('cursor-hmac', $1) ON CONFLICT DO NOTHING", [
    randomBytes(32),
  ]);
  const { rows } = await pool.query<{ value: Buffer }>("SELECT value FROM gateway_secrets WHERE name = 'cursor-hmac'");
  return (rows[0] as { value: Buffer }).value;
}

/** The newest epoch (ordinal 0 before the first start). */
export async function currentEpoch(db: pg.Pool | pg.PoolClient): Promise<FeedEpoch> {
  const { rows } = await db.query<{ epoch_id: string; ordinal: number }>(
    'SELECT epoch_id, ordinal FROM feed_epochs ORDER BY ordinal DESC LIMIT 1',
  );
  const r = rows[0];
  return r
    ? { epochId: r.epoch_id, ordinal: r.ordinal }
    : { epochId: '00000000-0000-0000-0000-000000000000', ordinal: 0 };
}

/** The cluster's system identifier and timeline; 'unknown' where the role may not read pg_control_*. */
async function clusterIdentity(client: pg.PoolClient): Promise<{ sid: string; tl: number }> {
  await client.query('SAVEPOINT identity');
  try {
    const { rows } = await client.query<{ sid: string; tl: number }>(
      'SELECT (SELECT system_identifier::text FROM pg_control_system()) AS sid, (SELECT timeline_id FROM pg_control_checkpoint()) AS tl',
    );
    return rows[0] as { sid: string; tl: number };
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT identity');
    return { sid: 'unknown', tl: 0 };
  }
}

/** At startup: starts a new epoch on first start or when the cluster identity or timeline changed. */
export async function ensureFeedEpoch(pool: pg.Pool): Promise<FeedEpoch> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.feedEpoch]);
    const { sid, tl } = await clusterIdentity(client);
    const last = await client.query<{ system_identifier: string; timeline_id: number }>(
      'SELECT system_identifier, timeline_id FROM feed_epochs ORDER BY ordinal DESC LIMIT 1',
    );
    const prev = last.rows[0];
    if (!prev || prev.system_identifier !== sid || prev.timeline_id !== tl) {
      const reason = prev ? 'cluster-changed' : 'first-start';
      await client.query('INSERT INTO feed_epochs (system_identifier, timeline_id, reason) VALUES ($1, $2, $3)', [
        sid,
        tl,
        reason,
      ]);
    }
    return currentEpoch(client);
  });
}

/** Starts a new epoch by hand (after restoring a file-level backup); run it with the gateways stopped. */
export async function startNewEpoch(pool: pg.Pool, reason: string): Promise<FeedEpoch> {
  return withTransaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [ADVISORY_LOCKS.feedEpoch]);
    const { sid, tl } = await clusterIdentity(client);
    await client.query('INSERT INTO feed_epochs (system_identifier, timeline_id, reason) VALUES ($1, $2, $3)', [
      sid,
      tl,
      reason,
    ]);
    return currentEpoch(client);
  });
}
