-- Scans are JPEG, PNG and PDF: already compressed. EXTERNAL keeps them out of line (TOAST) without
-- PostgreSQL first trying to compress every 200 KB chunk in vain.
ALTER TABLE attachment_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
