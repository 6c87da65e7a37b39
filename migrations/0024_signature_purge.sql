-- Retention of 电子签名 (decision 0169): the signature image, strokes, SVG and the signed text are personal
-- data and are cleared with the case's other personal data; the hashes stay, and purged_at says the
-- signature existed and was purged (not missing).
ALTER TABLE case_signatures ADD COLUMN purged_at TEXT;
