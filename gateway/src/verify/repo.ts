// 扫码核验 and 网络送达 storage: issued documents reported by windows, the result a reviewer attached,
// and every fetch of it. A document is found only by its number AND the SHA-256 of the token the caller
// presents, so a wrong token and an unknown number look the same (docs/decisions/0165, 0166).
// PENDING: a token signed by an enrolled window for a number not reported yet.
import { createHash, verify } from 'node:crypto';
import type pg from 'pg';
import { canonicalJson } from '@tongban/protocol/canonical-json';
import type { DocumentManifest } from '@tongban/protocol/sync/documents';
import type { RecordPushResponse } from '@tongban/protocol/sync/records';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import type { CaseStatus } from '@tongban/protocol/sync/status';
import { mod3736CheckChar } from '@tongban/protocol/validators/check-digits';
import { isVerifyToken, pickupVerifierText, verifyTokenText } from '@tongban/protocol/verify/url';
import { ed25519PublicKey } from '../auth/verify';
import { withTransaction } from '../db/pool';
import { lockCase, lockDeviceCase } from '../feed/events';
import { GatewayError } from '../http/errors';

const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Stores a window's report of an issued document (idempotent on the print id). */
export async function storeDocument(
  pool: pg.Pool,
  m: DocumentManifest,
  device: { deviceId: string; district: string },
): Promise<{ created: boolean; answer: RecordPushResponse }> {
  const hash = sha256(canonicalJson(m));
  return withTransaction(pool, async (db) => {
    await lockDeviceCase(db, m.caseId, device.district);
    const { rows } = await db.query<{ manifest_hash: string; received_at: Date }>(
      'SELECT manifest_hash, received_at FROM issued_documents WHERE print_id = $1',
      [m.printId],
    );
    const old = rows[0];
    if (old) {
      if (old.manifest_hash !== hash)
        throw new GatewayError('manifest-mismatch', 'this id was received with another manifest');
      return { created: false, answer: { id: m.printId, caseId: m.caseId, receivedAt: old.received_at.toISOString() } };
    }
    const ins = await db.query<{ received_at: Date }>(
      `INSERT INTO issued_documents (print_id, case_id, document_no, kind, pdf_sha256, verifier, pickup_verifier, manifest, manifest_hash, device_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING received_at`,
      [
        m.printId,
        m.caseId,
        m.documentNo,
        m.kind,
        m.pdfSha256,
        m.verifier,
        m.pickupVerifier,
        JSON.stringify(m),
        hash,
        device.deviceId,
      ],
    );
    const at = (ins.rows[0] as { received_at: Date }).received_at;
    return { created: true, answer: { id: m.printId, caseId: m.caseId, receivedAt: at.toISOString() } };
  });
}

/** What the public page may show about a verified document (personal data masked by the page). */
export interface VerifiedDocument {
  caseId: string;
  documentNo: string;
  kind: DocumentManifest['kind'];
  issuedAt: Date;
  applicantName: string;
  matterName: string;
  departmentName: string;
  windowCode: string;
  acceptedAt: string;
  status: CaseStatus;
  history: { status: CaseStatus; at: Date }[];
  /** SHA-256 of every PDF copy issued under this number. */
  pdfSha256: string[];
  /** Whether a result is attached and this document carries a 取件码 to fetch it with. */
  resultReady: boolean;
  pickupEnabled: boolean;
}

/** The document `documentNo` if `token` is its QR token; null otherwise (wrong token = unknown number). */
export async function findVerifiedDocument(
  pool: pg.Pool,
  documentNo: string,
  token: string,
): Promise<VerifiedDocument | null> {
  const { rows } = await pool.query<{
    case_id: string;
    kind: DocumentManifest['kind'];
    issued_at: string;
    manifest: CaseManifest;
    status: CaseStatus;
    hashes: (string | null)[];
    pickup: boolean;
    result: boolean;
  }>(
    `SELECT d.case_id, d.kind, d.manifest->>'issuedAt' AS issued_at, c.manifest, c.status,
            (SELECT array_agg(x.pdf_sha256 ORDER BY x.received_at) FROM issued_documents x
              WHERE x.document_no = d.document_no AND x.case_id = d.case_id AND x.pdf_sha256 IS NOT NULL) AS hashes,
            EXISTS (SELECT 1 FROM issued_documents x WHERE x.document_no = d.document_no AND x.case_id = d.case_id
                    AND x.pickup_verifier IS NOT NULL) AS pickup,
            EXISTS (SELECT 1 FROM case_results r WHERE r.case_id = d.case_id) AS result
       FROM issued_documents d JOIN cases c ON c.case_id = d.case_id
      WHERE d.document_no = $1 AND d.verifier = $2 AND c.complete_at IS NOT NULL
      ORDER BY d.received_at LIMIT 1`,
    [documentNo, sha256(token)],
  );
  const r = rows[0];
  if (!r) return null;
  const events = await pool.query<{ status: CaseStatus; at: Date }>(
    'SELECT status, at FROM status_events WHERE case_id = $1 ORDER BY case_version',
    [r.case_id],
  );
  return {
    caseId: r.case_id,
    documentNo,
    kind: r.kind,
    issuedAt: new Date(r.issued_at),
    applicantName: r.manifest.applicant.name,
    matterName: r.manifest.matterName,
    departmentName: r.manifest.departmentName,
    windowCode: r.manifest.windowCode,
    acceptedAt: r.manifest.acceptedAt,
    status: r.status,
    history: events.rows,
    pdfSha256: (r.hashes ?? []).filter((h): h is string => h !== null),
    resultReady: r.result,
    pickupEnabled: r.pickup,
  };
}

const RECEIPT = /^([0-9A-Z]{4,10})-(\d{8})-(\d{4})([0-9A-Z])$/;

/**
 * Whether `token` is the signature of a window enrolled here over this document number (its device keys,
 * old epochs and revoked devices included: what they printed then stays genuine). A signed number the
 * gateway has no report of is a document issued offline and not yet synced.
 */
export async function signedByWindow(pool: pg.Pool, documentNo: string, token: string): Promise<boolean> {
  const m = RECEIPT.exec(documentNo);
  if (!m || !isVerifyToken(token)) return false;
  const [, windowCode, ymd, seq, check] = m as unknown as [string, string, string, string, string];
  if (mod3736CheckChar(`${windowCode}${ymd}${seq}`) !== check) return false;
  const { rows } = await pool.query<{ public_key: Buffer }>('SELECT public_key FROM devices WHERE window_code = $1', [
    windowCode,
  ]);
  const signature = Buffer.from(token, 'base64url');
  const text = Buffer.from(verifyTokenText(documentNo), 'utf8');
  return rows.some((r) => verify(null, text, ed25519PublicKey(r.public_key), signature));
}

/** Attaches (or replaces) a case's result PDF; the bytes are the final, signed ones. */
export async function attachResult(
  db: pg.Pool | pg.PoolClient,
  caseId: string,
  pdf: Buffer,
  fileName: string,
  by: string,
): Promise<string> {
  const hash = sha256(pdf);
  await db.query(
    `INSERT INTO case_results (case_id, file_name, pdf, sha256, attached_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (case_id) DO UPDATE SET file_name = excluded.file_name, pdf = excluded.pdf, sha256 = excluded.sha256,
       attached_by = excluded.attached_by, attached_at = now()`,
    [caseId, fileName, pdf, hash, by],
  );
  return hash;
}

/** A case's result (metadata only). */
export async function resultInfo(
  pool: pg.Pool | pg.PoolClient,
  caseId: string,
): Promise<{ fileName: string; sha256: string; attachedAt: Date } | null> {
  const { rows } = await pool.query<{ file_name: string; sha256: string; attached_at: Date }>(
    'SELECT file_name, sha256, attached_at FROM case_results WHERE case_id = $1',
    [caseId],
  );
  const r = rows[0];
  return r ? { fileName: r.file_name, sha256: r.sha256, attachedAt: r.attached_at } : null;
}

/** The size of a case's result in bytes (0 when none). */
export async function resultSize(db: pg.Pool | pg.PoolClient, caseId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT coalesce(octet_length(pdf), 0) AS n FROM case_results WHERE case_id = $1',
    [caseId],
  );
  return rows[0]?.n ?? 0;
}

/** Wrong 取件码 attempts allowed per case per hour before fetching is refused for the hour. */
export const PICKUP_FAILURES_PER_HOUR = 5;

/** Outcome of a 取件码 fetch. */
export type PickupOutcome =
  | { kind: 'ok'; pdf: Buffer; fileName: string }
  | { kind: 'wrong-code' }
  | { kind: 'locked' }
  | { kind: 'not-ready' }
  | { kind: 'purged' };

/** Fetches a case's result with the 取件码 of one of its documents; every attempt is logged on the case. */
export async function fetchResult(
  pool: pg.Pool,
  doc: VerifiedDocument,
  code: string,
  client: string,
): Promise<PickupOutcome> {
  return withTransaction(pool, async (db) => {
    await lockCase(db, doc.caseId);
    const failures = await db.query<{ n: string }>(
      "SELECT count(*) AS n FROM result_fetches WHERE case_id = $1 AND NOT ok AND at > now() - interval '1 hour'",
      [doc.caseId],
    );
    if (Number(failures.rows[0]?.n ?? 0) >= PICKUP_FAILURES_PER_HOUR) return { kind: 'locked' };
    const verifier = sha256(pickupVerifierText(doc.documentNo, code));
    const match = await db.query(
      'SELECT 1 FROM issued_documents WHERE case_id = $1 AND document_no = $2 AND pickup_verifier = $3 LIMIT 1',
      [doc.caseId, doc.documentNo, verifier],
    );
    const ok = (match.rowCount ?? 0) > 0;
    const result = ok
      ? await db.query<{ pdf: Buffer | null; file_name: string }>(
          'SELECT pdf, file_name FROM case_results WHERE case_id = $1',
          [doc.caseId],
        )
      : null;
    const row = result?.rows[0];
    if (ok && !row) return { kind: 'not-ready' };
    await db.query('INSERT INTO result_fetches (case_id, ok, client) VALUES ($1, $2, $3)', [doc.caseId, ok, client]);
    if (!row) return { kind: 'wrong-code' };
    return row.pdf ? { kind: 'ok', pdf: row.pdf, fileName: row.file_name } : { kind: 'purged' };
  });
}

/** A case's result fetches, newest first (for the department's case page). */
export async function listResultFetches(pool: pg.Pool, caseId: string): Promise<{ ok: boolean; at: Date }[]> {
  const { rows } = await pool.query<{ ok: boolean; at: Date }>(
    'SELECT ok, at FROM result_fetches WHERE case_id = $1 ORDER BY at DESC LIMIT 50',
    [caseId],
  );
  return rows;
}
