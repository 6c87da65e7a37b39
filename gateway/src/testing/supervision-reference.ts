// The supervision figures recomputed the slow, obvious way from the base tables (cases, status events, ratings,
// the working calendar), for gateway/src/supervision/reference.test.ts to compare the fast views with.
import type pg from 'pg';
import type { Filters } from '../supervision/filters';
import type { Totals } from '../supervision/queries';

/** A case as the reference sees it, from the base tables only. */
export interface RefCase {
  caseId: string;
  departmentNo: string;
  district: string;
  deviceId: string;
  windowCode: string;
  matter: string;
  department: string;
  receivedOn: string;
  acceptedOn: string | null;
  dueOn: string | null;
  decidedOn: string | null;
  outcome: string | null;
  reason: string | null;
  supplements: number;
  workdays: number | null;
  rating: number | null;
}

/** Per case: dates of its first events (China days), the due date counted day by day on the working calendar. */
export async function referenceCases(pool: pg.Pool): Promise<RefCase[]> {
  const { rows } = await pool.query<RefCase>(
    `WITH ev AS (SELECT case_id, status, reason, case_version, (at AT TIME ZONE 'Asia/Shanghai')::date AS d FROM status_events),
     per AS (
       SELECT c.case_id, c.department_no, c.district::text AS district, c.device_id, v.window_code,
              c.manifest->>'matterCode' AS matter, c.department_id AS department, (c.manifest->>'promisedDays')::int AS pd,
              (SELECT min(d) FROM ev WHERE ev.case_id = c.case_id AND status = 'received') AS received_on,
              (SELECT min(d) FROM ev WHERE ev.case_id = c.case_id AND status = 'reviewing') AS accepted_on,
              (SELECT d FROM ev WHERE ev.case_id = c.case_id AND status IN ('approved', 'rejected') ORDER BY case_version LIMIT 1) AS decided_on,
              (SELECT status FROM ev WHERE ev.case_id = c.case_id AND status IN ('approved', 'rejected') ORDER BY case_version LIMIT 1) AS outcome,
              (SELECT reason FROM ev WHERE ev.case_id = c.case_id AND status = 'rejected' ORDER BY case_version LIMIT 1) AS reason,
              (SELECT count(*)::int FROM ev WHERE ev.case_id = c.case_id AND status = 'supplement-requested') AS supplements,
              (SELECT level FROM ratings r WHERE r.case_id = c.case_id) AS rating
       FROM cases c JOIN devices v USING (device_id))
     SELECT case_id AS "caseId", department_no AS "departmentNo", district, device_id::text AS "deviceId",
            window_code AS "windowCode", matter, department, to_char(received_on, 'YYYY-MM-DD') AS "receivedOn",
            to_char(accepted_on, 'YYYY-MM-DD') AS "acceptedOn",
            to_char(CASE WHEN pd IS NOT NULL THEN (SELECT day FROM working_calendar w WHERE w.working AND w.day > accepted_on ORDER BY day OFFSET pd - 1 LIMIT 1) END,
                    'YYYY-MM-DD') AS "dueOn",
            to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn", outcome, reason, supplements,
            CASE WHEN decided_on IS NOT NULL THEN (SELECT count(*)::int FROM working_calendar w
              WHERE w.working AND w.day > accepted_on AND w.day <= decided_on) END AS workdays, rating
     FROM per`,
  );
  return rows;
}

export const inScope = (f: Filters, c: Pick<RefCase, 'district' | 'matter' | 'department' | 'deviceId'>) =>
  (!f.districts || f.districts.includes(c.district)) &&
  (!f.matter || f.matter === c.matter) &&
  (!f.department || f.department === c.department) &&
  (!f.deviceId || f.deviceId === c.deviceId);
export const cohort = (f: Filters, all: RefCase[]) =>
  all.filter((c) => c.receivedOn >= f.from && c.receivedOn <= f.to && inScope(f, c));

export function refTotals(cs: RefCase[], today: string): Totals {
  const count = (p: (c: RefCase) => boolean) => cs.filter(p).length;
  const decided = cs.filter((c) => c.decidedOn);
  const days = decided.reduce((a, c) => a + (c.workdays ?? 0), 0);
  const accepted = count((c) => c.acceptedOn !== null);
  return {
    received: cs.length,
    accepted,
    decided: decided.length,
    decidedLate: count((c) => !!c.decidedOn && !!c.dueOn && c.decidedOn > c.dueOn),
    approved: count((c) => c.outcome === 'approved'),
    rejected: count((c) => c.outcome === 'rejected'),
    supplementRequests: cs.reduce((a, c) => a + c.supplements, 0),
    avgDecisionDays: decided.length ? Math.round((days / decided.length) * 10) / 10 : null,
    rated: count((c) => c.rating !== null),
    ratedGood: count((c) => c.rating !== null && c.rating >= 4),
    ratedPoor: count((c) => c.rating !== null && c.rating <= 2),
    inReview: count((c) => c.acceptedOn !== null && !c.decidedOn),
    openOverdue: count((c) => !c.decidedOn && !!c.dueOn && c.dueOn < today),
  };
}
