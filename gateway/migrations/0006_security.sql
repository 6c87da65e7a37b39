-- Issue #15: the gateway's own audit trail, reviewer lockout, login throttling shared by every gateway process.
CREATE TABLE gateway_audit (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  target text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX gateway_audit_action ON gateway_audit (action, at);

ALTER TABLE reviewers
  ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
  ADD COLUMN locked_until timestamptz;

-- One fixed window per key ('ip:…' or 'account:…'): attempts counted since window_start.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  attempts integer NOT NULL
);
