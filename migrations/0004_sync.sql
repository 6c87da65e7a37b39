-- Sync with the department gateway: the enrolled device, the loop's lease and cursor,
-- the department's view of each case, status events as received, and supplements.

CREATE TABLE sync_device (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  gateway_url       TEXT NOT NULL,
  device_id         TEXT NOT NULL,
  epoch             INTEGER NOT NULL,
  district          TEXT NOT NULL,
  public_key        TEXT NOT NULL,
  private_key       TEXT NOT NULL,
  clock_offset_ms   INTEGER NOT NULL DEFAULT 0,
  enrolled_at       TEXT NOT NULL,
  revoked_at        TEXT
) STRICT;

CREATE TABLE sync_state (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  cursor           TEXT,
  last_success_at  TEXT,
  last_error       TEXT,
  online           INTEGER NOT NULL DEFAULT 0,
  lease_owner      TEXT,
  lease_until      TEXT
) STRICT;

INSERT INTO sync_state (id) VALUES (1);

ALTER TABLE cases ADD COLUMN sync_state TEXT NOT NULL DEFAULT 'local'
  CHECK (sync_state IN ('local', 'sending', 'delivered', 'needs-attention'));
ALTER TABLE cases ADD COLUMN department_no TEXT;
ALTER TABLE cases ADD COLUMN dept_status TEXT;
ALTER TABLE cases ADD COLUMN dept_reason TEXT;
ALTER TABLE cases ADD COLUMN dept_details TEXT;
ALTER TABLE cases ADD COLUMN dept_case_version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN attention_reason TEXT;
ALTER TABLE cases ADD COLUMN delivered_at TEXT;

CREATE INDEX cases_sync_state ON cases (sync_state) WHERE sync_state <> 'delivered';

CREATE TABLE status_events (
  event_id      TEXT PRIMARY KEY,
  case_id       TEXT NOT NULL,
  case_version  INTEGER NOT NULL,
  status        TEXT NOT NULL,
  reason        TEXT,
  details       TEXT NOT NULL,
  at            TEXT NOT NULL,
  received_at   TEXT NOT NULL
) STRICT;

CREATE INDEX status_events_case ON status_events (case_id, case_version);

-- Materials added after the department asked for them (补正); immutable once submitted.
CREATE TABLE supplements (
  supplement_id  TEXT PRIMARY KEY,
  case_id        TEXT NOT NULL REFERENCES cases (case_id),
  materials      TEXT NOT NULL,
  note           TEXT NOT NULL,
  created_by     INTEGER NOT NULL REFERENCES users (id),
  submitted_at   TEXT
) STRICT;

CREATE INDEX supplements_case ON supplements (case_id);

ALTER TABLE attachments ADD COLUMN supplement_id TEXT;

CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);
