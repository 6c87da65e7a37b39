-- 问题处理 (issue #19): files on tickets and their messages, both sides'. They are upload slots like a case's files
-- (same PUT/PATCH with size and SHA-256 checks, same blob store, purged with the case by the retention job) but tied
-- to a ticket: `ticket_id` set, `material_code` 'ticket', never counted toward the case's completeness.
ALTER TABLE attachment_slots
  ADD COLUMN ticket_id uuid REFERENCES case_tickets,
  ADD COLUMN ticket_message_id uuid,
  ADD COLUMN file_name text,
  ADD COLUMN side text CHECK (side IN ('window', 'department', 'supervisor'));
CREATE INDEX attachment_slots_ticket ON attachment_slots (ticket_id) WHERE ticket_id IS NOT NULL;

-- As in 0004, but a ticket's file neither waits for nor completes the case.
CREATE OR REPLACE FUNCTION mark_slot_verified(p_attachment uuid, p_case uuid, p_supplement uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE attachment_slots SET verified_at = now(), received_bytes = size WHERE attachment_id = p_attachment;
  IF EXISTS (SELECT 1 FROM attachment_slots WHERE attachment_id = p_attachment AND ticket_id IS NOT NULL) THEN
    RETURN;
  END IF;
  UPDATE cases SET complete_at = now() WHERE case_id = p_case AND complete_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM attachment_slots WHERE case_id = p_case AND supplement_id IS NULL
                      AND ticket_id IS NULL AND verified_at IS NULL);
  IF p_supplement IS NOT NULL THEN
    UPDATE supplements SET complete_at = now() WHERE supplement_id = p_supplement AND complete_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM attachment_slots WHERE supplement_id = p_supplement AND verified_at IS NULL);
  END IF;
END $$;
