// Storing pushed cases and supplements. The case row is the idempotency record of
// PUT /v1/cases/{id}: a replay finds it and gets the stored answer; it is never pruned.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import {
  manifestCanonicalText,
  supplementCanonicalText,
  type AttachmentSlot,
  type CaseManifest,
  type SupplementManifest,
} from '@tongban/protocol/sync/manifest';
import { isUniqueViolation, withTransaction, type Queryable } from '../db/pool';
import { advanceCase, lockDeviceCase } from '../feed/events';
import { GatewayError } from '../http/errors';
import { initialPartStates, jointDetails, receiveSupplementParts } from './joint';

/** SHA-256 hex of a manifest's canonical text. */
export function caseManifestHash(m: CaseManifest): string {
  return createHash('sha256').update(manifestCanonicalText(m), 'utf8').digest('hex');
}

/** SHA-256 hex of a supplement manifest's canonical text. */
export function supplementManifestHash(m: SupplementManifest): string {
  return createHash('sha256').update(supplementCanonicalText(m), 'utf8').digest('hex');
}

/** The stored answer to a case push. */
export interface StoredCase {
  created: boolean;
  departmentNo: string;
  caseVersion: number;
  missingAttachments: string[];
}

async function missingSlots(db: Queryable, where: 'case' | 'supplement', id: string): Promise<string[]> {
  const column =
    where === 'case' ? 'case_id = $1 AND supplement_id IS NULL AND ticket_id IS NULL' : 'supplement_id = $1';
  const { rows } = await db.query<{ attachment_id: string }>(
    `SELECT attachment_id FROM attachment_slots WHERE ${column} AND verified_at IS NULL ORDER BY attachment_id`,
    [id],
  );
  return rows.map((r) => r.attachment_id);
}

async function insertSlots(
  db: Queryable,
  caseId: string,
  supplementId: string | null,
  slots: AttachmentSlot[],
): Promise<void> {
  for (const s of slots) {
    try {
      await db.query(
        `INSERT INTO attachment_slots (attachment_id, case_id, supplement_id, material_code, sha256, size, media_type)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [s.attachmentId, caseId, supplementId, s.materialCode, s.sha256, s.size, s.mediaType],
      );
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // The transaction is aborted now; the caller's rollback discards the whole case.
      throw new GatewayError(
        'attachment-conflict',
        `attachment id ${s.attachmentId} belongs to another case or supplement`,
      );
    }
  }
}

/**
 * The CTEs that store a new case: `known` (the stored row, if any), `c` (the case row, inserted only when
 * `known` is empty and `gate` holds), then its slots, first status event, 多地联办 parts and back-office
 * notice, each reading `c`, so when a concurrent push of the same id committed first (ON CONFLICT waited
 * for it) nothing else is written either. Parameters $1–$11 are `newCaseValues`. `verified`: the slots are
 * stored verified (the case bundle brought their bytes) and the case complete.
 */
export function newCaseCtes(gate: string, verified: boolean): string {
  return `known AS (
         SELECT manifest_hash, department_no, case_version FROM cases WHERE case_id = $1
       ), c AS (
         INSERT INTO cases (case_id, manifest, manifest_hash, district, department_id, department_no, device_id, status, case_version, complete_at)
         SELECT $1, $2, $3, $4::char(6), $5,
                'KSTB-' || $4::text || '-' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') || '-' ||
                  (SELECT lpad(n::text, greatest(6, length(n::text)), '0') FROM nextval('department_no_seq') AS n),
                $6, 'received', 1, CASE WHEN $7 THEN now() END
         WHERE NOT EXISTS (SELECT 1 FROM known) AND ${gate}
         ON CONFLICT (case_id) DO NOTHING
         RETURNING department_no
       ), slots AS (
         INSERT INTO attachment_slots (attachment_id, case_id, supplement_id, material_code, sha256, size, media_type${verified ? ', received_bytes, verified_at' : ''})
         SELECT a."attachmentId", $1, NULL, a."materialCode", a.sha256, a.size, a."mediaType"${verified ? ', a.size, now()' : ''}
         FROM c, jsonb_to_recordset($8::jsonb) AS a("attachmentId" uuid, "materialCode" text, sha256 text, size bigint, "mediaType" text)
         RETURNING attachment_id
       ), event AS (
         INSERT INTO status_events (case_id, district, case_version, status, reason, details, actor)
         SELECT $1, $4::char(6), 1, 'received', NULL,
                jsonb_build_object('departmentNo', c.department_no) || CASE WHEN $11::jsonb IS NULL THEN '{}'::jsonb
                  ELSE jsonb_build_object('parts', $11::jsonb) END, $9 FROM c
       ), parts AS (
         INSERT INTO case_parts (case_id, part_code, name, department_id, department_name, step, required, status, pushed_at)
         SELECT $1, p.code, p.name, p."departmentId", p."departmentName", p.step, p.required,
                CASE WHEN p.step = 1 THEN 'received' ELSE 'waiting' END, CASE WHEN p.step = 1 THEN now() END
         FROM c, jsonb_to_recordset($10::jsonb) AS p(code text, name text, "departmentId" text, "departmentName" text, step int, required boolean)
       ), notice AS (
         INSERT INTO backoffice_outbox (case_id, kind, payload)
         SELECT $1, 'case-received', jsonb_build_object('caseId', $1::text, 'departmentNo', c.department_no, 'departmentId', $5::text) FROM c
       )`;
}

/** Parameters $1–$11 of `newCaseCtes`; `complete`: the case is complete on arrival (no slots, or all verified). */
/** What a new case's rows are made of (`newCaseValues`, and a row of bundle-batch.ts's shared statement). */
export function newCaseFields(m: CaseManifest, hash: string, deviceId: string) {
  return {
    caseId: m.caseId,
    manifest: m,
    hash,
    district: m.district,
    departmentId: m.departmentId,
    deviceId,
    attachments: m.attachments,
    actor: `device:${deviceId}`,
    parts: m.parts ?? [],
    partStates: m.parts ? initialPartStates(m.parts) : null,
  };
}

export function newCaseValues(m: CaseManifest, hash: string, deviceId: string, complete: boolean): unknown[] {
  const f = newCaseFields(m, hash, deviceId);
  return [
    f.caseId,
    JSON.stringify(f.manifest),
    f.hash,
    f.district,
    f.departmentId,
    f.deviceId,
    complete,
    JSON.stringify(f.attachments),
    f.actor,
    JSON.stringify(f.parts),
    f.partStates ? JSON.stringify(f.partStates) : null,
  ];
}

const STORE_CASE = `WITH ${newCaseCtes('TRUE', false)}
       SELECT department_no FROM c`;

/** Stores a case once: a replay with the same hash returns the stored answer, another hash is a 422. */
export async function storeCase(pool: pg.Pool, m: CaseManifest, deviceId: string): Promise<StoredCase> {
  const hash = caseManifestHash(m);
  // One statement (one round trip, its own transaction): for a replay `known` has the stored row
  // and nothing is inserted (the SELECT feeding the insert yields no row, so no department number is
  // drawn and lost); a new case is inserted with its slots, first status event and back-office notice.
  let departmentNo: string | undefined;
  try {
    const result = await pool.query<{ department_no: string }>({
      name: 'store-case',
      text: STORE_CASE,
      values: newCaseValues(m, hash, deviceId, m.attachments.length === 0),
    });
    departmentNo = result.rows[0]?.department_no;
  } catch (err) {
    // Nothing was written (one statement): an attachment id already used by another case or supplement.
    if (isUniqueViolation(err))
      throw new GatewayError('attachment-conflict', 'an attachment id belongs to another case or supplement');
    throw err;
  }
  if (departmentNo)
    return {
      created: true,
      departmentNo,
      caseVersion: 1,
      missingAttachments: m.attachments.map((a) => a.attachmentId).sort(),
    };
  return storedAnswer(pool, m.caseId, hash);
}

/** The stored answer to a replay (or a concurrent push of the same id that committed first), hash checked. */
export async function storedAnswer(pool: pg.Pool, caseId: string, hash: string): Promise<StoredCase> {
  const { rows } = await pool.query<{ manifest_hash: string; department_no: string; case_version: number }>(
    'SELECT manifest_hash, department_no, case_version FROM cases WHERE case_id = $1',
    [caseId],
  );
  const stored = rows[0] as { manifest_hash: string; department_no: string; case_version: number };
  if (stored.manifest_hash !== hash)
    throw new GatewayError('manifest-mismatch', 'this case id was received with another manifest');
  return {
    created: false,
    departmentNo: stored.department_no,
    caseVersion: stored.case_version,
    missingAttachments: await missingSlots(pool, 'case', caseId),
  };
}

/** The stored answer to a supplement push. */
export interface StoredSupplement {
  created: boolean;
  caseVersion: number;
  missingAttachments: string[];
}

/** Stores a supplement once and moves its case to supplement-received; same idempotency rules as cases. */
export async function storeSupplement(
  pool: pg.Pool,
  s: SupplementManifest,
  device: { deviceId: string; district: string },
): Promise<StoredSupplement> {
  const hash = supplementManifestHash(s);
  return withTransaction(pool, async (client) => {
    const locked = await lockDeviceCase(client, s.caseId, device.district); // serialises pushes of supplements of one case
    const { rows } = await client.query<{ manifest_hash: string }>(
      'SELECT manifest_hash FROM supplements WHERE supplement_id = $1',
      [s.supplementId],
    );
    if (rows[0]) {
      if (rows[0].manifest_hash !== hash)
        throw new GatewayError('manifest-mismatch', 'this supplement id was received with another manifest');
      return {
        created: false,
        caseVersion: locked.caseVersion,
        missingAttachments: await missingSlots(client, 'supplement', s.supplementId),
      };
    }
    if (locked.status !== 'supplement-requested')
      throw new GatewayError('supplement-not-requested', `case is ${locked.status}`);
    await client.query(
      `INSERT INTO supplements (supplement_id, case_id, manifest, manifest_hash, device_id, complete_at)
       VALUES ($1, $2, $3, $4, $5, CASE WHEN $6 THEN now() END)`,
      [s.supplementId, s.caseId, JSON.stringify(s), hash, device.deviceId, s.attachments.length === 0],
    );
    await insertSlots(client, s.caseId, s.supplementId, s.attachments);
    await receiveSupplementParts(client, s.caseId);
    const caseVersion = await advanceCase(client, locked, {
      status: 'supplement-received',
      reason: s.note === '' ? null : s.note,
      details: await jointDetails(client, s.caseId),
      actor: `device:${device.deviceId}`,
    });
    await client.query(
      "INSERT INTO backoffice_outbox (case_id, kind, payload) VALUES ($1, 'supplement-received', $2)",
      [s.caseId, JSON.stringify({ caseId: s.caseId, supplementId: s.supplementId })],
    );
    return { created: true, caseVersion, missingAttachments: s.attachments.map((a) => a.attachmentId).sort() };
  });
}

/** Of the given cases (id → manifest hash), those unknown in `district` and those held with another hash. */
export async function reconcile(pool: pg.Pool, district: string, cases: { caseId: string; manifestHash: string }[]) {
  const { rows } = await pool.query<{ case_id: string; manifest_hash: string }>(
    'SELECT case_id, manifest_hash FROM cases WHERE case_id = ANY($1::uuid[]) AND district = $2',
    [cases.map((c) => c.caseId), district],
  );
  const held = new Map(rows.map((r) => [r.case_id, r.manifest_hash]));
  return {
    unknown: cases.filter((c) => !held.has(c.caseId)).map((c) => c.caseId),
    mismatched: cases.filter((c) => held.has(c.caseId) && held.get(c.caseId) !== c.manifestHash).map((c) => c.caseId),
  };
}
