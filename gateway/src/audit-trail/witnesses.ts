// The windows' audit chain heads (witnesses) at the gateway: stored per device and sequence; a report that
// contradicts an earlier one is recorded as a conflict (window_audit_conflicts) and in the gateway's own
// audit trail, for operators (`audit verify`, /ops/audit, tongban_window_audit_conflicts).
import type pg from 'pg';
import type { FastifyInstance } from 'fastify';
import {
  AUDIT_WITNESS_PAGE_MAX,
  auditWitnessPushSchema,
  type AuditWitnessConflictKind,
  type AuditWitnessList,
  type AuditWitnessPush,
  type AuditWitnessPushResponse,
} from '@tongban/protocol/sync/audit-witness';
import { audit } from '../audit';
import { GatewayError, zodFields } from '../http/errors';

type Conflict = { seq: number; kind: AuditWitnessConflictKind; witnessed: string | null; reported: string | null };

/** Records one report of a device's head; returns what it contradicted. One transaction, serialised per device. */
export async function recordWitness(
  pool: pg.Pool,
  device: { deviceId: string; windowCode: string },
  push: AuditWitnessPush,
): Promise<AuditWitnessPushResponse> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT 1 FROM devices WHERE device_id = $1 FOR UPDATE', [device.deviceId]);
    const hashAt = async (seq: number) =>
      (
        await client.query<{ hash: string }>(
          'SELECT hash FROM window_audit_witnesses WHERE device_id = $1 AND seq = $2',
          [device.deviceId, seq],
        )
      ).rows[0]?.hash ?? null;
    const conflicts: Conflict[] = [];
    if (push.anchor) {
      const witnessed = await hashAt(push.anchor.seq);
      if (witnessed !== null && witnessed !== push.anchor.hash)
        conflicts.push({
          seq: push.anchor.seq,
          kind: push.anchor.hash === null ? 'missing' : 'changed',
          witnessed,
          reported: push.anchor.hash,
        });
    }
    const atHead = await hashAt(push.head.seq);
    const { rows } = await client.query<{ max: string | null }>(
      'SELECT max(seq) AS max FROM window_audit_witnesses WHERE device_id = $1',
      [device.deviceId],
    );
    const latest = Number(rows[0]?.max ?? 0);
    let recorded = false;
    if (atHead !== null) {
      if (atHead !== push.head.hash && !conflicts.some((c) => c.seq === push.head.seq))
        conflicts.push({ seq: push.head.seq, kind: 'changed', witnessed: atHead, reported: push.head.hash });
    } else if (push.head.seq < latest) {
      conflicts.push({ seq: push.head.seq, kind: 'rewound', witnessed: null, reported: push.head.hash });
    } else {
      await client.query('INSERT INTO window_audit_witnesses (device_id, seq, hash) VALUES ($1, $2, $3)', [
        device.deviceId,
        push.head.seq,
        push.head.hash,
      ]);
      recorded = true;
    }
    for (const c of conflicts) {
      await client.query(
        `INSERT INTO window_audit_conflicts (device_id, seq, kind, witnessed_hash, reported_hash)
         VALUES ($1, $2, $3, $4, $5)`,
        [device.deviceId, c.seq, c.kind, c.witnessed, c.reported],
      );
      await audit(client, {
        actor: `device:${device.deviceId}`,
        action: 'window.audit-witness-conflict',
        target: device.windowCode,
        details: { seq: c.seq, kind: c.kind, witnessed: c.witnessed, reported: c.reported },
      });
    }
    await client.query('COMMIT');
    return { recorded, conflicts: conflicts.map(({ seq, kind }) => ({ seq, kind })) };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** A device's witnesses after `afterSeq`, ascending, and its latest. */
export async function listWitnesses(
  pool: Pick<pg.Pool, 'query'>,
  deviceId: string,
  afterSeq: number,
  limit: number,
): Promise<AuditWitnessList> {
  const { rows } = await pool.query<{ seq: string; hash: string; received_at: Date }>(
    `SELECT seq, hash, received_at FROM window_audit_witnesses
      WHERE device_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
    [deviceId, afterSeq, limit + 1],
  );
  const latest = await pool.query<{ seq: string; hash: string }>(
    'SELECT seq, hash FROM window_audit_witnesses WHERE device_id = $1 ORDER BY seq DESC LIMIT 1',
    [deviceId],
  );
  const head = latest.rows[0];
  return {
    witnesses: rows
      .slice(0, limit)
      .map((r) => ({ seq: Number(r.seq), hash: r.hash, receivedAt: r.received_at.toISOString() })),
    hasMore: rows.length > limit,
    latest: head ? { seq: Number(head.seq), hash: head.hash } : null,
  };
}

/** One recorded conflict, for operators. */
export interface WitnessConflictRow {
  id: number;
  deviceId: string;
  windowCode: string;
  seq: number;
  kind: AuditWitnessConflictKind;
  witnessedHash: string | null;
  reportedHash: string | null;
  detectedAt: string;
  /** Explained by an operator (decision 0206): when, by whom, how; null while open. */
  resolution: { at: string; by: string; note: string } | null;
}

/** The recorded conflicts, open ones first, newest first; of some districts or one conflict when asked. */
export async function listWitnessConflicts(
  pool: Pick<pg.Pool, 'query'>,
  limit = 100,
  filter: { districts?: string[] | null; id?: number } = {},
): Promise<WitnessConflictRow[]> {
  const { rows } = await pool.query<{
    id: string;
    device_id: string;
    window_code: string;
    seq: string;
    kind: AuditWitnessConflictKind;
    witnessed_hash: string | null;
    reported_hash: string | null;
    detected_at: Date;
    resolved_at: Date | null;
    resolved_by: string | null;
    resolution_note: string | null;
  }>(
    `SELECT c.id, c.device_id, d.window_code, c.seq, c.kind, c.witnessed_hash, c.reported_hash, c.detected_at,
            c.resolved_at, c.resolved_by, c.resolution_note
       FROM window_audit_conflicts c JOIN devices d USING (device_id)
      WHERE ($2::char(6)[] IS NULL OR d.district = ANY($2)) AND ($3::bigint IS NULL OR c.id = $3)
      ORDER BY c.resolved_at IS NOT NULL, c.id DESC LIMIT $1`,
    [limit, filter.districts ?? null, filter.id ?? null],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    deviceId: r.device_id,
    windowCode: r.window_code,
    seq: Number(r.seq),
    kind: r.kind,
    witnessedHash: r.witnessed_hash,
    reportedHash: r.reported_hash,
    detectedAt: r.detected_at.toISOString(),
    resolution: r.resolved_at
      ? { at: r.resolved_at.toISOString(), by: r.resolved_by ?? '', note: r.resolution_note ?? '' }
      : null,
  }));
}

/** POST and GET /v1/audit-witnesses (signed). */
export function registerWitnessRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.post('/v1/audit-witnesses', { bodyLimit: 4 * 1024 }, async (request) => {
    const device = request.device;
    if (!device) throw new GatewayError('signature-missing', 'request is not signed');
    const parsed = auditWitnessPushSchema.safeParse(request.body);
    if (!parsed.success) throw new GatewayError('invalid-request', 'invalid audit witness', zodFields(parsed.error));
    return recordWitness(pool, device, parsed.data);
  });
  app.get<{ Querystring: { afterSeq?: string; limit?: string } }>('/v1/audit-witnesses', async (request) => {
    const device = request.device;
    if (!device) throw new GatewayError('signature-missing', 'request is not signed');
    const afterSeq = Number(request.query.afterSeq ?? '0');
    const limit = Number(request.query.limit ?? String(AUDIT_WITNESS_PAGE_MAX));
    if (
      !Number.isSafeInteger(afterSeq) ||
      afterSeq < 0 ||
      !Number.isInteger(limit) ||
      limit < 1 ||
      limit > AUDIT_WITNESS_PAGE_MAX
    )
      throw new GatewayError('invalid-request', `afterSeq ≥ 0, limit 1…${AUDIT_WITNESS_PAGE_MAX}`, [
        { path: 'limit', code: 'out-of-range' },
      ]);
    return listWitnesses(pool, device.deviceId, afterSeq, limit);
  });
}
