-- 电子证照 (issue #13 item 3): the table behind the gateway's built-in licence provider, loaded by an
-- administrator from a JSON/CSV file (`licences import`, docs/licences.md). A province that has its own
-- 电子证照库 plugs in another provider and leaves this table empty. Lookups are audited in gateway_audit.
CREATE TABLE licences (
  licence_type text NOT NULL,
  number text NOT NULL,
  type_name text NOT NULL,
  holder_name text NOT NULL,
  holder_id text NOT NULL,
  issuer text NOT NULL,
  issued_on date NOT NULL,
  valid_until date,
  status text NOT NULL CHECK (status IN ('valid', 'revoked', 'suspended')),
  issuer_signature text,
  loaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (licence_type, number)
);
CREATE INDEX licences_holder ON licences (holder_id, licence_type);
