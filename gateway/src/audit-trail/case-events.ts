// POST /v1/case-events (signed): the window's own steps of its cases for the 全程记录 of both sides
// (decision 0205; protocol packages/protocol/src/sync/case-events.ts). Only cases of the device's district that
// it pushed or that name its window code (a re-enrolled PC) are stored; a resend of the same (device, sequence)
// stores nothing again.
import type pg from 'pg';
import type { FastifyInstance } from 'fastify';
import {
  caseEventsPushSchema,
  type CaseEventsPush,
  type CaseEventsPushResponse,
  type WindowCaseEvent,
} from '@tongban/protocol/sync/case-events';
import { audit } from '../audit';
import type { DeviceContext } from '../auth/verify';
import { GatewayError, zodFields } from '../http/errors';

/** Stores the events of the device's own cases; returns how many were new and the cases it does not hold. */
export async function storeCaseEvents(
  pool: pg.Pool,
  device: Pick<DeviceContext, 'deviceId' | 'district' | 'windowCode'>,
  push: CaseEventsPush,
): Promise<CaseEventsPushResponse> {
  const caseIds = [...new Set(push.events.map((e) => e.caseId))];
  const { rows } = await pool.query<{ case_id: string }>(
    `SELECT case_id FROM cases WHERE case_id = ANY($1::uuid[]) AND district = $2
        AND (device_id = $4 OR manifest->>'windowCode' = $3)`,
    [caseIds, device.district, device.windowCode, device.deviceId],
  );
  const held = new Set(rows.map((r) => r.case_id));
  const events = push.events.filter((e) => held.has(e.caseId));
  let stored = 0;
  if (events.length) {
    const result = await pool.query<{ case_id: string }>(
      `INSERT INTO window_case_events (device_id, seq, hash, case_id, at, action, actor, details)
       SELECT $1, e.seq, e.hash, e."caseId", e.at, e.action, e.actor, e.details
         FROM jsonb_to_recordset($2::jsonb)
           AS e(seq bigint, hash text, "caseId" uuid, at timestamptz, action text, actor text, details jsonb)
       ON CONFLICT (device_id, seq) DO NOTHING RETURNING case_id`,
      [device.deviceId, JSON.stringify(events)],
    );
    stored = result.rowCount ?? 0;
    if (stored > 0)
      await audit(pool, {
        actor: `device:${device.deviceId}`,
        action: 'device.case-events',
        target: null,
        details: {
          windowCode: device.windowCode,
          stored,
          cases: [...new Set(result.rows.map((r) => r.case_id))].slice(0, 50),
        },
      });
  }
  return { stored, unknownCases: caseIds.filter((id) => !held.has(id)) };
}

/** A case's window events, oldest first, with the window code of the device that sent them. */
export async function windowCaseEvents(
  pool: Pick<pg.Pool, 'query'>,
  caseId: string,
): Promise<(Omit<WindowCaseEvent, 'at' | 'caseId'> & { at: Date; windowCode: string })[]> {
  const { rows } = await pool.query<{
    seq: string;
    hash: string;
    at: Date;
    action: string;
    actor: string;
    details: WindowCaseEvent['details'];
    window_code: string;
  }>(
    `SELECT e.seq, e.hash, e.at, e.action, e.actor, e.details, d.window_code
       FROM window_case_events e JOIN devices d USING (device_id) WHERE e.case_id = $1 ORDER BY e.at, e.seq`,
    [caseId],
  );
  return rows.map((r) => ({
    seq: Number(r.seq),
    hash: r.hash,
    at: r.at,
    action: r.action,
    actor: r.actor,
    details: r.details,
    windowCode: r.window_code,
  }));
}

/** POST /v1/case-events. */
export function registerCaseEventRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.post('/v1/case-events', { bodyLimit: 512 * 1024 }, async (request) => {
    const device = request.device;
    if (!device) throw new GatewayError('signature-missing', 'request is not signed');
    const parsed = caseEventsPushSchema.safeParse(request.body);
    if (!parsed.success) throw new GatewayError('invalid-request', 'invalid case events', zodFields(parsed.error));
    return storeCaseEvents(pool, device, parsed.data);
  });
}
