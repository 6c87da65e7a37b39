-- Decision 0258: supervision_rollup_flush() (migration 0026) took advisory lock 7202604, the key of the retention
-- run (retention.ts takes it with pg_try_advisory_lock and skips when it is taken): a retention run that started
-- while the 1-second batch was flushing did nothing. The flusher gets its own key, 7202605 (db/locks.ts). The
-- function body is otherwise unchanged: it is taken from the catalogue and only its lock statement replaced.
DO $do$
DECLARE
  def text := pg_get_functiondef('supervision_rollup_flush()'::regprocedure);
  fixed text := replace(def, 'pg_advisory_xact_lock(7202604)', 'pg_advisory_xact_lock(7202605)');
BEGIN
  IF fixed = def THEN
    RAISE EXCEPTION 'supervision_rollup_flush(): lock statement not found';
  END IF;
  EXECUTE replace(fixed, 'namespace 7202604', 'namespace 7202605');
END $do$;
