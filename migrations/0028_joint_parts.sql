-- 多地联办 (decision 0215): the departments' parts a case was filed with (JSON, as pushed in the manifest); their
-- statuses come back in the department's status events (dept_details.parts).
ALTER TABLE cases ADD COLUMN joint_parts TEXT;
-- 受理模式 the case was filed under (catalogue of its version), for the ledger; NULL on cases filed before.
ALTER TABLE cases ADD COLUMN acceptance_mode TEXT;
