-- 监督管理 at a city's volume (issue #19 bench: 2,000,000 cases a year, every view p95 ≤ 500 ms). Decision 0210.
-- 1. Overdue ("undecided and due before today") read from the undecided cases that are already due, in due order,
--    instead of every undecided case of the period: the index is keyed by due_on, so "due_on < today" bounds it.
-- 2. 差评 follow-ups carry their case's keys and their step count, so the dashboard never joins case_facts for them.
-- 3. 不予办理 reasons per month and district, so a city or district period does not read every refused case.

CREATE INDEX case_facts_overdue ON case_facts (due_on)
  INCLUDE (received_on, district, matter_code, department_id, device_id) WHERE decided_on IS NULL;
DROP INDEX case_facts_open;
DROP INDEX case_facts_open_district;

-- Follow-ups: the case's received day, district, matter, department and window (filled on insert from case_facts,
-- as case_tickets are), and how many of the four 整改 steps are recorded (kept by a trigger on follow_up_steps).
ALTER TABLE follow_ups ADD COLUMN received_on date, ADD COLUMN district char(6), ADD COLUMN matter_code text,
  ADD COLUMN department_id text, ADD COLUMN case_device_id uuid, ADD COLUMN steps_done smallint NOT NULL DEFAULT 0;
CREATE FUNCTION follow_ups_case_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT f.received_on, f.district, f.matter_code, f.department_id, f.device_id
    INTO NEW.received_on, NEW.district, NEW.matter_code, NEW.department_id, NEW.case_device_id
    FROM case_facts f WHERE f.case_id = NEW.case_id;
  RETURN NEW;
END $$;
CREATE TRIGGER follow_ups_case_keys BEFORE INSERT ON follow_ups
  FOR EACH ROW EXECUTE FUNCTION follow_ups_case_keys();
CREATE FUNCTION follow_up_steps_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE follow_ups SET steps_done = steps_done + 1 WHERE follow_up_id = NEW.follow_up_id;
  RETURN NULL;
END $$;
CREATE TRIGGER follow_up_steps_count AFTER INSERT ON follow_up_steps
  FOR EACH ROW EXECUTE FUNCTION follow_up_steps_count();
UPDATE follow_ups u SET received_on = f.received_on, district = f.district, matter_code = f.matter_code,
  department_id = f.department_id, case_device_id = f.device_id,
  steps_done = (SELECT count(*) FROM follow_up_steps s WHERE s.follow_up_id = u.follow_up_id)
FROM case_facts f WHERE f.case_id = u.case_id;
CREATE INDEX follow_ups_period ON follow_ups (received_on)
  INCLUDE (district, matter_code, department_id, case_device_id, due_date, steps_done);

-- Refusal reasons of the cases received in a month, per district ('' = no reason given), kept by the case_facts
-- rollup trigger; the ragged ends of a period and any matter/department/window filter read case_facts.
CREATE TABLE supervision_refusals (
  month date NOT NULL,
  district char(6) NOT NULL,
  reason text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (month, district, reason)
);
CREATE INDEX supervision_refusals_district ON supervision_refusals (district, month);

CREATE FUNCTION supervision_refusals_add(f case_facts, s integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO supervision_refusals AS r (month, district, reason, n)
  VALUES (date_trunc('month', f.received_on)::date, f.district, coalesce(f.refusal_reason, ''), s)
  ON CONFLICT (month, district, reason) DO UPDATE SET n = r.n + EXCLUDED.n
$$;

CREATE OR REPLACE FUNCTION case_facts_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN PERFORM supervision_daily_add(OLD, -1); END IF;
  PERFORM supervision_daily_add(NEW, 1);
  IF TG_OP = 'UPDATE' AND (OLD.outcome, OLD.refusal_reason, OLD.received_on, OLD.district)
      IS NOT DISTINCT FROM (NEW.outcome, NEW.refusal_reason, NEW.received_on, NEW.district) THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.outcome = 'rejected' THEN PERFORM supervision_refusals_add(OLD, -1); END IF;
  IF NEW.outcome = 'rejected' THEN PERFORM supervision_refusals_add(NEW, 1); END IF;
  RETURN NULL;
END $$;

INSERT INTO supervision_refusals (month, district, reason, n)
SELECT date_trunc('month', received_on)::date, district, coalesce(refusal_reason, ''), count(*)
FROM case_facts WHERE outcome = 'rejected' GROUP BY 1, 2, 3;
