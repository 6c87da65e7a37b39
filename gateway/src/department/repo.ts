// What the department pages read: reviewers, the case list and one case with everything it holds.
import { caseTrail, type TrailRow } from '../audit-trail/case-trail';
import { listResultFetches, resultInfo } from '../verify/repo';
import type pg from 'pg';
import type { CaseManifest, SupplementManifest } from '@tongban/protocol/sync/manifest';
import type { CaseStatus, StatusEvent } from '@tongban/protocol/sync/status';
import { caseRating, type CaseRatingRecord } from '../ratings/repo';
import type { TicketState } from '@tongban/protocol/sync/tickets';
import { caseOriginals, type OriginalsReceipt } from '../tickets/originals';
import { caseTickets } from '../tickets/repo';
import { reviewerPasswordProblems } from './login-guard';
import { hashPassword } from './passwords';
import { caseParts, type StoredPart } from '../cases/joint';

/** Creates a reviewer bound to one department; throws on a taken username or a password the policy refuses. */
export async function addReviewer(
  pool: pg.Pool,
  username: string,
  password: string,
  departmentId: string,
): Promise<number> {
  const problems = reviewerPasswordProblems(password, username);
  if (problems.length) throw new Error(`密码不符合要求：${problems.join('；')}`);
  const { rows } = await pool.query<{ reviewer_id: number }>(
    'INSERT INTO reviewers (username, password_hash, department_id) VALUES ($1, $2, $3) RETURNING reviewer_id',
    [username, await hashPassword(password), departmentId],
  );
  return (rows[0] as { reviewer_id: number }).reviewer_id;
}

/** One row of the department's case list (unmasked here; the page masks). */
export interface CaseListRow {
  caseId: string;
  receiptNo: string;
  departmentNo: string;
  matterName: string;
  situationName: string;
  applicantName: string;
  applicantIdNumber: string;
  windowCode: string;
  receivedAt: Date;
  /** The case's status, or on a 多地联办 case this department's part's. */
  status: CaseStatus;
  /** A 多地联办 case (the status is this department's part's). */
  joint: boolean;
}

/** Complete cases of a department, newest first, optionally of one status (at most 500). */
export async function listCompleteCases(
  pool: pg.Pool,
  departmentId: string,
  status: CaseStatus | null,
): Promise<CaseListRow[]> {
  const { rows } = await pool.query<{
    case_id: string;
    manifest: CaseManifest;
    department_no: string;
    received_at: Date;
    status: CaseStatus;
    joint: boolean;
  }>(
    // 多地联办: a department sees the cases whose part was pushed to it, with that part's status.
    `SELECT c.case_id, c.manifest, c.department_no, c.received_at, coalesce(p.status, c.status) AS status,
            p.part_code IS NOT NULL AS joint
     FROM cases c LEFT JOIN case_parts p ON p.case_id = c.case_id AND p.department_id = $1
     WHERE (c.department_id = $1 OR p.pushed_at IS NOT NULL) AND (p.part_code IS NULL OR p.pushed_at IS NOT NULL)
       AND c.complete_at IS NOT NULL AND ($2::text IS NULL OR coalesce(p.status, c.status) = $2)
     ORDER BY c.received_at DESC LIMIT 500`,
    [departmentId, status],
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    receiptNo: r.manifest.receiptNo,
    departmentNo: r.department_no,
    matterName: r.manifest.matterName,
    situationName: r.manifest.situationName,
    applicantName: r.manifest.applicant.name,
    applicantIdNumber: r.manifest.applicant.idNumber,
    windowCode: r.manifest.windowCode,
    receivedAt: r.received_at,
    status: r.status,
    joint: r.joint,
  }));
}

/** A slot as shown on the case page. */
export interface SlotView {
  attachmentId: string;
  supplementId: string | null;
  materialCode: string;
  mediaType: string;
  size: number;
  verified: boolean;
  /** The bytes were removed by retention. */
  purged: boolean;
}

/** Everything about one case for its reviewer. */
export interface CaseView {
  caseId: string;
  manifest: CaseManifest;
  departmentNo: string;
  status: CaseStatus;
  caseVersion: number;
  receivedAt: Date;
  completeAt: Date | null;
  /** When retention masked the personal data and removed the files (null: not yet). */
  purgedAt: Date | null;
  slots: SlotView[];
  supplements: { manifest: SupplementManifest; receivedAt: Date }[];
  events: (Pick<StatusEvent, 'caseVersion' | 'status' | 'reason' | 'details'> & { at: Date; actor?: string })[];
  /** The 好差评 rating with its follow-up, when the window pushed one. */
  rating: CaseRatingRecord | null;
  /** Department numbers of this department's other cases carrying the same receipt number (a window that lost its numbering). */
  sameReceiptNo: string[];
  /** Both sides' history of the case, oldest first (audit-trail/case-trail.ts). */
  trail: TrailRow[];
  /** 问题处理 tickets of the case, oldest first. */
  tickets: TicketState[];
  /** The confirmed receipt of the mailed originals, or null. */
  originals: OriginalsReceipt | null;
  /** 网络送达: the attached result and its fetches with the 取件码 (newest first). */
  result?: { fileName: string; sha256: string; attachedAt: Date } | null;
  resultFetches?: { ok: boolean; at: Date }[];
  /** 多地联办: every part of the case in step order (empty for other cases). */
  parts: StoredPart[];
  /** The viewing department is the case's (lead) department. */
  leadDepartment: boolean;
}

/** A complete case of the department, or null (also for other departments' or incomplete cases). */
export async function getCase(pool: pg.Pool, caseId: string, departmentId: string): Promise<CaseView | null> {
  const { rows } = await pool.query<{
    manifest: CaseManifest;
    department_no: string;
    status: CaseStatus;
    case_version: number;
    received_at: Date;
    complete_at: Date | null;
    purged_at: Date | null;
    department_id: string;
  }>(
    `SELECT department_id, manifest, department_no, status, case_version, received_at, complete_at, purged_at FROM cases c
     WHERE case_id = $1 AND complete_at IS NOT NULL AND (department_id = $2 OR EXISTS (
       SELECT 1 FROM case_parts p WHERE p.case_id = c.case_id AND p.department_id = $2 AND p.pushed_at IS NOT NULL))`,
    [caseId, departmentId],
  );
  const c = rows[0];
  if (!c) return null;
  const [slots, supplements, events, rating, same, tickets, originals, result, fetches] = await Promise.all([
    pool.query<{
      attachment_id: string;
      supplement_id: string | null;
      material_code: string;
      media_type: string;
      size: number;
      verified: boolean;
      purged: boolean;
    }>(
      'SELECT attachment_id, supplement_id, material_code, media_type, size, verified_at IS NOT NULL AS verified, purged_at IS NOT NULL AS purged FROM attachment_slots WHERE case_id = $1 AND ticket_id IS NULL ORDER BY material_code, attachment_id',
      [caseId],
    ),
    pool.query<{ manifest: SupplementManifest; received_at: Date }>(
      'SELECT manifest, received_at FROM supplements WHERE case_id = $1 ORDER BY received_at',
      [caseId],
    ),
    pool.query<{
      case_version: number;
      status: CaseStatus;
      reason: string | null;
      details: StatusEvent['details'];
      at: Date;
      actor: string;
    }>(
      'SELECT case_version, status, reason, details, at, actor FROM status_events WHERE case_id = $1 ORDER BY case_version',
      [caseId],
    ),
    caseRating(pool, caseId),
    pool.query<{ department_no: string }>(
      `SELECT department_no FROM cases WHERE (manifest->>'receiptNo') COLLATE "C" = $1 AND case_id <> $2 AND department_id = $3 ORDER BY received_at`,
      [c.manifest.receiptNo, caseId, departmentId],
    ),
    caseTickets(pool, caseId),
    caseOriginals(pool, caseId),
    resultInfo(pool, caseId),
    listResultFetches(pool, caseId),
  ]);
  const parts = await caseParts(pool, caseId);
  const view = {
    caseId,
    manifest: c.manifest,
    departmentNo: c.department_no,
    status: c.status,
    caseVersion: c.case_version,
    receivedAt: c.received_at,
    completeAt: c.complete_at,
    purgedAt: c.purged_at,
    result,
    resultFetches: fetches,
    slots: slots.rows.map((s) => ({
      attachmentId: s.attachment_id,
      supplementId: s.supplement_id,
      materialCode: s.material_code,
      mediaType: s.media_type,
      size: s.size,
      verified: s.verified,
      purged: s.purged,
    })),
    supplements: supplements.rows.map((s) => ({ manifest: s.manifest, receivedAt: s.received_at })),
    events: events.rows.map((e) => ({
      caseVersion: e.case_version,
      status: e.status,
      reason: e.reason,
      details: e.details,
      at: e.at,
      actor: e.actor,
    })),
    rating,
    sameReceiptNo: same.rows.map((r) => r.department_no),
    tickets,
    originals,
    parts,
    leadDepartment: c.department_id === departmentId,
  };
  return { ...view, trail: await caseTrail(pool, view) };
}

/** A verified slot of a complete case of the department (for download), or null. */
export async function findDownloadableSlot(pool: pg.Pool, caseId: string, attachmentId: string, departmentId: string) {
  const { rows } = await pool.query<{ media_type: string; size: number; sha256: string }>(
    `SELECT s.media_type, s.size, s.sha256 FROM attachment_slots s JOIN cases c USING (case_id)
     WHERE s.attachment_id = $1 AND s.case_id = $2 AND c.department_id = $3 AND c.complete_at IS NOT NULL AND s.verified_at IS NOT NULL`,
    [attachmentId, caseId, departmentId],
  );
  const r = rows[0];
  return r ? { mediaType: r.media_type, size: r.size, sha256: r.sha256 } : null;
}
