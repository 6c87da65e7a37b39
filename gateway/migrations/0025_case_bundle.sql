-- The case bundle (decision 0231): with an object store the bundle's files are written before the one
-- statement that stores the case with its slots already verified. This function, called by that statement
-- once per file, takes the file's shared lock against the retention job's deletion (namespace 7202603, as
-- verify_stored_attachment does) and answers whether the job has ever deleted this file, in which case the
-- gateway writes it again after the commit. Its own statement sees what the job committed while it waited.
CREATE FUNCTION lock_bundle_blob(p_sha256 text) RETURNS boolean
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7202603, hashtext(p_sha256));
  RETURN EXISTS (SELECT 1 FROM purged_blobs WHERE sha256 = p_sha256 AND deleted_at IS NOT NULL);
END $$;
