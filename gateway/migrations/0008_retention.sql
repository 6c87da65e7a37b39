-- Issue #15, retention at the gateway: cases closed more than TONGBAN_GW_RETENTION_DAYS ago lose their
-- attachments' bytes and have their personal data masked (retention/retention.ts). The rows stay: the case
-- row is the idempotency record of the window's pushes (its manifest_hash is kept) and the statistics' source.
ALTER TABLE cases ADD COLUMN purged_at timestamptz;
ALTER TABLE attachment_slots ADD COLUMN purged_at timestamptz;

-- Files whose last live slot was purged: `pending` until the retention job removed the object from the
-- blob store (or found a live slot holding it again); `deleted_at` when it did. An upload that verifies a
-- slot of a deleted file writes the object again (see verify_stored_attachment below).
CREATE TABLE purged_blobs (
  sha256 char(64) PRIMARY KEY,
  pending boolean NOT NULL,
  queued_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
CREATE INDEX purged_blobs_pending ON purged_blobs (queued_at) WHERE pending;

-- The retention job's scan: closed cases by status, never purged.
CREATE INDEX cases_closed_unpurged ON cases (status) WHERE purged_at IS NULL;

-- The gateway's audit trail is append-only for every role but the owner.
CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'gateway_audit is append-only';
END $$;
CREATE TRIGGER gateway_audit_append_only BEFORE UPDATE OR DELETE ON gateway_audit
  FOR EACH ROW EXECUTE FUNCTION refuse_audit_change();

-- As in 0007, plus: the slot's file is locked against the retention job's deletion (advisory lock, shared
-- here, exclusive there, namespace 7202603), and 'created-rewrite' tells the caller to write the object
-- again when the job deleted this file while the upload was between its write and this verification.
DROP FUNCTION verify_stored_attachment(uuid, uuid, text, text, bigint);
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
    PERFORM pg_advisory_xact_lock_shared(7202603, hashtext(p_sha256));
    IF s.received_bytes > 0 THEN
      DELETE FROM attachment_chunks WHERE attachment_id = p_attachment;
    END IF;
    PERFORM mark_slot_verified(p_attachment, p_case, s.supplement_id);
    IF EXISTS (SELECT 1 FROM purged_blobs WHERE sha256 = p_sha256 AND deleted_at IS NOT NULL) THEN
      RETURN QUERY SELECT 'created-rewrite'::text, s.slot_size;
    ELSE
      RETURN QUERY SELECT 'created'::text, s.slot_size;
    END IF;
  END IF;
END $$;
