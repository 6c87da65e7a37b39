-- 问题处理 (issue #19): problem tickets on a case, opened by the window or the department, answered by the
-- other side, with a response deadline in working days; escalated to the district/city supervisor when it
-- passes. Written by the tickets code; read by the supervision dashboard and the 工作台账.
CREATE TABLE case_tickets (
  ticket_id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases,
  district char(6) NOT NULL,
  department_id text NOT NULL,
  category text NOT NULL
    CHECK (category IN ('material-question', 'originals-missing', 'applicant-request', 'system', 'other')),
  opened_by_side text NOT NULL CHECK (opened_by_side IN ('window', 'department')),
  opened_by text NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'answered', 'closed')),
  opened_at timestamptz NOT NULL DEFAULT now(),
  due_at timestamptz NOT NULL,
  answered_at timestamptz,
  closed_at timestamptz,
  escalated_at timestamptz
);
CREATE INDEX case_tickets_case ON case_tickets (case_id, opened_at);
CREATE INDEX case_tickets_open_due ON case_tickets (district, due_at) WHERE closed_at IS NULL;
CREATE INDEX case_tickets_department ON case_tickets (department_id, opened_at);

CREATE TABLE case_ticket_messages (
  message_id uuid PRIMARY KEY,
  ticket_id uuid NOT NULL REFERENCES case_tickets,
  side text NOT NULL CHECK (side IN ('window', 'department', 'supervisor')),
  author text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_ticket_messages_ticket ON case_ticket_messages (ticket_id, created_at);
