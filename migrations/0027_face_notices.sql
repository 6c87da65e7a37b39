-- 人证比对 PIPL notice shown on the applicant's own display (decision 0190). The clerk opens a one-time ticket
-- for one person of a case; the customer display fetches the notice with it (shown_at: main knows the
-- notice reached that display) and the applicant answers there (agreed / refused). identity:faceMatch
-- needs an agreed, unused notice of that case and role, and records which verification used it.
-- No personal data: the case, the role, the hash of the exact text shown, and the times.
CREATE TABLE identity_face_notices (
  notice_id TEXT PRIMARY KEY,
  ticket_hash TEXT NOT NULL UNIQUE,
  case_id TEXT NOT NULL,
  role TEXT NOT NULL,
  text_sha256 TEXT NOT NULL,
  issued_by INTEGER NOT NULL,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  shown_at TEXT,
  answer TEXT CHECK (answer IN ('agreed', 'refused')),
  answered_at TEXT,
  superseded_at TEXT,
  verification_id INTEGER
) STRICT;
CREATE INDEX identity_face_notices_case ON identity_face_notices (case_id, role);
