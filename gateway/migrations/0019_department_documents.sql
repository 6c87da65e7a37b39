-- The 办理地 department's own documents (issue #14, decision 0220): 受理通知书, 不予受理决定书 and the decision
-- (准予/不予), rendered and sealed by the gateway when a reviewer records the action with the document number.
-- One per kind per case; the window fetches each through GET /v1/cases/{caseId}/result?document=<kind>.
CREATE TABLE department_documents (
  case_id uuid NOT NULL REFERENCES cases,
  kind text NOT NULL CHECK (kind IN ('acceptance', 'non-acceptance', 'approval', 'refusal')),
  document_no text NOT NULL,
  title text NOT NULL,
  file_name text NOT NULL,
  pdf bytea NOT NULL,
  sha256 char(64) NOT NULL,
  issued_by text NOT NULL,
  issued_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, kind)
);
-- A department's number is issued once: the same number on two cases of one department is a typing error.
CREATE TABLE department_document_numbers (
  department_id text NOT NULL,
  document_no text NOT NULL,
  case_id uuid NOT NULL REFERENCES cases,
  PRIMARY KEY (department_id, document_no)
);
