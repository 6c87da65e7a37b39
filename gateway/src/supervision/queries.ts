// The dashboard's figures. Flow figures (received, decided, late, supplements, ratings) are summed from the daily
// rollup (supervision_daily) of the cases received in the period; "now" figures (open and overdue) come from the
// partial index of undecided cases; tickets from case_tickets, 差评 follow-ups from follow_ups.
import type pg from 'pg';
import { conditions, FACT_COUNTERS, flowSource, Params, type Filters } from './filters';

/** Flow counters of the cases received in the period. */
export interface Totals {
  received: number;
  accepted: number;
  decided: number;
  decidedLate: number;
  approved: number;
  rejected: number;
  supplementRequests: number;
  /** Average working days from 受理 to decision; null when nothing was decided. */
  avgDecisionDays: number | null;
  rated: number;
  ratedGood: number;
  ratedPoor: number;
  /** Accepted and not decided (审查中, including 补正中). */
  inReview: number;
  /** Not decided and past the due date now. */
  openOverdue: number;
}

const SUMS = `coalesce(sum(received), 0)::int AS received, coalesce(sum(accepted), 0)::int AS accepted,
  coalesce(sum(decided), 0)::int AS decided, coalesce(sum(decided_late), 0)::int AS decided_late,
  coalesce(sum(approved), 0)::int AS approved, coalesce(sum(rejected), 0)::int AS rejected,
  coalesce(sum(supplement_requests), 0)::int AS supplement_requests,
  coalesce(sum(decision_workdays), 0)::float8 AS decision_workdays, coalesce(sum(rated), 0)::int AS rated,
  coalesce(sum(rated_good), 0)::int AS rated_good, coalesce(sum(rated_poor), 0)::int AS rated_poor`;

interface SumRow {
  received: number;
  accepted: number;
  decided: number;
  decided_late: number;
  approved: number;
  rejected: number;
  supplement_requests: number;
  decision_workdays: number;
  rated: number;
  rated_good: number;
  rated_poor: number;
}

function totalsOf(r: SumRow, openOverdue: number): Totals {
  return {
    received: r.received,
    accepted: r.accepted,
    decided: r.decided,
    decidedLate: r.decided_late,
    approved: r.approved,
    rejected: r.rejected,
    supplementRequests: r.supplement_requests,
    avgDecisionDays: r.decided > 0 ? Math.round((r.decision_workdays / r.decided) * 10) / 10 : null,
    rated: r.rated,
    ratedGood: r.rated_good,
    ratedPoor: r.rated_poor,
    inReview: r.accepted - r.decided,
    openOverdue,
  };
}

/** Undecided cases past due, counted per district, matter, department and window. */
interface OverdueCell {
  district: string;
  matter_code: string;
  department_id: string;
  device_id: string;
  n: number;
}

// One scan per request: the views of a page share their Filters object, so its overdue cube is computed once.
const cubes = new WeakMap<Filters, Map<string, Promise<OverdueCell[]>>>();

function overdueCube(db: pg.Pool, f: Filters, today: string): Promise<OverdueCell[]> {
  const byDay = cubes.get(f) ?? new Map<string, Promise<OverdueCell[]>>();
  cubes.set(f, byDay);
  let cube = byDay.get(today);
  if (!cube) {
    const p = new Params();
    const device = f.deviceId ? ` AND device_id = ${p.add(f.deviceId)}::uuid` : '';
    cube = db
      .query<OverdueCell>(
        `SELECT district::text AS district, matter_code, department_id, device_id::text AS device_id, count(*)::int AS n
         FROM case_facts
         WHERE decided_on IS NULL AND due_on < ${p.add(today)}::date AND ${conditions(f, p, 'received_on')}${device}
         GROUP BY 1, 2, 3, 4`,
        p.values,
      )
      .then((r) => r.rows);
    byDay.set(today, cube);
    cube.catch(() => byDay.delete(today));
  }
  return cube;
}

/** The undecided cases past due on `today`, grouped by `key` (a case_facts column) or in total (key ''). */
export async function openOverdue(
  db: pg.Pool,
  f: Filters,
  today: string,
  key: 'district' | 'matter_code' | 'department_id' | 'device_id' | null,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const c of await overdueCube(db, f, today)) {
    const k = key ? c[key] : '';
    out.set(k, (out.get(k) ?? 0) + c.n);
  }
  return out;
}

/** The period's totals. */
export async function totals(db: pg.Pool, f: Filters, today: string): Promise<Totals> {
  const p = new Params();
  const src = flowSource(f, p);
  const [{ rows }, overdue] = await Promise.all([
    db.query<SumRow>(`SELECT ${SUMS} FROM ${src} d WHERE ${conditions(f, p, 'day', 'd')}`, p.values),
    openOverdue(db, f, today, null),
  ]);
  return totalsOf(rows[0] as SumRow, overdue.get('') ?? 0);
}

/** What a breakdown table is grouped by. */
export type Grouping = 'district' | 'matter' | 'department' | 'window';

/** One row of a breakdown. */
export interface GroupRow extends Totals {
  key: string;
  label: string;
}

const GROUP_COLUMN: Record<Exclude<Grouping, 'window'>, 'district' | 'matter_code' | 'department_id'> = {
  district: 'district',
  matter: 'matter_code',
  department: 'department_id',
};

/**
 * Totals per district, matter or department (from the rollup), or per window (from the cases of the districts in
 * scope: a window breakdown needs one district or a window filter, else it is refused to keep it cheap).
 */
export async function breakdown(db: pg.Pool, f: Filters, today: string, by: Grouping): Promise<GroupRow[]> {
  const p = new Params();
  let sql: string;
  if (by === 'window') {
    if (!f.deviceId && (f.districts === null || f.districts.length > 3)) return [];
    const device = f.deviceId ? ` AND c.device_id = ${p.add(f.deviceId)}::uuid` : '';
    sql = `SELECT c.device_id::text AS k, min(v.window_code) AS label, ${SUMS}
           FROM (SELECT device_id, received_on, district, matter_code, department_id, ${FACT_COUNTERS} FROM case_facts) c
           JOIN devices v USING (device_id)
           WHERE ${conditions(f, p, 'received_on', 'c')}${device} GROUP BY 1 ORDER BY received DESC`;
  } else {
    const col = GROUP_COLUMN[by];
    sql = `SELECT d.${col}::text AS k, d.${col}::text AS label, ${SUMS} FROM ${flowSource(f, p)} d
           WHERE ${conditions(f, p, 'day', 'd')} GROUP BY 1 ORDER BY received DESC`;
  }
  const key = by === 'window' ? 'device_id' : GROUP_COLUMN[by];
  const [{ rows }, overdue] = await Promise.all([
    db.query<SumRow & { k: string; label: string }>(sql, p.values),
    openOverdue(db, f, today, key),
  ]);
  return rows.map((r) => ({ key: r.k, label: r.label, ...totalsOf(r, overdue.get(r.k) ?? 0) }));
}

/** Received and decided per bucket (day, week or month by the period's length), for the chart. */
export async function series(
  db: pg.Pool,
  f: Filters,
): Promise<{ unit: 'day' | 'week' | 'month'; points: { at: string; received: number; decided: number }[] }> {
  const days = (Date.parse(f.to) - Date.parse(f.from)) / 86_400_000;
  const unit = days <= 31 ? 'day' : days <= 120 ? 'week' : 'month';
  const p = new Params();
  // Bucket on the date itself (no per-row timestamp casts); format once per bucket.
  const bucket =
    unit === 'day'
      ? 'd.day'
      : unit === 'week'
        ? '(d.day - (extract(isodow FROM d.day)::int - 1))'
        : "date_trunc('month', d.day)::date";
  const { rows } = await db.query<{ at: string; received: number; decided: number }>(
    `SELECT to_char(b, 'YYYY-MM-DD') AS at, received, decided FROM (
       SELECT ${bucket} AS b, sum(received)::int AS received, sum(decided)::int AS decided
       FROM ${flowSource(f, p, unit !== 'month')} d WHERE ${conditions(f, p, 'day', 'd')} GROUP BY 1) x
     ORDER BY b`,
    p.values,
  );
  return { unit, points: rows };
}

/** 不予办理 reasons of the period's cases, most frequent first. */
export async function refusals(db: pg.Pool, f: Filters, limit = 20): Promise<{ reason: string; count: number }[]> {
  const p = new Params();
  const device = f.deviceId ? ` AND device_id = ${p.add(f.deviceId)}::uuid` : '';
  const { rows } = await db.query<{ reason: string; count: number }>(
    `SELECT coalesce(nullif(refusal_reason, ''), '（未填写理由）') AS reason, count(*)::int AS count
     FROM case_facts WHERE outcome = 'rejected' AND ${conditions(f, p, 'received_on')}${device}
     GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ${Number(limit)}`,
    p.values,
  );
  return rows;
}
