-- 电子证照 issuer signatures (#13; docs/licences.md, decision 0195): the public keys of the issuing authorities
-- (SPKI PEM: Ed25519, RSA or ECDSA), loaded by `licences import-issuer` or from a file's "issuers" section,
-- and each licence's check of its issuer's signature against them. `licences import` refuses a file with an
-- invalid signature; a key loaded later re-checks the stored licences of that issuer (and may mark them invalid).
CREATE TABLE licence_issuers (
  issuer text PRIMARY KEY,
  public_key text NOT NULL,
  key_type text NOT NULL,
  fingerprint char(64) NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE licences
  ADD COLUMN signature_state text NOT NULL DEFAULT 'unverified'
    CHECK (signature_state IN ('verified', 'unverified', 'invalid'));
