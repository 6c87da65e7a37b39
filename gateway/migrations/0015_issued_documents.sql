-- 扫码核验 and 网络送达 (#13; docs/decisions/0165-0168). Windows report every notice they issue (one row per
-- printed copy, its print id the idempotency key): the document number, the SHA-256 of the PDF issued and
-- the SHA-256 of the QR token. The public page /v/<documentNo> finds the case through these rows.
CREATE TABLE issued_documents (
  print_id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases,
  document_no text NOT NULL,
  kind text NOT NULL,
  pdf_sha256 char(64),
  verifier char(64) NOT NULL,
  pickup_verifier char(64),
  manifest jsonb NOT NULL,
  manifest_hash char(64) NOT NULL,
  device_id uuid NOT NULL REFERENCES devices,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX issued_documents_no ON issued_documents (document_no);
CREATE INDEX issued_documents_case ON issued_documents (case_id);

-- 网络送达: the result (决定书/证照 PDF) a reviewer attached when deciding; one per case, replaced by a later one.
CREATE TABLE case_results (
  case_id uuid PRIMARY KEY REFERENCES cases,
  file_name text NOT NULL,
  pdf bytea NOT NULL,
  sha256 char(64) NOT NULL,
  attached_by text NOT NULL,
  attached_at timestamptz NOT NULL DEFAULT now()
);

-- Every fetch of a result with a 取件码 (and every refused attempt), shown on the department's case page.
CREATE TABLE result_fetches (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases,
  ok boolean NOT NULL,
  client text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX result_fetches_case ON result_fetches (case_id, at);
