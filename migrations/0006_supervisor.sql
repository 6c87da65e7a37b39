-- Supervisor tools: closed days (日结) with their frozen ledger snapshot and the adjustments
-- recorded after closing, 好差评 rating tickets, ratings and 差评 follow-ups, exports, backups,
-- restores and retention purges.

-- One row per closing of a day; reopening (admin, with a reason) keeps the row and a later
-- closing adds version + 1. The hash is also in the audit chain (entry `audit_seq`).
CREATE TABLE closed_days (
  business_date   TEXT NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1),
  ledger_hash     TEXT NOT NULL,
  totals          TEXT NOT NULL,
  row_count       INTEGER NOT NULL,
  closed_at       TEXT NOT NULL,
  closed_by       INTEGER NOT NULL REFERENCES users (id),
  closed_by_name  TEXT NOT NULL,
  audit_seq       INTEGER NOT NULL,
  -- Adjustments of this closing are the day's rows in ledger_adjustments with a larger id.
  adjustments_after INTEGER NOT NULL,
  reopened_at     TEXT,
  reopened_by     INTEGER REFERENCES users (id),
  reopened_by_name TEXT,
  reopen_reason   TEXT,
  PRIMARY KEY (business_date, version)
) STRICT, WITHOUT ROWID;

CREATE UNIQUE INDEX closed_days_current ON closed_days (business_date) WHERE reopened_at IS NULL;

-- Only the reopen columns of a current closing may ever be set; nothing is deleted.
CREATE TRIGGER closed_days_frozen BEFORE UPDATE ON closed_days
WHEN OLD.reopened_at IS NOT NULL OR NEW.ledger_hash IS NOT OLD.ledger_hash OR NEW.totals IS NOT OLD.totals
  OR NEW.row_count IS NOT OLD.row_count OR NEW.closed_at IS NOT OLD.closed_at OR NEW.closed_by IS NOT OLD.closed_by
  OR NEW.audit_seq IS NOT OLD.audit_seq OR NEW.adjustments_after IS NOT OLD.adjustments_after OR NEW.business_date IS NOT OLD.business_date OR NEW.version IS NOT OLD.version
BEGIN
  SELECT RAISE(ABORT, 'a closed day is frozen');
END;

CREATE TRIGGER closed_days_no_delete BEFORE DELETE ON closed_days
BEGIN
  SELECT RAISE(ABORT, 'a closed day is frozen');
END;

-- The ledger rows as they were when the day was closed (masked, canonical JSON).
CREATE TABLE closed_day_rows (
  business_date  TEXT NOT NULL,
  version        INTEGER NOT NULL,
  position       INTEGER NOT NULL,
  case_id        TEXT NOT NULL,
  row            TEXT NOT NULL,
  PRIMARY KEY (business_date, version, position)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER closed_day_rows_no_update BEFORE UPDATE ON closed_day_rows
BEGIN
  SELECT RAISE(ABORT, 'closed ledger rows are frozen');
END;

CREATE TRIGGER closed_day_rows_no_delete BEFORE DELETE ON closed_day_rows
BEGIN
  SELECT RAISE(ABORT, 'closed ledger rows are frozen');
END;

-- Changes that reached a case of a closed day: never an edit of the snapshot, always a dated
-- row here (field names are the ledger's). Written by the triggers below, whoever changes the case.
CREATE TABLE ledger_adjustments (
  id             INTEGER PRIMARY KEY,
  business_date  TEXT NOT NULL,
  case_id        TEXT NOT NULL,
  field          TEXT NOT NULL,
  old_value      TEXT,
  new_value      TEXT,
  recorded_at    TEXT NOT NULL
) STRICT;

CREATE INDEX ledger_adjustments_recorded ON ledger_adjustments (recorded_at);
CREATE INDEX ledger_adjustments_day ON ledger_adjustments (business_date, case_id);

CREATE TRIGGER ledger_adjustments_no_update BEFORE UPDATE ON ledger_adjustments
BEGIN
  SELECT RAISE(ABORT, 'adjustments are append-only');
END;

CREATE TRIGGER ledger_adjustments_no_delete BEFORE DELETE ON ledger_adjustments
BEGIN
  SELECT RAISE(ABORT, 'adjustments are append-only');
END;

CREATE TRIGGER cases_closed_day_update AFTER UPDATE OF outcome, receipt_no, notice_no, business_date, decided_at, sync_state, department_no, dept_status ON cases
WHEN EXISTS (SELECT 1 FROM closed_days WHERE business_date = OLD.business_date AND reopened_at IS NULL)
BEGIN
  INSERT INTO ledger_adjustments (business_date, case_id, field, old_value, new_value, recorded_at)
  SELECT OLD.business_date, OLD.case_id, f, o, n, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  FROM (
    SELECT 'outcome' AS f, OLD.outcome AS o, NEW.outcome AS n
    UNION ALL SELECT 'documentNo', coalesce(OLD.receipt_no, OLD.notice_no), coalesce(NEW.receipt_no, NEW.notice_no)
    UNION ALL SELECT 'businessDate', OLD.business_date, NEW.business_date
    UNION ALL SELECT 'decidedAt', OLD.decided_at, NEW.decided_at
    UNION ALL SELECT 'syncState', OLD.sync_state, NEW.sync_state
    UNION ALL SELECT 'departmentNo', OLD.department_no, NEW.department_no
    UNION ALL SELECT 'deptStatus', OLD.dept_status, NEW.dept_status
  )
  WHERE o IS NOT n;
END;

-- A case that arrives on a closed day (decided after the closing, or completed onto it).
CREATE TRIGGER cases_closed_day_insert AFTER INSERT ON cases
WHEN EXISTS (SELECT 1 FROM closed_days WHERE business_date = NEW.business_date AND reopened_at IS NULL)
BEGIN
  INSERT INTO ledger_adjustments (business_date, case_id, field, old_value, new_value, recorded_at)
  VALUES (NEW.business_date, NEW.case_id, 'caseAdded', NULL, coalesce(NEW.receipt_no, NEW.notice_no), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER cases_closed_day_moved_in AFTER UPDATE OF business_date ON cases
WHEN NEW.business_date IS NOT OLD.business_date
  AND EXISTS (SELECT 1 FROM closed_days WHERE business_date = NEW.business_date AND reopened_at IS NULL)
BEGIN
  INSERT INTO ledger_adjustments (business_date, case_id, field, old_value, new_value, recorded_at)
  VALUES (NEW.business_date, NEW.case_id, 'caseAdded', OLD.business_date, coalesce(NEW.receipt_no, NEW.notice_no), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

CREATE TRIGGER waybills_closed_day_insert AFTER INSERT ON waybills
WHEN EXISTS (SELECT 1 FROM cases c JOIN closed_days d ON d.business_date = c.business_date AND d.reopened_at IS NULL WHERE c.case_id = NEW.case_id)
BEGIN
  INSERT INTO ledger_adjustments (business_date, case_id, field, old_value, new_value, recorded_at)
  SELECT c.business_date, NEW.case_id, 'waybillNos', NULL, NEW.waybill_no, strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM cases c WHERE c.case_id = NEW.case_id;
END;

-- 好差评: a ticket lets the customer screen rate one case once. Only its SHA-256 is stored.
CREATE TABLE rating_tickets (
  ticket_hash  TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL REFERENCES cases (case_id),
  issued_by    INTEGER NOT NULL REFERENCES users (id),
  issued_at    TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  used_at      TEXT,
  outcome      TEXT CHECK (outcome IN ('rated', 'declined', 'superseded'))
) STRICT, WITHOUT ROWID;

CREATE INDEX rating_tickets_case ON rating_tickets (case_id, issued_at);

-- One rating per case (现场服务"一次一评"). Ids are UUIDv7 so a later sync can push them idempotently.
CREATE TABLE ratings (
  rating_id      TEXT PRIMARY KEY,
  case_id        TEXT NOT NULL UNIQUE REFERENCES cases (case_id),
  level          INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  indicators     TEXT NOT NULL,
  comment        TEXT NOT NULL,
  real_name      INTEGER NOT NULL CHECK (real_name IN (0, 1)),
  contact_name   TEXT,
  contact_phone  TEXT,
  channel        TEXT NOT NULL CHECK (channel IN ('window-device')),
  hall_division  TEXT NOT NULL,
  window_code    TEXT NOT NULL,
  clerk_id       INTEGER NOT NULL REFERENCES users (id),
  matter_code    TEXT NOT NULL,
  rated_at       TEXT NOT NULL,
  synced_at      TEXT
) STRICT;

CREATE INDEX ratings_time ON ratings (rated_at);

CREATE TRIGGER ratings_closed_day_insert AFTER INSERT ON ratings
WHEN EXISTS (SELECT 1 FROM cases c JOIN closed_days d ON d.business_date = c.business_date AND d.reopened_at IS NULL WHERE c.case_id = NEW.case_id)
BEGIN
  INSERT INTO ledger_adjustments (business_date, case_id, field, old_value, new_value, recorded_at)
  SELECT c.business_date, NEW.case_id, 'rating', NULL, CAST(NEW.level AS TEXT), strftime('%Y-%m-%dT%H:%M:%fZ', 'now') FROM cases c WHERE c.case_id = NEW.case_id;
END;

-- A 差评 opens one follow-up with a deadline in working days (official holiday calendar).
CREATE TABLE follow_ups (
  follow_up_id      TEXT PRIMARY KEY,
  rating_id         TEXT NOT NULL UNIQUE REFERENCES ratings (rating_id),
  case_id           TEXT NOT NULL REFERENCES cases (case_id),
  opened_at         TEXT NOT NULL,
  start_date        TEXT NOT NULL,
  due_date          TEXT NOT NULL,
  working_days      INTEGER NOT NULL,
  calendar_version  TEXT NOT NULL,
  due_verified      INTEGER NOT NULL CHECK (due_verified IN (0, 1)),
  state             TEXT NOT NULL CHECK (state IN ('open', 'done')),
  closed_at         TEXT,
  synced_at         TEXT
) STRICT;

CREATE INDEX follow_ups_open ON follow_ups (state, due_date);

-- 回访 → 核实 → 整改 → 反馈, each recorded once with who, when and what; never edited.
CREATE TABLE follow_up_steps (
  step_id       TEXT PRIMARY KEY,
  follow_up_id  TEXT NOT NULL REFERENCES follow_ups (follow_up_id),
  case_id       TEXT NOT NULL,
  step          TEXT NOT NULL CHECK (step IN ('callback', 'verify', 'rectify', 'feedback')),
  note          TEXT NOT NULL,
  contacted     INTEGER CHECK (contacted IN (0, 1)),
  finding       TEXT CHECK (finding IN ('substantiated', 'partly', 'unsubstantiated')),
  by_id         INTEGER NOT NULL REFERENCES users (id),
  by_name       TEXT NOT NULL,
  at            TEXT NOT NULL,
  synced_at     TEXT,
  UNIQUE (follow_up_id, step)
) STRICT;

CREATE TRIGGER follow_up_steps_no_delete BEFORE DELETE ON follow_up_steps
BEGIN
  SELECT RAISE(ABORT, 'follow-up steps are append-only');
END;

-- Files written by exports (in <dataDir>/exports); downloaded by id, never by a path from the UI.
CREATE TABLE exports (
  export_id   TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('ledger', 'audit')),
  format      TEXT NOT NULL CHECK (format IN ('xlsx', 'csv', 'pdf')),
  file_name   TEXT NOT NULL,
  size        INTEGER NOT NULL,
  sha256      TEXT NOT NULL,
  row_count   INTEGER NOT NULL,
  params      TEXT NOT NULL,
  created_by  INTEGER NOT NULL REFERENCES users (id),
  created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX exports_time ON exports (created_at);

-- Every backup attempt, verified after writing (opens, quick_check, row counts).
CREATE TABLE backups (
  backup_id    TEXT PRIMARY KEY,
  file_name    TEXT NOT NULL,
  folder       TEXT NOT NULL,
  trigger      TEXT NOT NULL CHECK (trigger IN ('scheduled', 'manual')),
  started_at   TEXT NOT NULL,
  finished_at  TEXT NOT NULL,
  state        TEXT NOT NULL CHECK (state IN ('ok', 'failed')),
  error        TEXT,
  size         INTEGER,
  cases        INTEGER,
  audit_rows   INTEGER,
  rotated_at   TEXT
) STRICT;

CREATE INDEX backups_time ON backups (state, finished_at);

-- Cases whose personal data was purged (retention); the masked ledger rows stay.
CREATE TABLE case_purges (
  case_id         TEXT PRIMARY KEY REFERENCES cases (case_id),
  purged_at       TEXT NOT NULL,
  retention_days  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
