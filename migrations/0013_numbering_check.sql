-- When the window last learned from the gateway how far its receipt numbering of the day went: after a
-- restore, until this is later than the restore, the window warns that numbers may repeat.
ALTER TABLE sync_state ADD COLUMN numbering_checked_at TEXT;
