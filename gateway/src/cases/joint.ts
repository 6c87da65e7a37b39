// 多地联办 at the gateway (decision 0215): the parts of a case, a department's action on its own part, the
// next step's parts pushed once the earlier ones are decided, and the case status derived from the parts.
import type { ManifestPart, PartState, PartStatus } from '@tongban/protocol/sync/joint-parts';
import { jointCaseStatus, partsDue } from '@tongban/protocol/sync/joint-parts';
import type { CaseStatus, StatusEvent } from '@tongban/protocol/sync/status';
import type { Queryable } from '../db/pool';

/** The parts' states as the first status event carries them: step 1 received, the others waiting. */
export function initialPartStates(parts: readonly ManifestPart[]): PartState[] {
  return parts.map((p) => ({ ...p, status: p.step === 1 ? 'received' : 'waiting', reason: null }));
}

/** A part with when it was pushed to its department. */
export interface StoredPart extends PartState {
  pushedAt: Date | null;
  updatedAt: Date;
}

/** The parts of a case in step order (empty for a case that is not 多地联办). */
export async function caseParts(db: Queryable, caseId: string): Promise<StoredPart[]> {
  const { rows } = await db.query<{
    part_code: string;
    name: string;
    department_id: string;
    department_name: string;
    step: number;
    required: boolean;
    status: PartStatus;
    reason: string | null;
    pushed_at: Date | null;
    updated_at: Date;
  }>(
    `SELECT part_code, name, department_id, department_name, step, required, status, reason, pushed_at, updated_at
     FROM case_parts WHERE case_id = $1 ORDER BY step, part_code`,
    [caseId],
  );
  return rows.map((r) => ({
    code: r.part_code,
    name: r.name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    step: r.step,
    required: r.required,
    status: r.status,
    reason: r.reason,
    pushedAt: r.pushed_at,
    updatedAt: r.updated_at,
  }));
}

const wire = (p: StoredPart): PartState => ({
  code: p.code,
  name: p.name,
  departmentId: p.departmentId,
  departmentName: p.departmentName,
  step: p.step,
  required: p.required,
  status: p.status,
  reason: p.reason ?? null,
});

/** `{parts}` for a status event of a 多地联办 case, `{}` for any other case. */
export async function jointDetails(db: Queryable, caseId: string): Promise<Pick<StatusEvent['details'], 'parts'>> {
  const parts = await caseParts(db, caseId);
  return parts.length ? { parts: parts.map(wire) } : {};
}

/** A supplement arrived: the parts that asked for one have it (the case row is locked by the caller). */
export async function receiveSupplementParts(db: Queryable, caseId: string): Promise<void> {
  await db.query(
    `UPDATE case_parts SET status = 'supplement-received', updated_at = now()
     WHERE case_id = $1 AND status = 'supplement-requested'`,
    [caseId],
  );
}

/**
 * Moves the department's part to `to` (the case row is locked by the caller), pushes the next step's parts when
 * they are due, and returns the case status the parts now make with the details for the event.
 */
export async function advancePart(
  db: Queryable,
  caseId: string,
  part: StoredPart,
  to: PartStatus,
  reason: string | null,
): Promise<{ status: CaseStatus; details: Pick<StatusEvent['details'], 'parts'> }> {
  await db.query(
    'UPDATE case_parts SET status = $3, reason = $4, updated_at = now() WHERE case_id = $1 AND part_code = $2',
    [caseId, part.code, to, reason],
  );
  let parts = await caseParts(db, caseId);
  const due = partsDue(parts);
  if (due.length && jointCaseStatus(parts) !== 'rejected') {
    await db.query(
      `UPDATE case_parts SET status = 'received', pushed_at = now(), updated_at = now()
       WHERE case_id = $1 AND part_code = ANY($2::text[])`,
      [caseId, due.map((p) => p.code)],
    );
    parts = await caseParts(db, caseId);
  }
  return { status: jointCaseStatus(parts), details: { parts: parts.map(wire) } };
}
