-- The case bundle (decision 0231): with an object store the bundle's files are written before the one
-- statement that stores the case with its slots already verified. This function, called by that statement
-- once per file, takes the file's shared lock against the retention job's deletion (namespace 7202603, as
-- verify_stored_attachment does) and answers whether the job has ever deleted this file, in which case the
-- gateway writes it again after the commit. Its own statement sees what the job committed while it waited.
CREATE FUNCTION lock_bundle_blob(p_sha256 text) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7202603, hashtext(p_sha256));
  RETURN EXISTS (SELECT 1 FROM purged_blobs WHERE sha256 = p_sha256 AND deleted_at IS NOT NULL);
END $$;

-- The supervision rollups of a received case (decision 0210) wrote six rows through dynamic EXECUTE, planned
-- afresh every time: about half of PostgreSQL's work for a new case (EXPLAIN ANALYZE of the bundle statement:
-- 1.25 of 2.46 ms in the status_events trigger). Same six upserts, same order and values, as static statements
-- whose plans PL/pgSQL keeps; the text is generated here once from the same table list.
DO $do$
DECLARE
  body text := '';
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      (1, 'supervision_monthly', 'month', 'm', 'f.district', 'f.matter_code', 'f.department_id'),
      (2, 'supervision_daily', 'day', 'f.received_on', 'f.district', 'f.matter_code', 'f.department_id'),
      (3, 'supervision_district_monthly', 'month', 'm', 'f.district', $q$''$q$, $q$''$q$),
      (4, 'supervision_district_daily', 'day', 'f.received_on', 'f.district', $q$''$q$, $q$''$q$),
      (5, 'supervision_matter_monthly', 'month', 'm', $q$''$q$, 'f.matter_code', 'f.department_id'),
      (6, 'supervision_matter_daily', 'day', 'f.received_on', $q$''$q$, 'f.matter_code', 'f.department_id')
    ) AS v(ord, tbl, at_col, at_expr, district_expr, matter_expr, department_expr) ORDER BY ord
  LOOP
    body := body || format($f$
  INSERT INTO %1$I AS d (%2$I, district, matter_code, department_id, received, accepted, decided, decided_late,
      approved, rejected, supplement_requests, decision_workdays, rated, rated_good, rated_poor)
    VALUES (%3$s, %4$s, %5$s, %6$s, s, s * (f.accepted_on IS NOT NULL)::int, s * (f.decided_on IS NOT NULL)::int,
      s * coalesce(f.decided_on > f.due_on, false)::int, s * coalesce(f.outcome = 'approved', false)::int,
      s * coalesce(f.outcome = 'rejected', false)::int, s * f.supplement_requests, s * coalesce(f.decision_workdays, 0),
      s * (f.rating_level IS NOT NULL)::int, s * coalesce(f.rating_level >= 4, false)::int,
      s * coalesce(f.rating_level <= 2, false)::int)
    ON CONFLICT (%2$I, district, matter_code, department_id) DO UPDATE SET
      received = d.received + EXCLUDED.received, accepted = d.accepted + EXCLUDED.accepted,
      decided = d.decided + EXCLUDED.decided, decided_late = d.decided_late + EXCLUDED.decided_late,
      approved = d.approved + EXCLUDED.approved, rejected = d.rejected + EXCLUDED.rejected,
      supplement_requests = d.supplement_requests + EXCLUDED.supplement_requests,
      decision_workdays = d.decision_workdays + EXCLUDED.decision_workdays, rated = d.rated + EXCLUDED.rated,
      rated_good = d.rated_good + EXCLUDED.rated_good, rated_poor = d.rated_poor + EXCLUDED.rated_poor;$f$,
      t.tbl, t.at_col, t.at_expr, t.district_expr, t.matter_expr, t.department_expr);
  END LOOP;
  EXECUTE format($c$CREATE OR REPLACE FUNCTION supervision_daily_add(f case_facts, s integer) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE m date := date_trunc('month', f.received_on)::date;
BEGIN%s
END $fn$$c$, body);
END $do$;
