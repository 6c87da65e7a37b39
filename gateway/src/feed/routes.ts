// GET /v1/status-events: the events of the device's district after its cursor.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { FEED_PAGE_LIMITS, type StatusFeed } from '@tongban/protocol/sync/status';
import { GatewayError } from '../http/errors';
import { audit } from '../audit';
import { decodeCursor, encodeCursor, FEED_START } from './cursor';
import { feedState, isBeyondHorizon, readFeed } from './repo';

/** Registers the status feed route; `key` signs cursors. */
export function registerFeedRoutes(app: FastifyInstance, pool: pg.Pool, key: Buffer): void {
  app.get<{ Querystring: { cursor?: string; limit?: string } }>('/v1/status-events', async (request) => {
    const device = request.device;
    if (!device) throw new GatewayError('signature-missing', 'request is not signed');
    const limitText = request.query.limit ?? String(FEED_PAGE_LIMITS.default);
    const limit = Number(limitText);
    if (!/^\d+$/.test(limitText) || limit < 1 || limit > FEED_PAGE_LIMITS.max) {
      throw new GatewayError('invalid-request', `limit must be 1…${FEED_PAGE_LIMITS.max}`, [
        { path: 'limit', code: 'out-of-range' },
      ]);
    }
    const { epoch, xmax } = await feedState(pool); // one round trip for the epoch and the horizon
    const token = request.query.cursor;
    const after = token ? decodeCursor(key, epoch.epochId, token) : FEED_START;
    if (!after || isBeyondHorizon(after, epoch.ordinal, xmax)) {
      throw new GatewayError('cursor-reset', 'cursor not valid for this gateway epoch; read again from the beginning');
    }
    const page = await readFeed(pool, device.district, after, epoch.ordinal, limit);
    // 责任追溯: which window read which cases' status, one audit row per page that carried events.
    if (page.events.length > 0)
      await audit(pool, {
        actor: `device:${device.deviceId}`,
        action: 'device.status-read',
        details: {
          windowCode: device.windowCode,
          events: page.events.length,
          caseIds: [...new Set(page.events.map((e) => e.caseId))].slice(0, 50),
        },
      });
    const body: StatusFeed = {
      events: page.events,
      ...(page.tickets.length ? { tickets: page.tickets } : {}),
      nextCursor: encodeCursor(key, epoch.epochId, page.last),
      hasMore: page.hasMore,
    };
    return body;
  });
}
