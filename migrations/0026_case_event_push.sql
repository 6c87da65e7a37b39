-- The window's case events sent to the gateway (decision 0205, 全程记录 of both sides): for every case with
-- audit rows, the newest row's sequence (kept by a trigger, also for a draft that is not a case yet) and the
-- sequence up to which its events were sent. The sync loop sends the cases whose marks differ, once the
-- gateway holds the case (department_no known); the partial index keeps that look-up to the few waiting.
CREATE TABLE case_event_push (
  case_id     TEXT PRIMARY KEY,
  last_seq    INTEGER NOT NULL,
  pushed_seq  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX case_event_push_waiting ON case_event_push (case_id) WHERE last_seq > pushed_seq;

CREATE TRIGGER case_event_push_mark AFTER INSERT ON audit_log
WHEN NEW.target LIKE 'case:%'
BEGIN
  INSERT INTO case_event_push (case_id, last_seq) VALUES (substr(NEW.target, 6), NEW.seq)
  ON CONFLICT (case_id) DO UPDATE SET last_seq = excluded.last_seq;
END;

INSERT INTO case_event_push (case_id, last_seq)
SELECT substr(target, 6), max(seq) FROM audit_log WHERE target LIKE 'case:%' GROUP BY target;
