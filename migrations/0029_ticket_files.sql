-- 问题处理 (issue #19): files on tickets and their messages, both sides'. A clerk's file is stored with its bytes
-- and pushed after its ticket/message (outbox kind 'ticket-file', uploaded through the case's attachment PUT);
-- a department file arrives as metadata in the ticket state and its bytes are fetched when first opened. Ticket
-- files are not case attachments (not in the case manifest, not in the completeness checks); retention deletes
-- their bytes with the case's ticket text. SQLite cannot change a CHECK constraint: the outbox is rebuilt.
CREATE TABLE case_ticket_files (
  attachment_id TEXT PRIMARY KEY,
  ticket_id     TEXT NOT NULL REFERENCES case_tickets (ticket_id),
  message_id    TEXT,
  side          TEXT NOT NULL CHECK (side IN ('window', 'department', 'supervisor')),
  file_name     TEXT NOT NULL,
  media_type    TEXT NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size          INTEGER NOT NULL,
  sha256        TEXT NOT NULL,
  bytes         BLOB,
  added_at      TEXT NOT NULL,
  synced_at     TEXT,
  purged_at     TEXT
) STRICT;

CREATE INDEX case_ticket_files_ticket ON case_ticket_files (ticket_id);

CREATE TABLE outbox_new (
  id               INTEGER PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (case_id),
  kind             TEXT NOT NULL CHECK (kind IN ('case', 'attachment', 'supplement', 'rating', 'follow-up', 'follow-up-step', 'ticket', 'ticket-message', 'document', 'ticket-file')),
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
