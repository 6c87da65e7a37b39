-- Ratings (好差评) and 差评 follow-ups go to the gateway through the outbox, like cases: a rating,
-- the opening of its follow-up and each step (回访 → 核实 → 整改 → 反馈) are outbox rows written in
-- the transaction that records them. SQLite cannot change a CHECK constraint, so the outbox is
-- rebuilt with the new kinds (ids are kept: they are the per-case order).

CREATE TABLE outbox_new (
  id               INTEGER PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (case_id),
  kind             TEXT NOT NULL CHECK (kind IN ('case', 'attachment', 'supplement', 'rating', 'follow-up', 'follow-up-step')),
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
