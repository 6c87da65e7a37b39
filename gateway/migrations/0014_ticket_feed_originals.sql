-- 问题处理 (issue #19), beside the shared schema of 0011: what the tickets code needs to sync and to watch the
-- originals' parcel. Nothing here changes the meaning of case_tickets / case_ticket_messages.

-- A ticket's state changes with each message: `version` orders the states a window receives.
ALTER TABLE case_tickets ADD COLUMN version integer NOT NULL DEFAULT 1;
-- The SHA-256 of the canonical manifest a window pushed (null for tickets opened at the department): a replay
-- with the same body is answered again, another body under the same id is refused.
ALTER TABLE case_tickets ADD COLUMN manifest_hash char(64);
ALTER TABLE case_ticket_messages ADD COLUMN manifest_hash char(64);
-- At most one automatic 原件未到 ticket per case.
CREATE UNIQUE INDEX case_tickets_originals_auto ON case_tickets (case_id)
  WHERE category = 'originals-missing' AND opened_by = 'system';

-- One row per change of a ticket, in the status feed's order: the same position sequence, epoch and xid as
-- status_events, so the feed reads both in one commit-safe order (gateway/src/feed/repo.ts).
CREATE TABLE ticket_events (
  position bigint PRIMARY KEY DEFAULT nextval('status_events_position_seq'),
  ticket_id uuid NOT NULL REFERENCES case_tickets,
  district char(6) NOT NULL,
  feed_epoch integer NOT NULL DEFAULT current_feed_epoch(),
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ticket_events_feed ON ticket_events (district, feed_epoch, xid, position);

-- The 办理地 confirms receipt of the mailed originals (原件留存待寄递) in the system, not only on paper.
CREATE TABLE case_originals (
  case_id uuid PRIMARY KEY REFERENCES cases,
  received_at timestamptz NOT NULL DEFAULT now(),
  confirmed_by text NOT NULL,
  condition text NOT NULL CHECK (condition IN ('intact', 'damaged')),
  note text NOT NULL DEFAULT ''
);
