-- Case intake: drafts, offline receipt numbers, cases with their materials and attachments, the sync outbox.

-- Work in progress at the counter, saved as the clerk types. `case_id` is the UUIDv7 that the case keeps forever.
CREATE TABLE drafts (
  case_id         TEXT PRIMARY KEY,
  owner_id        INTEGER NOT NULL REFERENCES users (id),
  matter_code     TEXT,
  situation_code  TEXT,
  data            TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;

CREATE INDEX drafts_owner ON drafts (owner_id, updated_at);

-- One gap-free daily sequence per window; bumped in the same transaction as the document it numbers.
CREATE TABLE document_counters (
  window_code    TEXT NOT NULL,
  business_date  TEXT NOT NULL,
  last_sequence  INTEGER NOT NULL,
  PRIMARY KEY (window_code, business_date)
) STRICT, WITHOUT ROWID;

CREATE TABLE cases (
  case_id              TEXT PRIMARY KEY,
  outcome              TEXT NOT NULL CHECK (outcome IN ('accepted', 'incomplete', 'rejected')),
  receipt_no           TEXT UNIQUE,
  notice_no            TEXT UNIQUE,
  business_date        TEXT NOT NULL,
  started_at           TEXT NOT NULL,
  decided_at           TEXT NOT NULL,
  clerk_id             INTEGER NOT NULL REFERENCES users (id),
  window_code          TEXT NOT NULL,
  catalogue_version    TEXT NOT NULL,
  matter_code          TEXT NOT NULL,
  matter_name          TEXT NOT NULL,
  situation_code       TEXT NOT NULL,
  situation_name       TEXT NOT NULL,
  locality_division    TEXT NOT NULL,
  department_id        TEXT,
  department_name      TEXT,
  mode                 TEXT NOT NULL CHECK (mode IN ('self', 'assisted', 'proxy')),
  applicant_name       TEXT NOT NULL,
  applicant_id_type    TEXT NOT NULL,
  applicant_id_number  TEXT NOT NULL,
  applicant_phone      TEXT,
  agent_name           TEXT,
  agent_id_number      TEXT,
  agent_relationship   TEXT,
  promised_days        INTEGER,
  application          TEXT NOT NULL,
  missing              TEXT,
  reject_reason        TEXT
) STRICT;

CREATE INDEX cases_day ON cases (business_date, decided_at);
CREATE INDEX cases_id_number ON cases (applicant_id_number);
CREATE INDEX cases_name ON cases (applicant_name);
CREATE INDEX cases_phone ON cases (applicant_phone);
CREATE INDEX cases_clerk_day ON cases (clerk_id, business_date);
CREATE INDEX cases_matter_day ON cases (matter_code, business_date);

CREATE TABLE case_materials (
  case_id        TEXT NOT NULL REFERENCES cases (case_id),
  position       INTEGER NOT NULL,
  material_code  TEXT NOT NULL,
  name           TEXT NOT NULL,
  handling       TEXT NOT NULL CHECK (handling IN ('seen-returned', 'kept-to-mail', 'copy', 'electronic', 'not-provided')),
  pages          INTEGER NOT NULL,
  required       INTEGER NOT NULL CHECK (required IN (0, 1)),
  PRIMARY KEY (case_id, position)
) STRICT, WITHOUT ROWID;

-- Scanned files, content-addressed; a draft's attachments already carry the case id they will keep.
CREATE TABLE attachment_blobs (
  sha256  TEXT PRIMARY KEY,
  bytes   BLOB NOT NULL
) STRICT;

CREATE TABLE attachments (
  attachment_id  TEXT PRIMARY KEY,
  case_id        TEXT NOT NULL,
  material_code  TEXT NOT NULL,
  file_name      TEXT NOT NULL,
  media_type     TEXT NOT NULL,
  size           INTEGER NOT NULL,
  sha256         TEXT NOT NULL REFERENCES attachment_blobs (sha256),
  added_by       INTEGER NOT NULL REFERENCES users (id),
  added_at       TEXT NOT NULL
) STRICT;

CREATE INDEX attachments_case ON attachments (case_id);

-- Transactional outbox: written with the case, drained by the sync loop.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  case_id          TEXT NOT NULL REFERENCES cases (case_id),
  kind             TEXT NOT NULL CHECK (kind IN ('case', 'attachment', 'supplement')),
  ref              TEXT,
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT,
  last_error       TEXT,
  created_at       TEXT NOT NULL,
  done_at          TEXT
) STRICT;

CREATE INDEX outbox_pending ON outbox (state, id);
CREATE INDEX outbox_case ON outbox (case_id);
