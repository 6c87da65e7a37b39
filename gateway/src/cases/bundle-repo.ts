// Storing a case bundle (decision 0231): the case PUT and a whole-file PUT of every slot, done atomically.
// A new case costs one statement, so one transaction and one commit: it records the request's nonce
// (unless the device is revoked), stores the case with its slots already verified, its first status
// event and back-office notice, and with the PostgreSQL store the files' bytes too. With an object store
// the files are written (content-addressed, idempotent) before that statement; a refusal after that
// leaves only objects no verified slot points at, which no reader takes as a file of a case.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import type { BlobStore } from '../attachments/blob-store';
import { putWhole } from '../attachments/repo';
import { audit } from '../audit';
import { checkDeviceState, type PendingNonce } from '../auth/verify';
import { isUniqueViolation } from '../db/pool';
import { GatewayError } from '../http/errors';
import { storeInBatch, type BundleJob, type BundleRow } from './bundle-batch';
import { caseManifestHash, newCaseCtes, newCaseFields, newCaseValues, storedAnswer, type StoredCase } from './repo';

const sha256Hex = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Refuses (422 hash-mismatch) any file whose size or SHA-256 is not its slot's; nothing is stored yet. */
export function checkBundleFiles(m: CaseManifest, files: readonly Buffer[]): void {
  m.attachments.forEach((slot, i) => {
    const bytes = files[i] as Buffer;
    if (bytes.length !== slot.size || sha256Hex(bytes) !== slot.sha256)
      throw new GatewayError('hash-mismatch', `the bytes of attachment ${slot.attachmentId} do not match its slot`);
  });
}

// $12–$14: the request's nonce; $15: the files' bytes in slot order (PostgreSQL store) or NULL, cut by
// $16–$18 (slot ids, offsets, sizes); $19: the files' SHA-256 to lock against the retention job (object store) or {};
// $20: the audit row's details. The audit row comes last: its chain trigger holds the chain's head until the commit.
const STORE_BUNDLE = `WITH d AS (
         SELECT revoked_at IS NOT NULL AS revoked FROM devices WHERE device_id = $12
       ), n AS (
         INSERT INTO request_nonces (device_id, nonce, created_at)
         SELECT $12, $13, to_timestamp($14) FROM d WHERE NOT d.revoked
         ON CONFLICT DO NOTHING RETURNING 1
       ), ${newCaseCtes('EXISTS (SELECT 1 FROM n)', true)}, chunks AS (
         INSERT INTO attachment_chunks (attachment_id, start_offset, data)
         SELECT f.id, 0, substring($15::bytea FROM f.off + 1 FOR f.size)
         FROM c, unnest($16::uuid[], $17::int[], $18::int[]) AS f(id, off, size)
         WHERE $15::bytea IS NOT NULL
       ), audit AS (
         INSERT INTO gateway_audit (actor, action, target, details)
         SELECT $9, 'device.case-push', 'case:' || $1::text, $20::jsonb FROM c
       ), gone AS (
         SELECT coalesce(array_agg(h.sha) FILTER (WHERE lock_bundle_blob(h.sha)), '{}') AS shas
         FROM c, unnest($19::text[]) AS h(sha)
       )
       SELECT (SELECT revoked FROM d) AS revoked, (SELECT count(*) FROM n)::int AS fresh,
              (SELECT department_no FROM c) AS department_no, (SELECT shas FROM gone) AS rewrite`;

/** What storing a bundle needs besides the manifest. */
export interface BundleInput {
  store: BlobStore;
  deviceId: string;
  district: string;
  /** The nonce the onRequest hook deferred: the statement records it. */
  nonce: PendingNonce;
  /** What the audit trail records of the push besides device and case (as for every device action). */
  audit: { windowCode: string; requestId: string };
  /** Called once the statement ran: the nonce is recorded (or refused) whatever happens next. */
  onNonceSettled: () => void;
  /** The files in slot order, already checked against their slots (checkBundleFiles). */
  files: readonly Buffer[];
  /** The same bytes back to back (the bundle's tail), passed to PostgreSQL as one parameter. */
  filesBytes: Buffer;
}

/**
 * Stores a bundle once. New case: 201 with nothing missing. Same id and hash: the stored answer, with any
 * slot still unverified (the case came by the case PUT without its files) now verified from the bundle.
 * Another hash: 422 manifest-mismatch. Throws device-revoked / nonce-replayed with nothing stored.
 */
export async function storeCaseBundle(pool: pg.Pool, m: CaseManifest, input: BundleInput): Promise<StoredCase> {
  const { store, files } = input;
  const hash = caseManifestHash(m);
  const shas = m.attachments.map((a) => a.sha256);
  if (!store.inline) await Promise.all(files.map((bytes, i) => store.put(shas[i] as string, bytes)));
  const offsets: number[] = [];
  files.reduce((off, f) => (offsets.push(off), off + f.length), 0);
  const { nonce } = input;
  const auditDetails = { ...input.audit, bundle: true, attachments: files.length };
  // The case alone: one statement (the PostgreSQL store, a batch of one, or after a shared statement failed).
  const single = async () => {
    const values = [
      ...newCaseValues(m, hash, input.deviceId, true),
      nonce.deviceId,
      nonce.nonce,
      nonce.created,
      store.inline ? input.filesBytes : null,
      m.attachments.map((a) => a.attachmentId),
      offsets,
      files.map((f) => f.length),
      store.inline ? [] : shas,
      JSON.stringify(auditDetails),
    ];
    return (await pool.query<BundleRow>({ name: 'store-case-bundle', text: STORE_BUNDLE, values }))
      .rows[0] as BundleRow;
  };
  // The same case as a row of the shared statement (bundle-batch.ts), same meaning.
  const batchJob = (): BundleJob => {
    const f = newCaseFields(m, hash, input.deviceId);
    return {
      caseId: m.caseId,
      nonceKey: `${nonce.deviceId} ${nonce.nonce}`,
      row: {
        case_text: f.caseId,
        manifest: f.manifest,
        hash: f.hash,
        district: f.district,
        department_id: f.departmentId,
        device_id: f.deviceId,
        attachments: f.attachments,
        actor: f.actor,
        parts: f.parts,
        part_states: f.partStates,
        nonce_device: nonce.deviceId,
        nonce: nonce.nonce,
        created: nonce.created,
        shas,
        audit: auditDetails,
      },
      single,
    };
  };
  let row: BundleRow;
  try {
    // With an object store the statement may share its transaction and commit with other cases' (decision 0244).
    row = store.inline ? await single() : await storeInBatch(pool, batchJob());
    input.onNonceSettled();
  } catch (err) {
    // Nothing was written (one statement), the nonce neither: the caller's error path records it.
    if (isUniqueViolation(err))
      throw new GatewayError('attachment-conflict', 'an attachment id belongs to another case or supplement');
    throw err;
  }
  checkDeviceState(row.revoked, row.fresh);
  if (row.department_no) {
    // The retention job deleted one of these files between its write above and the lock (lock_bundle_blob): write it again.
    for (const sha of row.rewrite ?? []) await store.put(sha, files[shas.indexOf(sha)] as Buffer);
    return { created: true, departmentNo: row.department_no, caseVersion: 1, missingAttachments: [] };
  }
  const stored = await storedAnswer(pool, m.caseId, hash);
  if (stored.missingAttachments.length === 0) return stored;
  // Verify the slots still waiting for their bytes, exactly as their whole-file PUTs would.
  for (const attachmentId of stored.missingAttachments) {
    const i = m.attachments.findIndex((a) => a.attachmentId === attachmentId);
    const put = await putWhole(pool, store, m.caseId, attachmentId, input.district, files[i] as Buffer, shas[i]);
    if (put.created)
      await audit(pool, {
        actor: `device:${input.deviceId}`,
        action: 'device.attachment',
        target: `case:${m.caseId}`,
        details: { ...input.audit, attachmentId, bundle: true },
      });
  }
  return { ...stored, missingAttachments: [] };
}
