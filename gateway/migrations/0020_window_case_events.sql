-- The windows' own steps of a case (受理, 人证核验, printing, waybill …) for the 全程记录 of both sides
-- (decision 0205): one row per window audit row, keyed by (device, sequence) so a resend stores nothing twice.
-- `hash` is the window audit row's chain hash (compared with the witnesses, decision 0186).
CREATE TABLE window_case_events (
  device_id uuid NOT NULL REFERENCES devices (device_id),
  seq bigint NOT NULL CHECK (seq > 0),
  hash char(64) NOT NULL,
  case_id uuid NOT NULL REFERENCES cases (case_id),
  at timestamptz NOT NULL,
  action text NOT NULL,
  actor text NOT NULL,
  details jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, seq)
);
CREATE INDEX window_case_events_case ON window_case_events (case_id, at);

-- A witness conflict explained by an operator (decision 0206): who, when, and the note; the resolution is
-- also a row of the gateway's audit chain (window.audit-conflict-resolved).
ALTER TABLE window_audit_conflicts
  ADD COLUMN resolved_at timestamptz,
  ADD COLUMN resolved_by text,
  ADD COLUMN resolution_note text;
