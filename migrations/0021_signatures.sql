-- 电子签名 (issue #12, decision 0155). The customer screen signs with a one-time ticket (only its SHA-256 is
-- stored), issued for a draft or a case: no foreign key to cases, the case row exists only after 受理.
CREATE TABLE signature_tickets (
  ticket_hash  TEXT PRIMARY KEY,
  case_id      TEXT NOT NULL,
  signer       TEXT NOT NULL CHECK (signer IN ('applicant', 'agent')),
  application  TEXT NOT NULL,
  issued_by    INTEGER NOT NULL REFERENCES users (id),
  issued_at    TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  used_at      TEXT,
  outcome      TEXT CHECK (outcome IN ('signed', 'superseded'))
) STRICT, WITHOUT ROWID;

CREATE INDEX signature_tickets_case ON signature_tickets (case_id, issued_at);

-- One row per signing; a later signing by the same signer supersedes the earlier one. Rows are never
-- edited otherwise: whether a signature still binds is recomputed from its hashes and the current content.
CREATE TABLE case_signatures (
  signature_id    TEXT PRIMARY KEY,
  case_id         TEXT NOT NULL,
  signer          TEXT NOT NULL CHECK (signer IN ('applicant', 'agent')),
  signer_name     TEXT NOT NULL,
  documents       TEXT NOT NULL,
  text            TEXT NOT NULL,
  text_sha256     TEXT NOT NULL,
  content_sha256  TEXT NOT NULL,
  points          TEXT NOT NULL,
  png             BLOB NOT NULL,
  png_sha256      TEXT NOT NULL,
  svg             TEXT NOT NULL,
  signed_at       TEXT NOT NULL,
  superseded_at   TEXT
) STRICT, WITHOUT ROWID;

CREATE INDEX case_signatures_case ON case_signatures (case_id, signer, signed_at);
