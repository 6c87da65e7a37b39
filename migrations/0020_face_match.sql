-- 人证比对 (issue #12): a verification may be decided by comparing a camera frame with the chip photo
-- (method face-match). SQLite cannot change a CHECK constraint, so identity_verifications is rebuilt
-- with the new method (ids kept); identity_chip_data, which references it, is moved aside and back.
-- The comparison itself (similarity, threshold, model, frame sha256, advisory liveness) and the frame
-- as evidence go to identity_face_matches; the frame is purged with the chip data.

CREATE TABLE identity_verifications_new (
  id               INTEGER PRIMARY KEY,
  case_id          TEXT NOT NULL,
  role             TEXT NOT NULL CHECK (role IN ('applicant', 'agent', 'guardian')),
  method           TEXT NOT NULL CHECK (method IN ('chip-visual', 'manual', 'face-match')),
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
  CHECK ((method IN ('chip-visual', 'face-match')) = (chip_sha256 IS NOT NULL AND card_doc_type IS NOT NULL)),
  CHECK (method <> 'manual' OR manual_reason IS NOT NULL)
) STRICT;

INSERT INTO identity_verifications_new SELECT id, case_id, role, method, result, problems, id_type, card_doc_type, name, name_en,
  id_number, birth_date, valid_to, chip_sha256, photo_shown, manual_reason, confirmed_match, verified_by, verified_at, minimised_at
  FROM identity_verifications;

CREATE TABLE identity_chip_data_moving AS SELECT * FROM identity_chip_data;
DROP TABLE identity_chip_data;
DROP TABLE identity_verifications;
ALTER TABLE identity_verifications_new RENAME TO identity_verifications;
CREATE INDEX identity_verifications_case ON identity_verifications (case_id, role, id);

CREATE TABLE identity_chip_data (
  verification_id   INTEGER PRIMARY KEY REFERENCES identity_verifications (id),
  case_id           TEXT NOT NULL,
  card              TEXT NOT NULL,
  photo             BLOB,
  photo_media_type  TEXT,
  stored_at         TEXT NOT NULL
) STRICT;
INSERT INTO identity_chip_data SELECT verification_id, case_id, card, photo, photo_media_type, stored_at FROM identity_chip_data_moving;
DROP TABLE identity_chip_data_moving;
CREATE INDEX identity_chip_data_case ON identity_chip_data (case_id);

-- One face comparison decided in main. frame (JPEG/PNG as captured) is sensitive personal information:
-- kept with the case, set to NULL by the chip-data purge (frame_sha256 and the figures stay).
CREATE TABLE identity_face_matches (
  verification_id  INTEGER PRIMARY KEY REFERENCES identity_verifications (id),
  case_id          TEXT NOT NULL,
  similarity       REAL,
  threshold        REAL NOT NULL,
  model            TEXT NOT NULL,
  model_version    TEXT NOT NULL,
  frame_sha256     TEXT NOT NULL,
  frame            BLOB,
  frame_media_type TEXT NOT NULL,
  faces_in_frame   INTEGER NOT NULL,
  face_width       REAL,
  real_score       REAL,
  live_score       REAL,
  renderer_score   REAL,
  analysis_ms      INTEGER NOT NULL,
  stored_at        TEXT NOT NULL,
  purged_at        TEXT
) STRICT;
CREATE INDEX identity_face_matches_case ON identity_face_matches (case_id);
