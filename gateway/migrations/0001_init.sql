-- Gateway schema, version 1. Forward-only: never edit after it ships; add 0002_… instead.

-- Gateway-wide secrets (the HMAC key of feed cursors), created by the gateway on first start.
CREATE TABLE gateway_secrets (
  name text PRIMARY KEY,
  value bytea NOT NULL
);

-- Feed epochs: a new one whenever the gateway finds itself on another cluster or timeline
-- (restore from a backup), or an operator starts one. Cursors of older epochs are refused (410).
CREATE TABLE feed_epochs (
  ordinal serial PRIMARY KEY,
  epoch_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  system_identifier text NOT NULL,
  timeline_id integer NOT NULL,
  reason text NOT NULL,
  started_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION current_feed_epoch() RETURNS integer LANGUAGE sql STABLE AS
  $$ SELECT coalesce(max(ordinal), 0) FROM feed_epochs $$;

CREATE TABLE enrolment_codes (
  code_hash text PRIMARY KEY,               -- sha256 hex of the code; the code itself is never stored
  window_code text NOT NULL,
  district char(6) NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  device_id uuid
);

CREATE TABLE devices (
  device_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  window_code text NOT NULL,
  hall_division char(6) NOT NULL,
  district char(6) NOT NULL,
  epoch integer NOT NULL,
  public_key bytea NOT NULL CHECK (length(public_key) = 32),
  device_name text NOT NULL,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  UNIQUE (window_code, epoch)
);

-- Nonces of accepted signatures, kept while their `created` is inside the clock-skew window.
CREATE TABLE request_nonces (
  device_id uuid NOT NULL REFERENCES devices,
  nonce text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (device_id, nonce)
);
CREATE INDEX request_nonces_created ON request_nonces (created_at);

CREATE SEQUENCE department_no_seq;

-- The case row is the idempotency record of PUT /v1/cases/{case_id}: never pruned.
CREATE TABLE cases (
  case_id uuid PRIMARY KEY,
  manifest jsonb NOT NULL,
  manifest_hash char(64) NOT NULL,
  district char(6) NOT NULL,
  department_id text NOT NULL,
  department_no text NOT NULL UNIQUE,
  device_id uuid NOT NULL REFERENCES devices,
  status text NOT NULL,
  case_version integer NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  complete_at timestamptz
);
CREATE INDEX cases_department ON cases (department_id, received_at DESC) WHERE complete_at IS NOT NULL;

CREATE TABLE supplements (
  supplement_id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases,
  manifest jsonb NOT NULL,
  manifest_hash char(64) NOT NULL,
  device_id uuid NOT NULL REFERENCES devices,
  received_at timestamptz NOT NULL DEFAULT now(),
  complete_at timestamptz
);
CREATE INDEX supplements_case ON supplements (case_id);

-- One upload slot per attachment id (unique across cases and supplements).
CREATE TABLE attachment_slots (
  attachment_id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases,
  supplement_id uuid REFERENCES supplements,
  material_code text NOT NULL,
  sha256 char(64) NOT NULL,
  size bigint NOT NULL,
  media_type text NOT NULL,
  received_bytes bigint NOT NULL DEFAULT 0,
  verified_at timestamptz
);
CREATE INDEX attachment_slots_case ON attachment_slots (case_id);

-- Attachment bytes as received chunks; a chunk is stored whole or not at all.
CREATE TABLE attachment_chunks (
  attachment_id uuid NOT NULL REFERENCES attachment_slots,
  start_offset bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (attachment_id, start_offset)
);

-- Status events. (feed_epoch, xid, position) is the commit-order-safe feed order: see feed/repo.ts.
CREATE TABLE status_events (
  position bigserial PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES cases,
  district char(6) NOT NULL,
  feed_epoch integer NOT NULL DEFAULT current_feed_epoch(),
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  case_version integer NOT NULL,
  status text NOT NULL,
  reason text,
  details jsonb NOT NULL DEFAULT '{}',
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (case_id, case_version)
);
CREATE INDEX status_events_feed ON status_events (district, feed_epoch, xid, position);

-- Transactional outbox towards the department's back-office system.
CREATE TABLE backoffice_outbox (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz
);

CREATE TABLE reviewers (
  reviewer_id serial PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  department_id text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  disabled_at timestamptz
);

CREATE TABLE reviewer_sessions (
  token_hash char(64) PRIMARY KEY,
  reviewer_id integer NOT NULL REFERENCES reviewers,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
