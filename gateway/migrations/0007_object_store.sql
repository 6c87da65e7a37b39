-- Attachments in an S3-compatible object store: PostgreSQL keeps the slots (the metadata) and, during a
-- ranged upload, its chunks until the file is complete; the complete file goes to the store under its
-- SHA-256. A file is found by that hash.
CREATE INDEX attachment_slots_sha256 ON attachment_slots (sha256);

-- After a whole file was written to the object store: the checks of put_whole_attachment with the same
-- locks in the same order (the case row, then the slot row), then the slot is verified without bytes.
-- outcome: created | already-verified | slot-not-found | district-forbidden | hash-mismatch.
CREATE FUNCTION verify_stored_attachment(p_case uuid, p_attachment uuid, p_district text, p_sha256 text, p_size bigint)
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
  ELSIF p_size <> s.slot_size OR p_sha256 <> s.slot_sha256 THEN
    RETURN QUERY SELECT 'hash-mismatch'::text, s.slot_size;
  ELSIF s.verified_at IS NOT NULL THEN
    RETURN QUERY SELECT 'already-verified'::text, s.slot_size;
  ELSE
    -- A ranged upload of this slot may have stopped half way: its staged chunks are no longer needed.
    IF s.received_bytes > 0 THEN
      DELETE FROM attachment_chunks WHERE attachment_id = p_attachment;
    END IF;
    PERFORM mark_slot_verified(p_attachment, p_case, s.supplement_id);
    RETURN QUERY SELECT 'created'::text, s.slot_size;
  END IF;
END $$;
