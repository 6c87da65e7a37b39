// The dashboard's figures. Flow figures (received, decided, late, supplements, ratings) are summed from the
// monthly/daily rollups of the cases received in the period, in ONE grouping-sets pass per request (the totals, the
// district/matter/department breakdowns and the chart share it); "now" figures (open and overdue) come from the
// index of undecided cases by due date; refusal reasons from their monthly rollup; tickets from case_tickets,
// 差评 follow-ups from follow_ups.
import type pg from 'pg';
import { flushRollups } from './rollups';
import { conditions, FACT_COUNTERS, flowSource, Params, wholeMonths, type Filters } from './filters';

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

/** One cell of the flow cube: which grouping set it is of, and its key. */
interface FlowCell extends SumRow {
  set: 'total' | 'district' | 'bucket' | 'matter_code' | 'department_id';
  key: string | null;
}

/** The chart's bucket for the period's length. */
export const seriesUnit = (f: Filters): 'day' | 'week' | 'month' => {
  const days = (Date.parse(f.to) - Date.parse(f.from)) / 86_400_000;
  return days <= 31 ? 'day' : days <= 120 ? 'week' : 'month';
};

const flowCubes = new WeakMap<Filters, Promise<FlowCell[]>>();

/**
 * The period's flow figures in total, per district, per chart bucket (one statement, on the per-district rollup
 * unless a matter or department is chosen), and per matter and per department (one statement, on the per-matter
 * rollup unless districts are chosen); day grain only when the chart is by day or week. Shared by the views of one
 * request like the overdue cube.
 */
function flowCube(db: pg.Pool, f: Filters): Promise<FlowCell[]> {
  let cube = flowCubes.get(f);
  if (!cube) {
    const unit = seriesUnit(f);
    // Bucket on the date itself (no per-row timestamp casts); format once per bucket.
    const bucket =
      unit === 'day'
        ? 'r.day'
        : unit === 'week'
          ? '(r.day - (extract(isodow FROM r.day)::int - 1))'
          : "date_trunc('month', r.day)::date";
    const p = new Params();
    const byDistrict = () =>
      db.query<FlowCell>(
        `SELECT CASE GROUPING(d.district, d.b) WHEN 3 THEN 'total' WHEN 1 THEN 'district' ELSE 'bucket' END AS set,
              coalesce(d.district::text, to_char(d.b, 'YYYY-MM-DD')) AS key, ${SUMS}
       FROM (SELECT r.*, ${bucket} AS b
             FROM ${flowSource(f, p, unit !== 'month', f.matter || f.department ? 'full' : 'district')} r
             WHERE ${conditions(f, p, 'day', 'r')}) d
       GROUP BY GROUPING SETS ((), (d.district), (d.b))`,
        p.values,
      );
    const q = new Params();
    const byMatter = () =>
      db.query<FlowCell>(
        `SELECT CASE GROUPING(r.matter_code, r.department_id) WHEN 1 THEN 'matter_code' ELSE 'department_id' END AS set,
              coalesce(r.matter_code, r.department_id)::text AS key, ${SUMS}
       FROM ${flowSource(f, q, false, f.districts ? 'full' : 'matter')} r WHERE ${conditions(f, q, 'day', 'r')}
       GROUP BY GROUPING SETS ((r.matter_code), (r.department_id))`,
        q.values,
      );
    // The rollups first take in every committed case change (decision 0243), then both statements read them.
    cube = flushRollups(db)
      .then(() => Promise.all([byDistrict(), byMatter()]))
      .then(([a, b]) => [...a.rows, ...b.rows]);
    flowCubes.set(f, cube);
    cube.catch(() => flowCubes.delete(f));
  }
  return cube;
}

/** The period's totals. */
export async function totals(db: pg.Pool, f: Filters, today: string): Promise<Totals> {
  const [cube, overdue] = await Promise.all([flowCube(db, f), openOverdue(db, f, today, null)]);
  return totalsOf(cube.find((c) => c.set === 'total') as SumRow, overdue.get('') ?? 0);
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
  const key = by === 'window' ? 'device_id' : GROUP_COLUMN[by];
  const [rows, overdue] = await Promise.all([
    by === 'window' ? windowRows(db, f) : flowCube(db, f).then((cube) => groupRows(cube, GROUP_COLUMN[by])),
    openOverdue(db, f, today, key),
  ]);
  return rows
    .map((r) => ({ key: r.k, label: r.label, ...totalsOf(r, overdue.get(r.k) ?? 0) }))
    .sort((a, b) => b.received - a.received || (a.key < b.key ? -1 : 1));
}

type KeyedSums = SumRow & { k: string; label: string };

function groupRows(cube: FlowCell[], col: 'district' | 'matter_code' | 'department_id'): KeyedSums[] {
  return cube
    .filter((c) => c.set === col && c.key !== null)
    .map((c) => ({ ...c, k: c.key as string, label: c.key as string }));
}

/** Per window, from the cases of the districts in scope (one district or a window filter, else refused: []). */
async function windowRows(db: pg.Pool, f: Filters): Promise<KeyedSums[]> {
  if (!f.deviceId && (f.districts === null || f.districts.length > 3)) return [];
  const p = new Params();
  const device = f.deviceId ? ` AND c.device_id = ${p.add(f.deviceId)}::uuid` : '';
  const { rows } = await db.query<KeyedSums>(
    `SELECT c.device_id::text AS k, min(v.window_code) AS label, ${SUMS}
     FROM (SELECT device_id, received_on, district, matter_code, department_id, ${FACT_COUNTERS} FROM case_facts) c
     JOIN devices v USING (device_id)
     WHERE ${conditions(f, p, 'received_on', 'c')}${device} GROUP BY 1`,
    p.values,
  );
  return rows;
}

/** Received and decided per bucket (day, week or month by the period's length), for the chart. */
export async function series(
  db: pg.Pool,
  f: Filters,
): Promise<{ unit: 'day' | 'week' | 'month'; points: { at: string; received: number; decided: number }[] }> {
  const points = (await flowCube(db, f))
    .filter((c) => c.set === 'bucket' && c.key !== null)
    .map((c) => ({ at: c.key as string, received: c.received, decided: c.decided }))
    .sort((a, b) => (a.at < b.at ? -1 : 1));
  return { unit: seriesUnit(f), points };
}

/**
 * 不予办理 reasons of the period's cases, most frequent first: whole months of a city or district scope from the
 * monthly reason rollup, the ragged ends and any matter/department/window filter from the refused cases.
 */
export async function refusals(db: pg.Pool, f: Filters, limit = 20): Promise<{ reason: string; count: number }[]> {
  const p = new Params();
  const device = f.deviceId ? ` AND device_id = ${p.add(f.deviceId)}::uuid` : '';
  const cases = `SELECT refusal_reason AS reason, 1 AS n FROM case_facts
                 WHERE outcome = 'rejected' AND ${conditions(f, p, 'received_on')}${device}`;
  const months = f.matter || f.department || f.deviceId ? null : wholeMonths(f.from, f.to);
  let source = cases;
  if (months) {
    const [a, b] = [p.add(months[0]), p.add(months[1])];
    const district = f.districts ? ` AND district = ANY(${p.add(f.districts)}::char(6)[])` : '';
    source = `SELECT reason, n FROM supervision_refusals WHERE month >= ${a}::date AND month < ${b}::date${district}
              UNION ALL ${cases} AND (received_on < ${a}::date OR received_on >= ${b}::date)`;
  }
  if (months) await flushRollups(db);
  const { rows } = await db.query<{ reason: string; count: number }>(
    `SELECT coalesce(nullif(reason, ''), '（未填写理由）') AS reason, sum(n)::int AS count FROM (${source}) x
     GROUP BY 1 HAVING sum(n) > 0 ORDER BY 2 DESC, 1 LIMIT ${Number(limit)}`,
    p.values,
  );
  return rows;
}
