-- Copy numbers count per kind of paper (thermal slip, A4 sheet, label): the copy count reads the
-- format as well, so the index that answers it carries the format.
DROP INDEX IF EXISTS print_log_document;
CREATE INDEX print_log_document ON print_log (case_id, document_kind, document_ref, state, format);
