-- cases_name (applicant_name) is a prefix of cases_name_time (applicant_name, decided_at DESC), which
-- serves every query it served; dropping it saves one index write per case decided.
DROP INDEX IF EXISTS cases_name;
