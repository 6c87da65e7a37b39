-- Decision 0243: the two serialising parts of a case push leave its transaction. Both keep their figures exact
-- for every reader: the pending work is written by the pushing transaction itself (so a crash loses nothing) and
-- is applied by one set-based step that the gateway runs every second and before every read of what it feeds.

-- 1. The audit chain, linked in batches. An insert no longer locks the chain's head (which held every concurrent
--    push until its commit): it is stored unchained (seq, prev_hash and hash NULL) and `gateway_audit_link()`
--    chains every committed unchained row, oldest id first, under one read and lock of the head. A chained row
--    never changes; an unchained row may only receive its three chain fields, once.
ALTER TABLE gateway_audit
  ALTER COLUMN seq DROP NOT NULL,
  ALTER COLUMN prev_hash DROP NOT NULL,
  ALTER COLUMN hash DROP NOT NULL,
  DROP CONSTRAINT gateway_audit_seq_unique;
CREATE UNIQUE INDEX gateway_audit_seq ON gateway_audit (seq) WHERE seq IS NOT NULL;
DROP INDEX gateway_audit_target;
CREATE INDEX gateway_audit_target ON gateway_audit (target, seq) WHERE target IS NOT NULL AND seq IS NOT NULL;
CREATE INDEX gateway_audit_unchained ON gateway_audit (id) WHERE seq IS NULL;

-- Whatever the caller wrote into seq/prev_hash/hash/at: unchained, `at` the insert's clock.
CREATE OR REPLACE FUNCTION chain_gateway_audit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.seq := NULL;
  NEW.prev_hash := NULL;
  NEW.hash := NULL;
  NEW.at := clock_timestamp();
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL
     AND NEW.hash IS NOT NULL AND (NEW.id, NEW.at, NEW.actor, NEW.action, NEW.target, NEW.details)
       IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor, OLD.action, OLD.target, OLD.details) THEN
    RETURN NEW; -- linking an unchained row (gateway_audit_link)
  END IF;
  RAISE EXCEPTION 'gateway_audit is append-only';
END $$;

-- Chains the committed unchained rows; answers how many. One head lock per batch (linkers run one at a time;
-- each sees what the previous one chained), the hashes computed in order, one UPDATE for the whole batch.
CREATE FUNCTION gateway_audit_link() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  h record;
  r record;
  s bigint;
  prev text;
  ids bigint[] := '{}';
  seqs bigint[] := '{}';
  prevs text[] := '{}';
  hashes text[] := '{}';
BEGIN
  IF NOT EXISTS (SELECT 1 FROM gateway_audit WHERE seq IS NULL) THEN
    RETURN 0;
  END IF;
  SELECT seq, hash INTO h FROM gateway_audit_head FOR UPDATE;
  s := h.seq;
  prev := h.hash;
  FOR r IN SELECT id, at, actor, action, target, details FROM gateway_audit WHERE seq IS NULL ORDER BY id LOOP
    s := s + 1;
    ids := ids || r.id;
    seqs := seqs || s;
    prevs := prevs || prev;
    prev := gateway_audit_hash(prev, s, r.at, r.actor, r.action, r.target, r.details);
    hashes := hashes || prev;
  END LOOP;
  IF s = h.seq THEN
    RETURN 0;
  END IF;
  UPDATE gateway_audit a SET seq = u.seq, prev_hash = u.prev, hash = u.hash
    FROM unnest(ids, seqs, prevs, hashes) AS u(id, seq, prev, hash) WHERE a.id = u.id;
  UPDATE gateway_audit_head SET seq = s, hash = prev;
  RETURN s - h.seq;
END $$;

-- 2. The supervision rollups, added in batches. The case_facts trigger (decisions 0210, 0231) upserted six rollup
--    rows (and a refusal row) per change: per case the same hot rows for every concurrent push of a district.
--    It now queues the change (the row out with s = -1, the row in with s = +1) in the changing transaction;
--    `supervision_rollup_flush()` applies everything committed in the queue with one upsert per rollup table.
--    The queue's columns are case_facts' in order, then s: a column added to case_facts is added here too.
CREATE TABLE supervision_rollup_queue (LIKE case_facts);
ALTER TABLE supervision_rollup_queue ADD COLUMN s smallint NOT NULL;

CREATE OR REPLACE FUNCTION case_facts_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    INSERT INTO supervision_rollup_queue SELECT OLD.*, -1;
  END IF;
  INSERT INTO supervision_rollup_queue SELECT NEW.*, 1;
  RETURN NULL;
END $$;

DO $do$
DECLARE
  sums text := 'sum(received), sum(accepted), sum(decided), sum(decided_late), sum(approved), sum(rejected),
      sum(supplement_requests), sum(decision_workdays), sum(rated), sum(rated_good), sum(rated_poor)';
  body text := '';
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
      (1, 'supervision_monthly', 'month', 'm', 'district', 'matter_code', 'department_id'),
      (2, 'supervision_daily', 'day', 'received_on', 'district', 'matter_code', 'department_id'),
      (3, 'supervision_district_monthly', 'month', 'm', 'district', $q$''$q$, $q$''$q$),
      (4, 'supervision_district_daily', 'day', 'received_on', 'district', $q$''$q$, $q$''$q$),
      (5, 'supervision_matter_monthly', 'month', 'm', $q$''$q$, 'matter_code', 'department_id'),
      (6, 'supervision_matter_daily', 'day', 'received_on', $q$''$q$, 'matter_code', 'department_id')
    ) AS v(ord, tbl, at_col, at_expr, district_expr, matter_expr, department_expr) ORDER BY ord
  LOOP
    body := body || format($f$, a%7$s AS (
    INSERT INTO %1$I AS d (%2$I, district, matter_code, department_id, received, accepted, decided, decided_late,
        approved, rejected, supplement_requests, decision_workdays, rated, rated_good, rated_poor)
    SELECT %3$s, %4$s, %5$s, %6$s, %8$s FROM g GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (%2$I, district, matter_code, department_id) DO UPDATE SET
      received = d.received + EXCLUDED.received, accepted = d.accepted + EXCLUDED.accepted,
      decided = d.decided + EXCLUDED.decided, decided_late = d.decided_late + EXCLUDED.decided_late,
      approved = d.approved + EXCLUDED.approved, rejected = d.rejected + EXCLUDED.rejected,
      supplement_requests = d.supplement_requests + EXCLUDED.supplement_requests,
      decision_workdays = d.decision_workdays + EXCLUDED.decision_workdays, rated = d.rated + EXCLUDED.rated,
      rated_good = d.rated_good + EXCLUDED.rated_good, rated_poor = d.rated_poor + EXCLUDED.rated_poor)$f$,
      t.tbl, t.at_col, t.at_expr, t.district_expr, t.matter_expr, t.department_expr, t.ord, sums);
  END LOOP;
  EXECUTE format($c$CREATE FUNCTION supervision_rollup_flush() RETURNS integer LANGUAGE plpgsql AS $fn$
DECLARE n integer;
BEGIN
  -- One flusher at a time (namespace 7202604): each sees the queue its predecessor left.
  PERFORM pg_advisory_xact_lock(7202604);
  WITH q AS (
    DELETE FROM supervision_rollup_queue RETURNING *
  ), g AS (
    SELECT received_on, date_trunc('month', received_on)::date AS m, district, matter_code, department_id,
           sum(s) AS received, sum(s * (accepted_on IS NOT NULL)::int) AS accepted,
           sum(s * (decided_on IS NOT NULL)::int) AS decided, sum(s * coalesce(decided_on > due_on, false)::int) AS decided_late,
           sum(s * coalesce(outcome = 'approved', false)::int) AS approved,
           sum(s * coalesce(outcome = 'rejected', false)::int) AS rejected,
           sum(s * supplement_requests) AS supplement_requests, sum(s * coalesce(decision_workdays, 0)) AS decision_workdays,
           sum(s * (rating_level IS NOT NULL)::int) AS rated, sum(s * coalesce(rating_level >= 4, false)::int) AS rated_good,
           sum(s * coalesce(rating_level <= 2, false)::int) AS rated_poor
    FROM q GROUP BY 1, 2, 3, 4, 5
  )%s, refused AS (
    INSERT INTO supervision_refusals AS r (month, district, reason, n)
    SELECT date_trunc('month', received_on)::date, district, coalesce(refusal_reason, ''), sum(s)
    FROM q WHERE outcome = 'rejected' GROUP BY 1, 2, 3 HAVING sum(s) <> 0 ORDER BY 1, 2, 3
    ON CONFLICT (month, district, reason) DO UPDATE SET n = r.n + EXCLUDED.n
  )
  SELECT count(*) INTO n FROM q;
  RETURN n;
END $fn$$c$, body);
END $do$;
