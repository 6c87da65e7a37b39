// GET /v1/document-counters/{date}: how far this window's receipt numbering of a day got, as far as
// the gateway knows (the cases it received). Receipt numbers are <window code>-<YYYYMMDD>-<NNNN><check>.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { DocumentCounterResponse } from '@tongban/protocol/sync/api';
import { GatewayError } from '../http/errors';
import { deviceOf } from './routes';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The highest receipt number of a day pushed by the devices of one window: a range scan over the
 * receipt-number index ($1 ≤ n < $2), counting only cases those devices pushed ($3 = the window code),
 * so no other window's pushes can move this window's numbering.
 */
export const LAST_RECEIPT_SQL = `SELECT max((c.manifest->>'receiptNo') COLLATE "C") AS last FROM cases c JOIN devices d ON d.device_id = c.device_id
  WHERE (c.manifest->>'receiptNo') COLLATE "C" >= $1 AND (c.manifest->>'receiptNo') COLLATE "C" < $2 AND d.window_code = $3`;

/** The highest sequence among `windowCode`'s receipt numbers of `date` (0 when none). */
export async function lastSequence(pool: pg.Pool, windowCode: string, date: string): Promise<number> {
  const prefix = `${windowCode}-${date.replaceAll('-', '')}-`;
  // '.' follows '-' in byte order: [prefix, upper) is exactly the numbers starting with the prefix.
  const upper = `${prefix.slice(0, -1)}.`;
  const { rows } = await pool.query<{ last: string | null }>(LAST_RECEIPT_SQL, [prefix, upper, windowCode]);
  const sequence = /^(\d{4})/.exec(rows[0]?.last?.slice(prefix.length) ?? '')?.[1];
  return sequence ? Number(sequence) : 0;
}

/** Registers the counter route (signed: a device reads its own window's numbers only). */
export function registerCounterRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get<{ Params: { date: string } }>('/v1/document-counters/:date', async (request) => {
    const device = deviceOf(request);
    const { date } = request.params;
    const m = DATE.exec(date);
    const valid =
      m && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === date;
    if (!valid)
      throw new GatewayError('invalid-request', 'date must be YYYY-MM-DD', [{ path: 'date', code: 'invalid-date' }]);
    const body: DocumentCounterResponse = {
      windowCode: device.windowCode,
      date,
      lastSequence: await lastSequence(pool, device.windowCode, date),
    };
    return body;
  });
}
