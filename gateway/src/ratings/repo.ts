// Storing 好差评 records: ratings, follow-ups and follow-up steps. Each row is the idempotency
// record of its PUT: a replay with the same canonical hash gets the stored answer, another hash is
// a 422 and changes nothing. Pushes of one case are serialised by the case row lock.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { FOLLOW_UP_STEPS } from '@tongban/protocol/supervisor/ratings';
import {
  recordCanonicalText,
  type FollowUpManifest,
  type FollowUpStepManifest,
  type RatingManifest,
  type RecordPushResponse,
} from '@tongban/protocol/sync/records';
import { withTransaction, type Queryable } from '../db/pool';
import { lockDeviceCase } from '../feed/events';
import { GatewayError } from '../http/errors';

/** SHA-256 hex of a record manifest's canonical text. */
export function recordHash(m: RatingManifest | FollowUpManifest | FollowUpStepManifest): string {
  return createHash('sha256').update(recordCanonicalText(m), 'utf8').digest('hex');
}

/** The stored answer to a record push. */
export interface StoredRecord {
  created: boolean;
  answer: RecordPushResponse;
}

interface Device {
  deviceId: string;
  district: string;
}

type Table = 'ratings' | 'follow_ups' | 'follow_up_steps';
const ID_COLUMN: Record<Table, string> = {
  ratings: 'rating_id',
  follow_ups: 'follow_up_id',
  follow_up_steps: 'step_id',
};

/** Locks the case and checks it is the device's district; then answers a replay, or returns null for a new record. */
async function prepare(
  db: Queryable,
  device: Device,
  table: Table,
  id: string,
  caseId: string,
  hash: string,
): Promise<StoredRecord | null> {
  await lockDeviceCase(db, caseId, device.district);
  const { rows } = await db.query<{ manifest_hash: string; case_id: string; received_at: Date }>(
    `SELECT manifest_hash, case_id, received_at FROM ${table} WHERE ${ID_COLUMN[table]} = $1`,
    [id],
  );
  const row = rows[0];
  if (!row) return null;
  // The case id is in the manifest, so a record of another case under this id has another hash.
  if (row.manifest_hash !== hash)
    throw new GatewayError('manifest-mismatch', 'this id was received with another manifest');
  return { created: false, answer: { id, caseId: row.case_id, receivedAt: row.received_at.toISOString() } };
}

async function backoffice(
  db: Queryable,
  caseId: string,
  kind: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await db.query('INSERT INTO backoffice_outbox (case_id, kind, payload) VALUES ($1, $2, $3)', [
    caseId,
    kind,
    JSON.stringify(payload),
  ]);
}

const created = (id: string, caseId: string, receivedAt: Date): StoredRecord => ({
  created: true,
  answer: { id, caseId, receivedAt: receivedAt.toISOString() },
});

/** Stores a rating once per case. */
export async function storeRating(pool: pg.Pool, m: RatingManifest, device: Device): Promise<StoredRecord> {
  const hash = recordHash(m);
  return withTransaction(pool, async (db) => {
    const replay = await prepare(db, device, 'ratings', m.ratingId, m.caseId, hash);
    if (replay) return replay;
    const other = await db.query('SELECT 1 FROM ratings WHERE case_id = $1', [m.caseId]);
    if (other.rowCount) throw new GatewayError('record-conflict', 'the case already has another rating');
    const { rows } = await db.query<{ received_at: Date }>(
      'INSERT INTO ratings (rating_id, case_id, manifest, manifest_hash, level, device_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING received_at',
      [m.ratingId, m.caseId, JSON.stringify(m), hash, m.level, device.deviceId],
    );
    // The back office gets ids and the level; the rater's contact stays in the rating row.
    await backoffice(db, m.caseId, 'rating-received', { caseId: m.caseId, ratingId: m.ratingId, level: m.level });
    return created(m.ratingId, m.caseId, (rows[0] as { received_at: Date }).received_at);
  });
}

/** Stores the opening of a follow-up; its rating must be there first. */
export async function storeFollowUp(pool: pg.Pool, m: FollowUpManifest, device: Device): Promise<StoredRecord> {
  const hash = recordHash(m);
  return withTransaction(pool, async (db) => {
    const replay = await prepare(db, device, 'follow_ups', m.followUpId, m.caseId, hash);
    if (replay) return replay;
    const rating = await db.query<{ level: number }>(
      'SELECT level FROM ratings WHERE rating_id = $1 AND case_id = $2',
      [m.ratingId, m.caseId],
    );
    if (!rating.rows[0]) throw new GatewayError('out-of-order', 'the rating of this follow-up has not arrived');
    const other = await db.query('SELECT 1 FROM follow_ups WHERE rating_id = $1', [m.ratingId]);
    if (other.rowCount) throw new GatewayError('record-conflict', 'the rating already has another follow-up');
    const { rows } = await db.query<{ received_at: Date }>(
      'INSERT INTO follow_ups (follow_up_id, case_id, rating_id, manifest, manifest_hash, due_date, device_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING received_at',
      [m.followUpId, m.caseId, m.ratingId, JSON.stringify(m), hash, m.dueDate, device.deviceId],
    );
    await backoffice(db, m.caseId, 'follow-up-opened', {
      caseId: m.caseId,
      followUpId: m.followUpId,
      dueDate: m.dueDate,
    });
    return created(m.followUpId, m.caseId, (rows[0] as { received_at: Date }).received_at);
  });
}

/** Stores one follow-up step; steps go 回访 → 核实 → 整改 → 反馈, each once. */
export async function storeFollowUpStep(pool: pg.Pool, m: FollowUpStepManifest, device: Device): Promise<StoredRecord> {
  const hash = recordHash(m);
  return withTransaction(pool, async (db) => {
    const replay = await prepare(db, device, 'follow_up_steps', m.stepId, m.caseId, hash);
    if (replay) return replay;
    const followUp = await db.query('SELECT 1 FROM follow_ups WHERE follow_up_id = $1 AND case_id = $2', [
      m.followUpId,
      m.caseId,
    ]);
    if (!followUp.rowCount) throw new GatewayError('out-of-order', 'the follow-up of this step has not arrived');
    const { rows: done } = await db.query<{ step: string }>(
      'SELECT step FROM follow_up_steps WHERE follow_up_id = $1',
      [m.followUpId],
    );
    if (done.some((s) => s.step === m.step))
      throw new GatewayError('record-conflict', 'this step was recorded with another id');
    const ordinal = FOLLOW_UP_STEPS.indexOf(m.step) + 1;
    if (done.length !== ordinal - 1) throw new GatewayError('out-of-order', 'an earlier step has not arrived');
    const { rows } = await db.query<{ received_at: Date }>(
      `INSERT INTO follow_up_steps (step_id, follow_up_id, case_id, step, ordinal, manifest, manifest_hash, device_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING received_at`,
      [m.stepId, m.followUpId, m.caseId, m.step, ordinal, JSON.stringify(m), hash, device.deviceId],
    );
    await backoffice(db, m.caseId, 'follow-up-step', {
      caseId: m.caseId,
      followUpId: m.followUpId,
      stepId: m.stepId,
      step: m.step,
    });
    return created(m.stepId, m.caseId, (rows[0] as { received_at: Date }).received_at);
  });
}

/** A case's rating and follow-up as the department's case page shows them (contact included: the page masks it). */
export interface CaseRatingRecord {
  rating: RatingManifest;
  receivedAt: Date;
  followUp: (FollowUpManifest & { receivedAt: Date }) | null;
  steps: (FollowUpStepManifest & { receivedAt: Date })[];
}

/** The rating of a case with its follow-up and steps (in step order), or null. */
export async function caseRating(db: Queryable, caseId: string): Promise<CaseRatingRecord | null> {
  const { rows } = await db.query<{ manifest: RatingManifest; received_at: Date }>(
    'SELECT manifest, received_at FROM ratings WHERE case_id = $1',
    [caseId],
  );
  const r = rows[0];
  if (!r) return null;
  const f = (
    await db.query<{ manifest: FollowUpManifest; received_at: Date }>(
      'SELECT manifest, received_at FROM follow_ups WHERE case_id = $1',
      [caseId],
    )
  ).rows[0];
  const steps = f
    ? (
        await db.query<{ manifest: FollowUpStepManifest; received_at: Date }>(
          'SELECT manifest, received_at FROM follow_up_steps WHERE follow_up_id = $1 ORDER BY ordinal',
          [f.manifest.followUpId],
        )
      ).rows
    : [];
  return {
    rating: r.manifest,
    receivedAt: r.received_at,
    followUp: f ? { ...f.manifest, receivedAt: f.received_at } : null,
    steps: steps.map((s) => ({ ...s.manifest, receivedAt: s.received_at })),
  };
}
