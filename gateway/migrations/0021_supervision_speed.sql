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

-- 4. Coarser copies of the flow rollups, same columns, the collapsed keys '' : per district (matter_code and
--    department_id '') and per matter and department (district ''), by day and by month. A city or district view
--    sums ~40 rows a day instead of ~1,700; the full rollup answers the views filtered on both sides.
CREATE TABLE supervision_district_daily (LIKE supervision_daily INCLUDING DEFAULTS);
ALTER TABLE supervision_district_daily ADD PRIMARY KEY (day, district, matter_code, department_id);
CREATE TABLE supervision_matter_daily (LIKE supervision_daily INCLUDING DEFAULTS);
ALTER TABLE supervision_matter_daily ADD PRIMARY KEY (day, district, matter_code, department_id);
CREATE TABLE supervision_district_monthly (LIKE supervision_monthly INCLUDING DEFAULTS);
ALTER TABLE supervision_district_monthly ADD PRIMARY KEY (month, district, matter_code, department_id);
CREATE TABLE supervision_matter_monthly (LIKE supervision_monthly INCLUDING DEFAULTS);
ALTER TABLE supervision_matter_monthly ADD PRIMARY KEY (month, district, matter_code, department_id);

-- Adds s × the case's counters to one rollup row (table `tbl`, date column `at_col`).
CREATE FUNCTION supervision_rollup_put(tbl text, at_col text, at date, district text, matter text, department text,
                                       f case_facts, s integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('INSERT INTO %1$I AS d (%2$I, district, matter_code, department_id, received, accepted, decided,
      decided_late, approved, rejected, supplement_requests, decision_workdays, rated, rated_good, rated_poor)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
    ON CONFLICT (%2$I, district, matter_code, department_id) DO UPDATE SET
      received = d.received + EXCLUDED.received, accepted = d.accepted + EXCLUDED.accepted,
      decided = d.decided + EXCLUDED.decided, decided_late = d.decided_late + EXCLUDED.decided_late,
      approved = d.approved + EXCLUDED.approved, rejected = d.rejected + EXCLUDED.rejected,
      supplement_requests = d.supplement_requests + EXCLUDED.supplement_requests,
      decision_workdays = d.decision_workdays + EXCLUDED.decision_workdays, rated = d.rated + EXCLUDED.rated,
      rated_good = d.rated_good + EXCLUDED.rated_good, rated_poor = d.rated_poor + EXCLUDED.rated_poor', tbl, at_col)
  USING at, district, matter, department, s,
    s * (f.accepted_on IS NOT NULL)::int, s * (f.decided_on IS NOT NULL)::int,
    s * coalesce(f.decided_on > f.due_on, false)::int, s * coalesce(f.outcome = 'approved', false)::int,
    s * coalesce(f.outcome = 'rejected', false)::int, s * f.supplement_requests, s * coalesce(f.decision_workdays, 0),
    s * (f.rating_level IS NOT NULL)::int, s * coalesce(f.rating_level >= 4, false)::int,
    s * coalesce(f.rating_level <= 2, false)::int;
END $$;

CREATE OR REPLACE FUNCTION supervision_daily_add(f case_facts, s integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE m date := date_trunc('month', f.received_on)::date;
BEGIN
  PERFORM supervision_rollup_put('supervision_monthly', 'month', m, f.district, f.matter_code, f.department_id, f, s);
  PERFORM supervision_rollup_put('supervision_daily', 'day', f.received_on, f.district, f.matter_code, f.department_id, f, s);
  PERFORM supervision_rollup_put('supervision_district_monthly', 'month', m, f.district, '', '', f, s);
  PERFORM supervision_rollup_put('supervision_district_daily', 'day', f.received_on, f.district, '', '', f, s);
  PERFORM supervision_rollup_put('supervision_matter_monthly', 'month', m, '', f.matter_code, f.department_id, f, s);
  PERFORM supervision_rollup_put('supervision_matter_daily', 'day', f.received_on, '', f.matter_code, f.department_id, f, s);
END $$;

-- Rebuilds the coarse copies from the full rollups (this migration; the bench's bulk seed).
CREATE FUNCTION supervision_coarse_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  sums text := 'sum(received), sum(accepted), sum(decided), sum(decided_late), sum(approved), sum(rejected),
    sum(supplement_requests), sum(decision_workdays), sum(rated), sum(rated_good), sum(rated_poor)';
BEGIN
  TRUNCATE supervision_district_daily, supervision_matter_daily, supervision_district_monthly, supervision_matter_monthly;
  EXECUTE format('INSERT INTO supervision_district_daily SELECT day, district, '''', '''', %s FROM supervision_daily GROUP BY 1, 2', sums);
  EXECUTE format('INSERT INTO supervision_matter_daily SELECT day, '''', matter_code, department_id, %s FROM supervision_daily GROUP BY 1, 3, 4', sums);
  EXECUTE format('INSERT INTO supervision_district_monthly SELECT month, district, '''', '''', %s FROM supervision_monthly GROUP BY 1, 2', sums);
  EXECUTE format('INSERT INTO supervision_matter_monthly SELECT month, '''', matter_code, department_id, %s FROM supervision_monthly GROUP BY 1, 3, 4', sums);
END $$;
SELECT supervision_coarse_rebuild();

-- 5. Tickets opened per month (China date of opened_at) × district × department × matter × category, kept by a
--    trigger on case_tickets; "still open" and "overdue now" come from the partial indexes of open tickets.
CREATE TABLE supervision_tickets_monthly (
  month date NOT NULL,
  district char(6) NOT NULL,
  department_id text NOT NULL,
  matter_code text NOT NULL,
  category text NOT NULL,
  opened integer NOT NULL,
  PRIMARY KEY (month, district, department_id, matter_code, category)
);
CREATE FUNCTION supervision_tickets_add(t case_tickets, s integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO supervision_tickets_monthly AS m (month, district, department_id, matter_code, category, opened)
  VALUES (date_trunc('month', t.opened_at AT TIME ZONE 'Asia/Shanghai')::date, t.district, t.department_id,
          coalesce(t.matter_code, ''), t.category, s)
  ON CONFLICT (month, district, department_id, matter_code, category) DO UPDATE SET opened = m.opened + EXCLUDED.opened
$$;
CREATE FUNCTION case_tickets_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (OLD.opened_at, OLD.district, OLD.department_id, OLD.matter_code, OLD.category)
        IS NOT DISTINCT FROM (NEW.opened_at, NEW.district, NEW.department_id, NEW.matter_code, NEW.category) THEN
      RETURN NULL;
    END IF;
    PERFORM supervision_tickets_add(OLD, -1);
  END IF;
  PERFORM supervision_tickets_add(NEW, 1);
  RETURN NULL;
END $$;
CREATE TRIGGER case_tickets_rollup AFTER INSERT OR UPDATE ON case_tickets
  FOR EACH ROW EXECUTE FUNCTION case_tickets_rollup();
CREATE FUNCTION supervision_tickets_rebuild() RETURNS void LANGUAGE sql AS $$
  DELETE FROM supervision_tickets_monthly;
  INSERT INTO supervision_tickets_monthly
  SELECT date_trunc('month', opened_at AT TIME ZONE 'Asia/Shanghai')::date, district, department_id,
         coalesce(matter_code, ''), category, count(*)
  FROM case_tickets GROUP BY 1, 2, 3, 4, 5
$$;
SELECT supervision_tickets_rebuild();
