// Applying one page of the gateway's status feed at the window: the events (once each), the cases' department
// view (only from a newer case version), the page's ticket states and the cursor after it, in one transaction.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { TicketState } from '@tongban/protocol/sync/tickets';
import { statement } from '../db/statements';
import type { TicketsRepo } from '../tickets/tickets-repo';

/** A status event as received from the gateway. */
export interface ReceivedEvent {
  eventId: string;
  caseId: string;
  caseVersion: number;
  status: string;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
}

/** One page of the feed as the window stores it. */
export interface FeedPage {
  events: readonly ReceivedEvent[];
  cursor: string | null;
  receivedAt: string;
  tickets: readonly TicketState[];
}

/** Stores `page` in one transaction; returns how many of its events were new. */
export function applyFeedPage(db: Database.Database, ticketsRepo: TicketsRepo, page: FeedPage): number {
  const { events, cursor, receivedAt, tickets } = page;
  const insert = statement(
    db,
    `INSERT OR IGNORE INTO status_events (event_id, case_id, case_version, status, reason, details, at, received_at)
   VALUES (@eventId, @caseId, @caseVersion, @status, @reason, @details, @at, @receivedAt)`,
  );
  const apply = statement(
    db,
    // An event without documents (a supplement's, an older gateway's) keeps the 办理地 documents announced before.
    `UPDATE cases SET dept_status = @status, dept_reason = @reason, dept_case_version = @caseVersion,
     dept_details = CASE WHEN json_extract(@details, '$.documents') IS NULL AND json_extract(dept_details, '$.documents') IS NOT NULL
       THEN json_set(@details, '$.documents', json(json_extract(dept_details, '$.documents'))) ELSE @details END,
     department_no = coalesce(department_no, @departmentNo)
   WHERE case_id = @caseId AND dept_case_version < @caseVersion`,
  );
  return db.transaction(() => {
    let fresh = 0;
    for (const e of events) {
      const details = JSON.stringify(e.details);
      if (insert.run({ ...e, details, receivedAt }).changes === 1) fresh += 1;
      const departmentNo = typeof e.details.departmentNo === 'string' ? e.details.departmentNo : null;
      apply.run({
        caseId: e.caseId,
        status: e.status,
        reason: e.reason,
        details,
        caseVersion: e.caseVersion,
        departmentNo,
      });
    }
    ticketsRepo.applyStates(tickets, receivedAt);
    statement(db, 'UPDATE sync_state SET cursor = ? WHERE id = 1').run(cursor);
    return fresh;
  })();
}
