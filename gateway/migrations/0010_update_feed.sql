-- The window update feed (latest.yml, latest.yml.sig, installers, blockmaps) lives in the database and the
-- blob store, not on one gateway's disk: every gateway process serves the same feed, and publishing once is
-- enough. Small files are kept in the row; an installer's bytes are chunks here (PostgreSQL blob store) or
-- one object `updates/<sha256>` in the S3-compatible store.
CREATE TABLE update_files (
  name text PRIMARY KEY,
  size bigint NOT NULL CHECK (size >= 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  stored_in text NOT NULL CHECK (stored_in IN ('row', 'postgres', 's3')),
  data bytea,
  published_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((stored_in = 'row') = (data IS NOT NULL))
);

CREATE TABLE update_file_chunks (
  sha256 text NOT NULL,
  start_offset bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (sha256, start_offset)
);
