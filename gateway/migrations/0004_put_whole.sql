-- A whole small file in one round trip: the gateway's share of a case upload was mostly waiting on
-- and waking PostgreSQL for seven statements. Same locks in the same order as before (the case
-- row, then the slot row), same checks in the same order.

-- Marks a slot verified and its case (or supplement) complete when it was the last one unverified.
-- The caller holds the case row lock, so concurrent verifications of one case see each other.
CREATE FUNCTION mark_slot_verified(p_attachment uuid, p_case uuid, p_supplement uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE attachment_slots SET verified_at = now(), received_bytes = size WHERE attachment_id = p_attachment;
  UPDATE cases SET complete_at = now() WHERE case_id = p_case AND complete_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM attachment_slots WHERE case_id = p_case AND supplement_id IS NULL AND verified_at IS NULL);
  IF p_supplement IS NOT NULL THEN
    UPDATE supplements SET complete_at = now() WHERE supplement_id = p_supplement AND complete_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM attachment_slots WHERE supplement_id = p_supplement AND verified_at IS NULL);
  END IF;
END $$;

-- Stores a whole file for a slot. outcome: created | already-verified | slot-not-found |
-- district-forbidden | hash-mismatch (the caller turns the last three into errors); size: the slot's.
CREATE FUNCTION put_whole_attachment(p_case uuid, p_attachment uuid, p_district text, p_sha256 text, p_data bytea)
RETURNS TABLE (outcome text, size bigint)
LANGUAGE plpgsql AS $$
DECLARE
  s record;
BEGIN
  PERFORM 1 FROM cases WHERE case_id = p_case FOR NO KEY UPDATE;
  SELECT sl.size AS slot_size, sl.sha256::text AS slot_sha256, sl.received_bytes, sl.verified_at, sl.supplement_id, c.district::text AS district
    INTO s
    FROM attachment_slots sl JOIN cases c USING (case_id)
    WHERE sl.attachment_id = p_attachment AND sl.case_id = p_case
    FOR UPDATE OF sl;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'slot-not-found'::text, 0::bigint;
  ELSIF s.district <> p_district THEN
    RETURN QUERY SELECT 'district-forbidden'::text, 0::bigint;
  ELSIF length(p_data) <> s.slot_size OR p_sha256 <> s.slot_sha256 THEN
    RETURN QUERY SELECT 'hash-mismatch'::text, s.slot_size;
  ELSIF s.verified_at IS NOT NULL THEN
    RETURN QUERY SELECT 'already-verified'::text, s.slot_size;
  ELSE
    -- A ranged upload of this slot may have stopped half way: its chunks give way to the whole file.
    IF s.received_bytes > 0 THEN
      DELETE FROM attachment_chunks WHERE attachment_id = p_attachment;
    END IF;
    INSERT INTO attachment_chunks (attachment_id, start_offset, data) VALUES (p_attachment, 0, p_data);
    PERFORM mark_slot_verified(p_attachment, p_case, s.supplement_id);
    RETURN QUERY SELECT 'created'::text, s.slot_size;
  END IF;
END $$;
