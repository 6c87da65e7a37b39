-- 多地联办 (decision 0215): the departments' parts a case was filed with (JSON, as pushed in the manifest); their
-- statuses come back in the department's status events (dept_details.parts).
ALTER TABLE cases ADD COLUMN joint_parts TEXT;
