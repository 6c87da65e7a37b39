-- Name-prefix search lists matches by name, newest first within a name, straight from the index:
-- with the old single-column index a broad prefix over a million cases sorted every match by time.
DROP INDEX cases_name;
CREATE INDEX cases_name_time ON cases (applicant_name, decided_at DESC);
