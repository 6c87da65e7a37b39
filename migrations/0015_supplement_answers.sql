-- Which request of the department a supplement answers (the case's dept_case_version when the
-- clerk started it): a second 提交补正 for the same request is refused (issue #17).
ALTER TABLE supplements ADD COLUMN answers_version INTEGER;
