-- Retention (decision 0239): a purged case's result PDF (网络送达) and the department's own documents lose their
-- bytes like its attachments; the rows stay (kind, number, title, SHA-256, who issued it and when).
ALTER TABLE case_results ALTER COLUMN pdf DROP NOT NULL;
ALTER TABLE case_results ADD COLUMN purged_at timestamptz;
ALTER TABLE department_documents ALTER COLUMN pdf DROP NOT NULL;
ALTER TABLE department_documents ADD COLUMN purged_at timestamptz;
