-- 问题处理 (issue #19): problem tickets on a case, opened at this window or at the department. Tickets and
-- messages written here are pushed through the outbox (kinds 'ticket' and 'ticket-message'); the gateway's
-- state of every ticket of this district's cases comes back in the status feed and is applied by version.
CREATE TABLE case_tickets (
  ticket_id       TEXT PRIMARY KEY,
  case_id         TEXT NOT NULL REFERENCES cases (case_id),
  category        TEXT NOT NULL CHECK (category IN ('material-question', 'originals-missing', 'applicant-request', 'system', 'other')),
  opened_by_side  TEXT NOT NULL CHECK (opened_by_side IN ('window', 'department')),
  opened_by       TEXT NOT NULL,
  -- The local user who opened it (window tickets only).
  opened_by_user  INTEGER REFERENCES users (id),
  body            TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
  opened_at       TEXT NOT NULL,
  -- Set by the gateway (deadlines are counted there); null until a window ticket has been echoed back.
  due_at          TEXT,
  answered_at     TEXT,
  escalated_at    TEXT,
  closed_at       TEXT,
  -- The gateway's version of the ticket last applied (0 = not yet seen from the gateway).
  gateway_version INTEGER NOT NULL DEFAULT 0,
  synced_at       TEXT,
  -- When a department ticket (or its latest answer) was first shown at this window: new until then.
  seen_at         TEXT
) STRICT;
CREATE INDEX case_tickets_case ON case_tickets (case_id, opened_at);
CREATE INDEX case_tickets_open ON case_tickets (status, due_at);

CREATE TABLE case_ticket_messages (
  message_id TEXT PRIMARY KEY,
  ticket_id  TEXT NOT NULL REFERENCES case_tickets (ticket_id),
  side       TEXT NOT NULL CHECK (side IN ('window', 'department', 'supervisor')),
  author     TEXT NOT NULL,
  body       TEXT NOT NULL,
  at         TEXT NOT NULL,
  synced_at  TEXT
) STRICT;
CREATE INDEX case_ticket_messages_ticket ON case_ticket_messages (ticket_id, at);

-- The outbox takes the two new kinds. SQLite cannot change a CHECK constraint, so the outbox is rebuilt as in
-- 0008 (ids are kept: they are the per-case order).
CREATE TABLE outbox_new (
  id               INTEGER PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (case_id),
  kind             TEXT NOT NULL CHECK (kind IN ('case', 'attachment', 'supplement', 'rating', 'follow-up', 'follow-up-step', 'ticket', 'ticket-message')),
  ref              TEXT,
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT,
  last_error       TEXT,
  created_at       TEXT NOT NULL,
  done_at          TEXT
) STRICT;

INSERT INTO outbox_new (id, case_id, kind, ref, state, attempts, next_attempt_at, last_error, created_at, done_at)
  SELECT id, case_id, kind, ref, state, attempts, next_attempt_at, last_error, created_at, done_at FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;

CREATE INDEX outbox_pending ON outbox (state, id);
CREATE INDEX outbox_case ON outbox (case_id);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);
