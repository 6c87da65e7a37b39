-- 监督管理 (issue #19): supervision accounts, the working-day calendar, per-case facts with a daily rollup for
-- the dashboard, and the city's 协调事项. See docs/supervision.md and decision records 0180–0184.

-- Supervisors sign in like reviewers (same table, login guard, sessions, CSRF) but have a role: a district
-- supervisor sees only `districts`; a city supervisor sees every district (districts NULL).
ALTER TABLE reviewers
  ADD COLUMN role text NOT NULL DEFAULT 'reviewer'
    CHECK (role IN ('reviewer', 'district-supervisor', 'city-supervisor')),
  ADD COLUMN districts char(6)[];

-- 工作日 calendar: `seq` counts working days from the first row (a day off keeps the previous day's seq), so
-- "n working days after d" is the first working day with seq = seq(d) + n, and the working days after a up to
-- and including b are seq(b) - seq(a). Weekends only here; the gateway rewrites it at start from
-- resources/holidays (国务院办公厅 放假调休 data shared with the window).
CREATE TABLE working_calendar (
  day date PRIMARY KEY,
  working boolean NOT NULL,
  seq integer NOT NULL
);
INSERT INTO working_calendar (day, working, seq)
SELECT d::date, extract(isodow FROM d) < 6,
       count(*) FILTER (WHERE extract(isodow FROM d) < 6) OVER (ORDER BY d)
FROM generate_series(date '2020-01-01', date '2040-12-31', interval '1 day') AS d;

CREATE FUNCTION working_day_after(start date, n integer) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN start IS NULL OR n IS NULL THEN NULL WHEN n <= 0 THEN start ELSE
    (SELECT w.day FROM working_calendar w
     WHERE w.working AND w.seq = (SELECT s.seq FROM working_calendar s WHERE s.day = start) + n) END
$$;

CREATE FUNCTION working_days_between(a date, b date) RETURNS integer LANGUAGE sql STABLE AS $$
  SELECT greatest(0, (SELECT seq FROM working_calendar WHERE day = b) - (SELECT seq FROM working_calendar WHERE day = a))
$$;

-- One row per case: what the dashboard counts, kept by triggers on status_events and ratings. Dates are China
-- dates. due_on = 受理 (first 'reviewing') + the case's promised working days; NULL when no 承诺时限.
CREATE TABLE case_facts (
  case_id uuid PRIMARY KEY REFERENCES cases,
  district char(6) NOT NULL,
  device_id uuid NOT NULL,
  matter_code text NOT NULL,
  department_id text NOT NULL,
  received_on date NOT NULL,
  promised_days integer,
  accepted_on date,
  due_on date,
  decided_on date,
  outcome text CHECK (outcome IN ('approved', 'rejected')),
  refusal_reason text,
  decision_workdays integer,
  supplement_requests integer NOT NULL DEFAULT 0,
  rating_level smallint
);
CREATE INDEX case_facts_device ON case_facts (device_id, received_on);
CREATE INDEX case_facts_district ON case_facts (district, received_on);
CREATE INDEX case_facts_matter ON case_facts (matter_code, received_on);
-- Undecided cases (few): covering indexes for the overdue counts, by period and by district and period.
CREATE INDEX case_facts_open ON case_facts (received_on)
  INCLUDE (due_on, district, matter_code, department_id, device_id) WHERE decided_on IS NULL;
CREATE INDEX case_facts_open_district ON case_facts (district, received_on)
  INCLUDE (due_on, matter_code, department_id, device_id) WHERE decided_on IS NULL;
CREATE INDEX case_facts_rejected ON case_facts (received_on, district)
  INCLUDE (matter_code, department_id, device_id, refusal_reason) WHERE outcome = 'rejected';

-- The dashboard's rollup: one row per (received day, district, matter, department), kept by a trigger on
-- case_facts (old contribution out, new in). Figures are of the cases received on `day` (the cohort).
CREATE TABLE supervision_daily (
  day date NOT NULL,
  district char(6) NOT NULL,
  matter_code text NOT NULL,
  department_id text NOT NULL,
  received integer NOT NULL DEFAULT 0,
  accepted integer NOT NULL DEFAULT 0,
  decided integer NOT NULL DEFAULT 0,
  decided_late integer NOT NULL DEFAULT 0,
  approved integer NOT NULL DEFAULT 0,
  rejected integer NOT NULL DEFAULT 0,
  supplement_requests integer NOT NULL DEFAULT 0,
  decision_workdays bigint NOT NULL DEFAULT 0,
  rated integer NOT NULL DEFAULT 0,
  rated_good integer NOT NULL DEFAULT 0,
  rated_poor integer NOT NULL DEFAULT 0,
  PRIMARY KEY (day, district, matter_code, department_id)
);
CREATE INDEX supervision_daily_district ON supervision_daily (district, day);
CREATE INDEX supervision_daily_matter ON supervision_daily (matter_code, day);

-- The same counters per calendar month (`month` = its first day): a year at city level sums ~20k rows, not ~600k.
CREATE TABLE supervision_monthly (LIKE supervision_daily INCLUDING DEFAULTS);
ALTER TABLE supervision_monthly RENAME COLUMN day TO month;
ALTER TABLE supervision_monthly ADD PRIMARY KEY (month, district, matter_code, department_id);
CREATE INDEX supervision_monthly_district ON supervision_monthly (district, month);

CREATE FUNCTION supervision_daily_add(f case_facts, s integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO supervision_monthly AS d (month, district, matter_code, department_id, received, accepted, decided,
    decided_late, approved, rejected, supplement_requests, decision_workdays, rated, rated_good, rated_poor)
  VALUES (date_trunc('month', f.received_on)::date, f.district, f.matter_code, f.department_id, s,
    s * (f.accepted_on IS NOT NULL)::int, s * (f.decided_on IS NOT NULL)::int,
    s * coalesce(f.decided_on > f.due_on, false)::int, s * coalesce(f.outcome = 'approved', false)::int,
    s * coalesce(f.outcome = 'rejected', false)::int, s * f.supplement_requests, s * coalesce(f.decision_workdays, 0),
    s * (f.rating_level IS NOT NULL)::int, s * coalesce(f.rating_level >= 4, false)::int,
    s * coalesce(f.rating_level <= 2, false)::int)
  ON CONFLICT (month, district, matter_code, department_id) DO UPDATE SET
    received = d.received + EXCLUDED.received, accepted = d.accepted + EXCLUDED.accepted,
    decided = d.decided + EXCLUDED.decided, decided_late = d.decided_late + EXCLUDED.decided_late,
    approved = d.approved + EXCLUDED.approved, rejected = d.rejected + EXCLUDED.rejected,
    supplement_requests = d.supplement_requests + EXCLUDED.supplement_requests,
    decision_workdays = d.decision_workdays + EXCLUDED.decision_workdays, rated = d.rated + EXCLUDED.rated,
    rated_good = d.rated_good + EXCLUDED.rated_good, rated_poor = d.rated_poor + EXCLUDED.rated_poor;
  INSERT INTO supervision_daily AS d (day, district, matter_code, department_id, received, accepted, decided,
    decided_late, approved, rejected, supplement_requests, decision_workdays, rated, rated_good, rated_poor)
  VALUES (f.received_on, f.district, f.matter_code, f.department_id, s,
    s * (f.accepted_on IS NOT NULL)::int, s * (f.decided_on IS NOT NULL)::int,
    s * coalesce(f.decided_on > f.due_on, false)::int, s * coalesce(f.outcome = 'approved', false)::int,
    s * coalesce(f.outcome = 'rejected', false)::int, s * f.supplement_requests, s * coalesce(f.decision_workdays, 0),
    s * (f.rating_level IS NOT NULL)::int, s * coalesce(f.rating_level >= 4, false)::int,
    s * coalesce(f.rating_level <= 2, false)::int)
  ON CONFLICT (day, district, matter_code, department_id) DO UPDATE SET
    received = d.received + EXCLUDED.received, accepted = d.accepted + EXCLUDED.accepted,
    decided = d.decided + EXCLUDED.decided, decided_late = d.decided_late + EXCLUDED.decided_late,
    approved = d.approved + EXCLUDED.approved, rejected = d.rejected + EXCLUDED.rejected,
    supplement_requests = d.supplement_requests + EXCLUDED.supplement_requests,
    decision_workdays = d.decision_workdays + EXCLUDED.decision_workdays, rated = d.rated + EXCLUDED.rated,
    rated_good = d.rated_good + EXCLUDED.rated_good, rated_poor = d.rated_poor + EXCLUDED.rated_poor
$$;

CREATE FUNCTION case_facts_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN PERFORM supervision_daily_add(OLD, -1); END IF;
  PERFORM supervision_daily_add(NEW, 1);
  RETURN NULL;
END $$;

CREATE FUNCTION case_facts_on_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d date := (NEW.at AT TIME ZONE 'Asia/Shanghai')::date;
BEGIN
  IF NEW.status = 'received' THEN
    INSERT INTO case_facts (case_id, district, device_id, matter_code, department_id, received_on, promised_days)
    SELECT c.case_id, c.district, c.device_id, coalesce(c.manifest->>'matterCode', ''), c.department_id, d,
           (c.manifest->>'promisedDays')::int
    FROM cases c WHERE c.case_id = NEW.case_id
    ON CONFLICT (case_id) DO NOTHING;
  ELSIF NEW.status = 'reviewing' THEN
    UPDATE case_facts SET accepted_on = d, due_on = working_day_after(d, promised_days)
    WHERE case_id = NEW.case_id AND accepted_on IS NULL;
  ELSIF NEW.status = 'supplement-requested' THEN
    UPDATE case_facts SET supplement_requests = supplement_requests + 1 WHERE case_id = NEW.case_id;
  ELSIF NEW.status IN ('approved', 'rejected') THEN
    UPDATE case_facts SET decided_on = d, outcome = NEW.status,
      refusal_reason = CASE WHEN NEW.status = 'rejected' THEN NEW.reason END,
      decision_workdays = working_days_between(accepted_on, d)
    WHERE case_id = NEW.case_id AND decided_on IS NULL;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION case_facts_on_rating() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE case_facts SET rating_level = NEW.level WHERE case_id = NEW.case_id;
  RETURN NULL;
END $$;

-- Cases that arrived before this migration.
INSERT INTO case_facts (case_id, district, device_id, matter_code, department_id, received_on, promised_days,
  accepted_on, decided_on, outcome, refusal_reason, supplement_requests, rating_level)
SELECT c.case_id, c.district, c.device_id, coalesce(c.manifest->>'matterCode', ''), c.department_id,
       (c.received_at AT TIME ZONE 'Asia/Shanghai')::date, (c.manifest->>'promisedDays')::int,
       (SELECT min((e.at AT TIME ZONE 'Asia/Shanghai')::date) FROM status_events e
        WHERE e.case_id = c.case_id AND e.status = 'reviewing'),
       (SELECT (e.at AT TIME ZONE 'Asia/Shanghai')::date FROM status_events e
        WHERE e.case_id = c.case_id AND e.status IN ('approved', 'rejected') ORDER BY e.case_version LIMIT 1),
       (SELECT e.status FROM status_events e
        WHERE e.case_id = c.case_id AND e.status IN ('approved', 'rejected') ORDER BY e.case_version LIMIT 1),
       (SELECT e.reason FROM status_events e
        WHERE e.case_id = c.case_id AND e.status = 'rejected' ORDER BY e.case_version LIMIT 1),
       (SELECT count(*) FROM status_events e WHERE e.case_id = c.case_id AND e.status = 'supplement-requested'),
       (SELECT r.level FROM ratings r WHERE r.case_id = c.case_id)
FROM cases c;
UPDATE case_facts SET due_on = working_day_after(accepted_on, promised_days),
  decision_workdays = working_days_between(accepted_on, decided_on);
SELECT supervision_daily_add(f, 1) FROM case_facts f;

CREATE TRIGGER case_facts_rollup AFTER INSERT OR UPDATE ON case_facts
  FOR EACH ROW EXECUTE FUNCTION case_facts_rollup();
CREATE TRIGGER status_events_case_facts AFTER INSERT ON status_events
  FOR EACH ROW EXECUTE FUNCTION case_facts_on_event();
CREATE TRIGGER ratings_case_facts AFTER INSERT ON ratings
  FOR EACH ROW EXECUTE FUNCTION case_facts_on_rating();

-- Tickets carry their case's matter and window (filled on insert from case_facts) so the dashboard's ticket figures
-- never join the cases; a covering index for the period counts, a partial one for the overdue list.
ALTER TABLE case_tickets ADD COLUMN matter_code text, ADD COLUMN device_id uuid;
CREATE FUNCTION case_tickets_case_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT f.matter_code, f.device_id INTO NEW.matter_code, NEW.device_id FROM case_facts f WHERE f.case_id = NEW.case_id;
  RETURN NEW;
END $$;
CREATE TRIGGER case_tickets_case_keys BEFORE INSERT ON case_tickets
  FOR EACH ROW EXECUTE FUNCTION case_tickets_case_keys();
UPDATE case_tickets t SET matter_code = f.matter_code, device_id = f.device_id FROM case_facts f WHERE f.case_id = t.case_id;
CREATE INDEX case_tickets_period ON case_tickets (opened_at)
  INCLUDE (district, department_id, matter_code, device_id, category, status, closed_at, due_at);
CREATE INDEX case_tickets_overdue ON case_tickets (due_at) WHERE status = 'open';
CREATE INDEX case_tickets_open_matter ON case_tickets (matter_code) INCLUDE (district) WHERE closed_at IS NULL;

-- 工作台账 协调事项: an issue the city supervisor raised with a responsible unit about a matter.
CREATE TABLE coordination_items (
  item_id bigserial PRIMARY KEY,
  matter_code text NOT NULL,
  unit text NOT NULL,
  issue text NOT NULL,
  owner text NOT NULL,
  due_on date NOT NULL,
  outcome text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE INDEX coordination_items_matter ON coordination_items (matter_code, created_at);
