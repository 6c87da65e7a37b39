-- Copy numbers count per kind of paper (thermal slip, A4 sheet, label): the next copy reads the format
-- and the highest copy printed, so the index that answers it carries both.
DROP INDEX IF EXISTS print_log_document;
CREATE INDEX print_log_document ON print_log (case_id, document_kind, document_ref, state, format, copy_no);
