-- Issue #19 (责任追溯): the gateway's audit trail becomes a hash chain, and the gateway keeps the windows'
-- audit chain heads (witnesses) so that a window's log altered after the fact shows against them.

-- One row holds the chain's head. Every append locks it (in the appending transaction, until commit), so
-- appends from any number of gateway processes take consecutive sequence numbers and never fork the chain.
CREATE TABLE gateway_audit_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL,
  hash char(64) NOT NULL
);

ALTER TABLE gateway_audit
  ADD COLUMN seq bigint,
  ADD COLUMN prev_hash char(64),
  ADD COLUMN hash char(64);

-- The hash of one row: sha256 over the previous hash, a newline, and the row's content as jsonb text
-- (jsonb's text form is canonical: keys sorted, no whitespace choices; `at` in UTC with microseconds).
CREATE FUNCTION gateway_audit_hash(p_prev text, p_seq bigint, p_at timestamptz, p_actor text, p_action text,
                                   p_target text, p_details jsonb)
RETURNS char(64) LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(p_prev || E'\n' || jsonb_build_object(
    'seq', p_seq,
    'at', to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    'actor', p_actor,
    'action', p_action,
    'target', p_target,
    'details', p_details)::text, 'UTF8')), 'hex')::char(64)
$$;

-- Chain the rows already written, oldest first (the append-only trigger is the owner's to lift here).
INSERT INTO gateway_audit_head (seq, hash) VALUES (0, repeat('0', 64));
ALTER TABLE gateway_audit DISABLE TRIGGER gateway_audit_append_only;
DO $$
DECLARE
  r record;
  h record;
  next_hash char(64);
BEGIN
  FOR r IN SELECT * FROM gateway_audit ORDER BY id LOOP
    SELECT seq, hash INTO h FROM gateway_audit_head;
    next_hash := gateway_audit_hash(h.hash, h.seq + 1, r.at, r.actor, r.action, r.target, r.details);
    UPDATE gateway_audit SET seq = h.seq + 1, prev_hash = h.hash, hash = next_hash WHERE id = r.id;
    UPDATE gateway_audit_head SET seq = h.seq + 1, hash = next_hash;
  END LOOP;
END $$;
ALTER TABLE gateway_audit ENABLE TRIGGER gateway_audit_append_only;
ALTER TABLE gateway_audit
  ALTER COLUMN seq SET NOT NULL,
  ALTER COLUMN prev_hash SET NOT NULL,
  ALTER COLUMN hash SET NOT NULL,
  ADD CONSTRAINT gateway_audit_seq_unique UNIQUE (seq);

-- Every insert is chained here, whatever the caller wrote into seq/prev_hash/hash/at.
CREATE FUNCTION chain_gateway_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  h record;
BEGIN
  SELECT seq, hash INTO h FROM gateway_audit_head FOR UPDATE;
  NEW.seq := h.seq + 1;
  NEW.prev_hash := h.hash;
  NEW.at := clock_timestamp(); -- taken under the head's lock: `at` never goes backwards along the chain
  NEW.hash := gateway_audit_hash(NEW.prev_hash, NEW.seq, NEW.at, NEW.actor, NEW.action, NEW.target, NEW.details);
  UPDATE gateway_audit_head SET seq = NEW.seq, hash = NEW.hash;
  RETURN NEW;
END $$;
CREATE TRIGGER gateway_audit_chain BEFORE INSERT ON gateway_audit FOR EACH ROW EXECUTE FUNCTION chain_gateway_audit();
CREATE INDEX gateway_audit_target ON gateway_audit (target, seq) WHERE target IS NOT NULL;

-- The windows' audit chain heads as each window's sync reported them (signed requests): one row per
-- (device, sequence). A report that contradicts an earlier one is kept in the conflicts table.
CREATE TABLE window_audit_witnesses (
  device_id uuid NOT NULL REFERENCES devices (device_id),
  seq bigint NOT NULL CHECK (seq > 0),
  hash char(64) NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, seq)
);

-- kind: 'changed' (the window's row at a witnessed sequence now has another hash), 'missing' (the window
-- no longer has a row at a witnessed sequence), 'rewound' (a head below one already witnessed).
CREATE TABLE window_audit_conflicts (
  id bigserial PRIMARY KEY,
  device_id uuid NOT NULL REFERENCES devices (device_id),
  seq bigint NOT NULL,
  kind text NOT NULL CHECK (kind IN ('changed', 'missing', 'rewound')),
  witnessed_hash char(64),
  reported_hash char(64),
  detected_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX window_audit_conflicts_device ON window_audit_conflicts (device_id, detected_at);
