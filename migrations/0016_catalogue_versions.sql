-- Catalogue + routing versions fetched from the department gateway (GET /v1/catalogue/latest), each verified
-- against the gateway's catalogue key pinned at enrolment. At most one is active (in force for new cases); none
-- active means the shipped (or file-imported) catalogue. Rows are kept: a case filed under a version keeps it.
-- state: available (fetched, not applied) | active | superseded (applied before, replaced) | rolled-back.
CREATE TABLE catalogue_versions (
  version         TEXT PRIMARY KEY,
  published_at    TEXT NOT NULL,
  catalogue       TEXT NOT NULL,
  routing         TEXT NOT NULL,
  signature       TEXT NOT NULL,
  fetched_at      TEXT NOT NULL,
  state           TEXT NOT NULL DEFAULT 'available'
    CHECK (state IN ('available', 'active', 'superseded', 'rolled-back')),
  applied_at      TEXT,
  rolled_back_at  TEXT
) STRICT;

CREATE UNIQUE INDEX catalogue_versions_one_active ON catalogue_versions (state) WHERE state = 'active';

-- The gateway's catalogue public key (raw Ed25519, base64), learned at enrolment; NULL for devices enrolled
-- with a gateway older than catalogue versions (they re-enrol to take versions).
ALTER TABLE sync_device ADD COLUMN catalogue_key TEXT;
