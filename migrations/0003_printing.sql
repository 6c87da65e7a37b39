-- Printing: per-window printer settings, the print log, the EMS waybill-number pool and the
-- waybills recorded against cases.

-- One row per window (the hall's window code). Targets: 'none' | 'pdf' | 'tcp://host:port' |
-- a device path | 'system:<name>'; the document profile (hall address, seal, 好差评 URL) as JSON.
CREATE TABLE printer_settings (
  window_code      TEXT PRIMARY KEY,
  thermal_target   TEXT NOT NULL,
  thermal_width    INTEGER NOT NULL CHECK (thermal_width IN (58, 80)),
  a4_target        TEXT NOT NULL,
  label_target     TEXT NOT NULL,
  documents        TEXT NOT NULL,
  pool_low_watermark INTEGER NOT NULL CHECK (pool_low_watermark >= 0),
  updated_at       TEXT NOT NULL,
  updated_by       INTEGER REFERENCES users (id)
) STRICT, WITHOUT ROWID;

-- Every print attempt: written as 'pending' before the job is sent, then 'printed' or 'failed'.
-- The copy number counts printed copies of the same document; a failed attempt keeps its number
-- for the retry. `document_ref` tells apart documents of one kind (the waybill number), else ''.
CREATE TABLE print_log (
  id              INTEGER PRIMARY KEY,
  print_id        TEXT NOT NULL UNIQUE,
  case_id         TEXT NOT NULL REFERENCES cases (case_id),
  document_kind   TEXT NOT NULL CHECK (document_kind IN ('acceptance-receipt', 'incomplete-notice', 'rejection-notice', 'material-transfer', 'waybill')),
  document_ref    TEXT NOT NULL DEFAULT '',
  document_no     TEXT NOT NULL,
  format          TEXT NOT NULL CHECK (format IN ('thermal-80', 'thermal-58', 'a4', 'label-76x130', 'label-100x150')),
  printer         TEXT NOT NULL,
  user_id         INTEGER NOT NULL REFERENCES users (id),
  user_name       TEXT NOT NULL,
  printed_at      TEXT NOT NULL,
  copy_no         INTEGER NOT NULL CHECK (copy_no >= 1),
  reprint         INTEGER NOT NULL CHECK (reprint IN (0, 1)),
  state           TEXT NOT NULL CHECK (state IN ('pending', 'printed', 'failed')),
  error_code      TEXT,
  output_path     TEXT,
  content_sha256  TEXT,
  finished_at     TEXT
) STRICT;

CREATE INDEX print_log_document ON print_log (case_id, document_kind, document_ref, state);
CREATE INDEX print_log_time ON print_log (printed_at);

-- Numbers allocated by EMS to this window (单号池), imported from a file. Never generated locally.
CREATE TABLE waybill_pool (
  waybill_no    TEXT PRIMARY KEY,
  source        TEXT NOT NULL,
  imported_at   TEXT NOT NULL,
  imported_by   INTEGER REFERENCES users (id),
  used_by_case  TEXT REFERENCES cases (case_id),
  used_at       TEXT
) STRICT, WITHOUT ROWID;

CREATE INDEX waybill_pool_available ON waybill_pool (imported_at, waybill_no) WHERE used_by_case IS NULL;

-- Waybills recorded against cases: direction, parties (full values; labels print them masked),
-- contents, pieces, weight, payment and tracking state.
CREATE TABLE waybills (
  waybill_no          TEXT PRIMARY KEY,
  case_id             TEXT NOT NULL REFERENCES cases (case_id),
  direction           TEXT NOT NULL CHECK (direction IN ('materials-to-locality', 'result-to-applicant')),
  number_source       TEXT NOT NULL CHECK (number_source IN ('pool', 'manual')),
  sender_name         TEXT NOT NULL,
  sender_phone        TEXT NOT NULL,
  sender_address      TEXT NOT NULL,
  sender_organization TEXT,
  recipient_name      TEXT NOT NULL,
  recipient_phone     TEXT NOT NULL,
  recipient_address   TEXT NOT NULL,
  recipient_organization TEXT,
  recipient_division  TEXT,
  contents            TEXT NOT NULL CHECK (contents IN ('certificates', 'official-documents')),
  pieces              INTEGER NOT NULL CHECK (pieces BETWEEN 1 AND 99),
  weight_grams        INTEGER NOT NULL CHECK (weight_grams > 0),
  payment             TEXT NOT NULL CHECK (payment IN ('sender-pays', 'recipient-pays', 'government-paid')),
  state               TEXT NOT NULL CHECK (state IN ('sent', 'signed')),
  created_by          INTEGER NOT NULL REFERENCES users (id),
  created_at          TEXT NOT NULL,
  sent_at             TEXT NOT NULL,
  signed_at           TEXT,
  updated_at          TEXT NOT NULL
) STRICT, WITHOUT ROWID;

CREATE INDEX waybills_case ON waybills (case_id, direction);
