-- The label stock of the window's label printer, kept with the other print settings (it was kept in
-- the browser profile, so a reinstall or a restore lost it and the test page ignored it).
ALTER TABLE printer_settings ADD COLUMN label_size TEXT NOT NULL DEFAULT 'label-76x130' CHECK (label_size IN ('label-76x130', 'label-100x150'));
