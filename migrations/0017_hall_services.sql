-- 陪办 and 错时/延时服务 (issue #17, work plan 二(六)).

-- 陪办: a member of staff accompanied the applicant of a case through another window or department.
-- A service recorded beside the case's mode (本人/帮办/代办), which it does not replace.
CREATE TABLE case_accompaniments (
  id              INTEGER PRIMARY KEY,
  case_id         TEXT NOT NULL REFERENCES cases (case_id),
  staff_id        INTEGER NOT NULL REFERENCES users (id),
  staff_name      TEXT NOT NULL,
  destination     TEXT NOT NULL,
  note            TEXT,
  recorded_by     INTEGER NOT NULL REFERENCES users (id),
  recorded_at     TEXT NOT NULL
) STRICT;

CREATE INDEX case_accompaniments_case ON case_accompaniments (case_id);

-- 错时/延时服务: an appointment outside office hours, booked by the window or a township helper.
-- The case opened from it carries its id in case_id once filed.
CREATE TABLE appointments (
  appointment_id   TEXT PRIMARY KEY,
  service_date     TEXT NOT NULL,
  service_time     TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('staggered', 'extended')),
  matter_code      TEXT,
  matter_name      TEXT,
  applicant_name   TEXT NOT NULL,
  applicant_phone  TEXT NOT NULL,
  note             TEXT,
  state            TEXT NOT NULL DEFAULT 'booked' CHECK (state IN ('booked', 'served', 'cancelled')),
  case_id          TEXT REFERENCES cases (case_id),
  booked_by        INTEGER NOT NULL REFERENCES users (id),
  booked_at        TEXT NOT NULL
) STRICT;

CREATE INDEX appointments_day ON appointments (service_date, service_time);
CREATE INDEX appointments_case ON appointments (case_id);
