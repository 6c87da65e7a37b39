-- 多地联办 (decision 0215): one row per department part of a case whose matter names several. A part is pushed to
-- its department (pushed_at) when its step is reached; the case's own status is derived from the parts.
CREATE TABLE case_parts (
  case_id uuid NOT NULL REFERENCES cases,
  part_code text NOT NULL,
  name text NOT NULL,
  department_id text NOT NULL,
  department_name text NOT NULL,
  step integer NOT NULL,
  required boolean NOT NULL,
  status text NOT NULL CHECK (status IN ('waiting', 'received', 'reviewing', 'supplement-requested',
    'supplement-received', 'approved', 'rejected')),
  reason text,
  pushed_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (case_id, part_code),
  UNIQUE (case_id, department_id)
);
-- A department's list: the parts pushed to it.
CREATE INDEX case_parts_department ON case_parts (department_id, case_id) WHERE pushed_at IS NOT NULL;
