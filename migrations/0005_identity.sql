-- Identity verification (人证核验) at intake, per person of a case: the applicant, an agent (代办), a
-- minor's guardian. Keyed by case_id, which a draft already carries, so no foreign key to cases.

-- One row per attempt; acceptance looks at the latest attempt of each role since the case was last
-- decided. Holds what was established (name, number, validity) and a sha256 of the chip record,
-- never the chip data itself. id_number is masked once the chip data is purged (minimised_at).
CREATE TABLE identity_verifications (
  id               INTEGER PRIMARY KEY,
  case_id          TEXT NOT NULL,
  role             TEXT NOT NULL CHECK (role IN ('applicant', 'agent', 'guardian')),
  method           TEXT NOT NULL CHECK (method IN ('chip-visual', 'manual')),
  result           TEXT NOT NULL CHECK (result IN ('pass', 'fail')),
  problems         TEXT NOT NULL,
  id_type          TEXT NOT NULL,
  card_doc_type    TEXT CHECK (card_doc_type IN ('resident-id', 'hk-mo-tw-residence', 'foreign-permanent-2017', 'foreign-permanent-2023')),
  name             TEXT NOT NULL,
  name_en          TEXT,
  id_number        TEXT NOT NULL,
  birth_date       TEXT,
  valid_to         TEXT,
  chip_sha256      TEXT,
  photo_shown      INTEGER NOT NULL CHECK (photo_shown IN (0, 1)),
  manual_reason    TEXT,
  confirmed_match  INTEGER NOT NULL CHECK (confirmed_match IN (0, 1)),
  verified_by      INTEGER NOT NULL REFERENCES users (id),
  verified_at      TEXT NOT NULL,
  minimised_at     TEXT,
  CHECK ((method = 'chip-visual') = (chip_sha256 IS NOT NULL AND card_doc_type IS NOT NULL)),
  CHECK (method = 'chip-visual' OR manual_reason IS NOT NULL)
) STRICT;

CREATE INDEX identity_verifications_case ON identity_verifications (case_id, role, id);

-- A supervisor letting a role through without (or despite) a verification; audited as identity.override.
CREATE TABLE identity_overrides (
  id           INTEGER PRIMARY KEY,
  case_id      TEXT NOT NULL,
  role         TEXT NOT NULL CHECK (role IN ('applicant', 'agent', 'guardian')),
  reason       TEXT NOT NULL,
  approved_by  INTEGER NOT NULL REFERENCES users (id),
  approved_at  TEXT NOT NULL
) STRICT;

CREATE INDEX identity_overrides_case ON identity_overrides (case_id, role, id);

-- Chip data and photo of a passed chip verification, kept only while needed (domain-facts §8) and
-- purged a configured number of days after the case is delivered. Never copied into cases.application.
CREATE TABLE identity_chip_data (
  verification_id   INTEGER PRIMARY KEY REFERENCES identity_verifications (id),
  case_id           TEXT NOT NULL,
  card              TEXT NOT NULL,
  photo             BLOB,
  photo_media_type  TEXT,
  stored_at         TEXT NOT NULL
) STRICT;

CREATE INDEX identity_chip_data_case ON identity_chip_data (case_id);
