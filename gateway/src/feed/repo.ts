// Reading the status feed in commit order. A bigserial position alone is not safe: a transaction
// can take position 10, another takes 11 and commits first, and a reader that saw 11 would never
// see 10. Rows are therefore ordered by (feed epoch, xid, position) and a reader only gets rows whose
// xid is below the snapshot's xmin — every transaction below xmin has ended, so nothing can later
// appear behind the cursor. (Older epochs' xids belong to another cluster and have all ended.)
import type pg from 'pg';
import type { StatusEvent } from '@tongban/protocol/sync/status';
import type { TicketState } from '@tongban/protocol/sync/tickets';
import { ticketStates } from '../tickets/repo';
import type { FeedPosition } from './cursor';

/** A page of events and the position after its last event. */
export interface FeedPage {
  events: StatusEvent[];
  /** Tickets changed in this page's range, in their current state. */
  tickets: TicketState[];
  last: FeedPosition;
  hasMore: boolean;
}

interface EventRow {
  kind: 'event' | 'ticket';
  ref: string;
  case_id: string;
  case_version: number;
  status: StatusEvent['status'];
  reason: string | null;
  details: StatusEvent['details'];
  at: Date;
  feed_epoch: number;
  xid_text: string;
  position: number;
}

/**
 * The feed query: status events and 问题处理 ticket changes (ticket_events shares the position sequence, epoch
 * and xid columns) in one order. $1 district, $2–$4 the cursor (ordinal, xid, position), $5 the current ordinal,
 * $6 the limit.
 */
export const FEED_SQL = `SELECT 'event' AS kind, event_id AS ref, case_id, case_version, status, reason, details, at, feed_epoch, xid, xid::text AS xid_text, position
   FROM status_events
   WHERE district = $1
     AND (feed_epoch, xid, position) > ($2, $3::xid8, $4)
     AND (feed_epoch < $5 OR xid < pg_snapshot_xmin(pg_current_snapshot()))
   UNION ALL
   SELECT 'ticket', ticket_id, NULL, NULL, NULL, NULL, NULL, at, feed_epoch, xid, xid::text, position
   FROM ticket_events
   WHERE district = $1
     AND (feed_epoch, xid, position) > ($2, $3::xid8, $4)
     AND (feed_epoch < $5 OR xid < pg_snapshot_xmin(pg_current_snapshot()))
   ORDER BY feed_epoch, xid, position
   LIMIT $6`;

/** The current feed epoch and this cluster's transaction horizon (snapshot xmax), in one round trip. */
export async function feedState(pool: pg.Pool): Promise<{ epoch: { epochId: string; ordinal: number }; xmax: string }> {
  const { rows } = await pool.query<{ epoch_id: string | null; ordinal: number | null; xmax: string }>({
    name: 'feed-state',
    text: `SELECT e.epoch_id, e.ordinal, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax
           FROM (SELECT 1) AS one
           LEFT JOIN (SELECT epoch_id, ordinal FROM feed_epochs ORDER BY ordinal DESC LIMIT 1) AS e ON true`,
  });
  const r = rows[0] as { epoch_id: string | null; ordinal: number | null; xmax: string };
  return {
    epoch: r.epoch_id
      ? { epochId: r.epoch_id, ordinal: r.ordinal ?? 0 }
      : { epochId: '00000000-0000-0000-0000-000000000000', ordinal: 0 },
    xmax: r.xmax,
  };
}

/** Whether a cursor points past what this cluster has ever assigned (the database was rewound). */
export function isBeyondHorizon(after: FeedPosition, currentOrdinal: number, xmax: string): boolean {
  if (after.ordinal !== currentOrdinal) return after.ordinal > currentOrdinal;
  return BigInt(after.xid) >= BigInt(xmax);
}

/** Up to `limit` events of `district` after `after`, in commit-safe order. */
export async function readFeed(
  pool: pg.Pool,
  district: string,
  after: FeedPosition,
  currentOrdinal: number,
  limit: number,
): Promise<FeedPage> {
  const { rows } = await pool.query<EventRow>({
    name: 'feed-page',
    text: FEED_SQL,
    values: [district, after.ordinal, after.xid, after.position, currentOrdinal, limit + 1],
  });
  const page = rows.slice(0, limit);
  const tail = page[page.length - 1];
  const ticketIds = [...new Set(page.filter((r) => r.kind === 'ticket').map((r) => r.ref))];
  return {
    tickets: await ticketStates(pool, ticketIds),
    events: page
      .filter((r) => r.kind === 'event')
      .map((r) => ({
        eventId: r.ref,
        caseId: r.case_id,
        caseVersion: r.case_version,
        status: r.status,
        reason: r.reason,
        details: r.details,
        at: r.at.toISOString(),
      })),
    last: tail ? { ordinal: tail.feed_epoch, xid: tail.xid_text, position: tail.position } : after,
    hasMore: rows.length > limit,
  };
}
