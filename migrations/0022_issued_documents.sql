-- 扫码核验 (docs/decisions/0165-verification-token.md): every notice the window issues is reported to the
-- gateway through the outbox (kind 'document'), with the SHA-256 of the bytes issued and the verifier of
-- the QR token. SQLite cannot change a CHECK constraint, so the outbox is rebuilt with the new kind (ids kept).

CREATE TABLE issued_documents (
  print_id         TEXT PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (case_id),
  document_no      TEXT NOT NULL,
  kind             TEXT NOT NULL,
  format           TEXT NOT NULL,
  copy             INTEGER NOT NULL,
  pdf_sha256       TEXT,
  verifier         TEXT NOT NULL,
  pickup_verifier  TEXT,
  issued_at        TEXT NOT NULL,
  synced_at        TEXT
) STRICT;

CREATE INDEX issued_documents_case ON issued_documents (case_id);

CREATE TABLE outbox_new (
  id               INTEGER PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (case_id),
  kind             TEXT NOT NULL CHECK (kind IN ('case', 'attachment', 'supplement', 'rating', 'follow-up', 'follow-up-step', 'ticket', 'ticket-message', 'document')),
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
