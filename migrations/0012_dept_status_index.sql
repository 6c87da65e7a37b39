-- The workbench's 需补正 count and list: cases the department asked to complete, of any day. Few at a
-- time, so a partial index holds just them.
CREATE INDEX cases_supplement_requested ON cases (decided_at) WHERE dept_status = 'supplement-requested';
