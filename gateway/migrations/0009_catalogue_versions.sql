-- Catalogue + routing versions published by a gateway administrator (CLI `catalogue import`), signed with the
-- gateway's catalogue key (gateway_secrets 'catalogue-ed25519', PKCS#8, created on first use). Windows fetch the
-- newest with GET /v1/catalogue/latest; pushed cases are checked against the version they name (else the newest).
-- Rows are never updated or deleted: a case filed under a version is judged by that version forever.
CREATE TABLE catalogue_versions (
  version        text PRIMARY KEY,
  ordinal        serial UNIQUE NOT NULL,
  published_at   timestamptz NOT NULL,
  catalogue      jsonb NOT NULL,
  routing        jsonb NOT NULL,
  -- The exact signed text's SHA-256 and the Ed25519 signature over it (base64).
  signed_sha256  text NOT NULL,
  signature      text NOT NULL,
  imported_by    text NOT NULL
);
