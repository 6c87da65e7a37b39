-- 好差评 records pushed by windows after the case: ratings, 差评 follow-ups and their steps
-- (回访 → 核实 → 整改 → 反馈). Each row is its own idempotency record (id made at the window,
-- canonical manifest hash), like cases and supplements; never updated, never pruned.
-- A real-name rating's contact is inside `manifest` only: personal data, shown masked.

CREATE TABLE ratings (
  rating_id uuid PRIMARY KEY,
  case_id uuid NOT NULL UNIQUE REFERENCES cases,   -- 现场服务"一次一评": one rating per case
  manifest jsonb NOT NULL,
  manifest_hash char(64) NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  device_id uuid NOT NULL REFERENCES devices,
  received_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE follow_ups (
  follow_up_id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases,
  rating_id uuid NOT NULL UNIQUE REFERENCES ratings,
  manifest jsonb NOT NULL,
  manifest_hash char(64) NOT NULL,
  due_date date NOT NULL,
  device_id uuid NOT NULL REFERENCES devices,
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX follow_ups_case ON follow_ups (case_id);

CREATE TABLE follow_up_steps (
  step_id uuid PRIMARY KEY,
  follow_up_id uuid NOT NULL REFERENCES follow_ups,
  case_id uuid NOT NULL REFERENCES cases,
  step text NOT NULL CHECK (step IN ('callback', 'verify', 'rectify', 'feedback')),
  ordinal smallint NOT NULL CHECK (ordinal BETWEEN 1 AND 4),
  manifest jsonb NOT NULL,
  manifest_hash char(64) NOT NULL,
  device_id uuid NOT NULL REFERENCES devices,
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (follow_up_id, step),
  UNIQUE (follow_up_id, ordinal)
);
