// The dashboard's filters (period, districts in scope, window, matter, department) and the SQL they make.
// Conditions are added only for the filters given, so each view's plan uses the matching index.

/** What a view is filtered by; `districts` null = every district (city supervisor, no district asked). */
export interface Filters {
  from: string;
  to: string;
  districts: string[] | null;
  deviceId: string | null;
  matter: string | null;
  department: string | null;
}

/** Positional parameters of one statement. */
export class Params {
  readonly values: unknown[] = [];
  /** Adds a value; returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Today's China date. */
export const chinaToday = (now = new Date()): string =>
  new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Reads the query string: defaults to this year up to today; bad values are dropped, never trusted. */
export function readFilters(
  query: Record<string, unknown>,
  now = new Date(),
): Omit<Filters, 'districts'> & { district: string | null } {
  const text = (name: string, max = 64): string | null => {
    const v = query[name];
    return typeof v === 'string' && v.trim() !== '' && v.length <= max ? v.trim() : null;
  };
  const today = chinaToday(now);
  const date = (name: string, fallback: string) => {
    const v = text(name, 10);
    return v && ISO_DATE.test(v) && !Number.isNaN(Date.parse(v)) ? v : fallback;
  };
  let from = date('from', `${today.slice(0, 4)}-01-01`);
  let to = date('to', today);
  if (from > to) [from, to] = [to, from];
  const district = text('district', 6);
  const device = text('window', 36);
  const matter = text('matter', 40);
  const department = text('department', 64);
  return {
    from,
    to,
    district: district && /^\d{6}$/.test(district) ? district : null,
    deviceId: device && UUID.test(device) ? device : null,
    matter: matter && /^[A-Z]{2}-[A-Z]{2,8}-\d{4}$/.test(matter) ? matter : null,
    department: department && /^[A-Z0-9][A-Z0-9-]{2,63}$/.test(department) ? department : null,
  };
}

/** `AND …` conditions on a relation with district, matter_code, department_id and a day column. */
export function conditions(f: Filters, p: Params, dayColumn: string, alias = ''): string {
  const c = (name: string) => (alias ? `${alias}.${name}` : name);
  const parts = [`${c(dayColumn)} BETWEEN ${p.add(f.from)}::date AND ${p.add(f.to)}::date`];
  if (f.districts) parts.push(`${c('district')} = ANY(${p.add(f.districts)}::char(6)[])`);
  if (f.matter) parts.push(`${c('matter_code')} = ${p.add(f.matter)}`);
  if (f.department) parts.push(`${c('department_id')} = ${p.add(f.department)}`);
  return parts.join(' AND ');
}

/** The per-case counters, as the rollup has them, of case_facts rows. */
export const FACT_COUNTERS = `1 AS received, (accepted_on IS NOT NULL)::int AS accepted,
  (decided_on IS NOT NULL)::int AS decided, coalesce(decided_on > due_on, false)::int AS decided_late,
  coalesce(outcome = 'approved', false)::int AS approved, coalesce(outcome = 'rejected', false)::int AS rejected, supplement_requests,
  coalesce(decision_workdays, 0) AS decision_workdays, (rating_level IS NOT NULL)::int AS rated,
  coalesce(rating_level >= 4, false)::int AS rated_good, coalesce(rating_level <= 2, false)::int AS rated_poor`;

const COUNTER_COLUMNS = `received, accepted, decided, decided_late, approved, rejected, supplement_requests,
  decision_workdays, rated, rated_good, rated_poor`;

const nextDay = (d: string): string => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The first day of the month after the month of `d`. */
const nextMonth = (d: string): string =>
  new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 1)).toISOString().slice(0, 10);

/** The whole calendar months inside [from, to]: [first month's first day, the day after the last month), or null. */
export function wholeMonths(from: string, to: string): [string, string] | null {
  const start = from.endsWith('-01') ? from : nextMonth(from);
  const after = nextDay(to);
  const end = after.endsWith('-01') ? after : `${to.slice(0, 7)}-01`;
  return start < end ? [start, end] : null;
}

/** Which rollup answers: the full one, the per-district copy (no matter/department keys) or the per-matter one. */
export type RollupLevel = 'full' | 'district' | 'matter';
const ROLLUP_TABLES: Record<RollupLevel, [daily: string, monthly: string]> = {
  full: ['supervision_daily', 'supervision_monthly'],
  district: ['supervision_district_daily', 'supervision_district_monthly'],
  matter: ['supervision_matter_daily', 'supervision_matter_monthly'],
};

/**
 * The relation the flow figures are summed from, with a `day` column: the monthly rollup for the whole months of the
 * period plus the daily rollup for its ragged ends (`daily` forces day grain, for charts by day or week); with a
 * window filter, which the rollups do not carry, that window's case_facts rows shaped like the rollup. `level`
 * picks a coarser copy (the caller makes sure the filters and groupings need no key it collapses).
 */
export function flowSource(f: Filters, p: Params, daily = false, level: RollupLevel = 'full'): string {
  if (f.deviceId)
    return `(SELECT received_on AS day, district, matter_code, department_id, device_id, ${FACT_COUNTERS}
             FROM case_facts WHERE device_id = ${p.add(f.deviceId)}::uuid)`;
  const [dailyTable, monthlyTable] = ROLLUP_TABLES[level];
  const months = daily ? null : wholeMonths(f.from, f.to);
  if (!months) return dailyTable;
  const [a, b] = [p.add(months[0]), p.add(months[1])];
  return `(SELECT month AS day, district, matter_code, department_id, ${COUNTER_COLUMNS} FROM ${monthlyTable}
             WHERE month >= ${a}::date AND month < ${b}::date
           UNION ALL
           SELECT day, district, matter_code, department_id, ${COUNTER_COLUMNS} FROM ${dailyTable}
             WHERE day < ${a}::date OR day >= ${b}::date)`;
}
