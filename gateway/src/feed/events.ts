// Writing status events. Every change of a case's status is one row here, written in the same
// transaction that changes the case row (which holds the current status and version).
import type { CaseStatus, StatusEvent } from '@tongban/protocol/sync/status';
import type { Queryable } from '../db/pool';
import { GatewayError } from '../http/errors';

/** What a new status event says. */
export interface NewEvent {
  caseId: string;
  district: string;
  caseVersion: number;
  status: CaseStatus;
  reason: string | null;
  details: StatusEvent['details'];
  /** Who caused it: `device:<id>` or `reviewer:<username>` (kept for audit, not sent to windows). */
  actor: string;
}

/** Inserts an event; its xid and feed position come from the column defaults. */
export async function insertEvent(db: Queryable, e: NewEvent): Promise<string> {
  const { rows } = await db.query<{ event_id: string }>(
    `INSERT INTO status_events (case_id, district, case_version, status, reason, details, actor)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING event_id`,
    [e.caseId, e.district, e.caseVersion, e.status, e.reason, JSON.stringify(e.details), e.actor],
  );
  return (rows[0] as { event_id: string }).event_id;
}

/** A case's status, locked for the rest of the transaction. */
export interface LockedCase {
  caseId: string;
  district: string;
  departmentId: string;
  status: CaseStatus;
  caseVersion: number;
}

/** Locks a case row (FOR NO KEY UPDATE, so rows referencing it can still be inserted) and returns its status, or null when there is no such case. */
export async function lockCase(db: Queryable, caseId: string): Promise<LockedCase | null> {
  const { rows } = await db.query<{
    district: string;
    department_id: string;
    status: CaseStatus;
    case_version: number;
  }>('SELECT district, department_id, status, case_version FROM cases WHERE case_id = $1 FOR NO KEY UPDATE', [caseId]);
  const r = rows[0];
  return r
    ? { caseId, district: r.district, departmentId: r.department_id, status: r.status, caseVersion: r.case_version }
    : null;
}

/** Locks a case a device pushes to: 404 `case-not-found`, 403 `district-forbidden` for another district's case. */
export async function lockDeviceCase(db: Queryable, caseId: string, district: string): Promise<LockedCase> {
  const locked = await lockCase(db, caseId);
  if (!locked) throw new GatewayError('case-not-found', 'no such case');
  if (locked.district !== district) throw new GatewayError('district-forbidden', 'case of another district');
  return locked;
}

/** Moves a locked case to `status` with caseVersion + 1 and records the event; returns the new version. */
export async function advanceCase(
  db: Queryable,
  locked: LockedCase,
  change: { status: CaseStatus; reason: string | null; details: StatusEvent['details']; actor: string },
): Promise<number> {
  const caseVersion = locked.caseVersion + 1;
  await db.query('UPDATE cases SET status = $2, case_version = $3 WHERE case_id = $1', [
    locked.caseId,
    change.status,
    caseVersion,
  ]);
  await insertEvent(db, { caseId: locked.caseId, district: locked.district, caseVersion, ...change });
  return caseVersion;
}
