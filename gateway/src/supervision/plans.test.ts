// Query plans of the dashboard on a seeded city (a smaller copy of the bench's): every statement a filtered view
// runs is EXPLAINed with its parameters, and none may scan cases or case_facts sequentially.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../db/pool';
import type { ReviewerSession } from '../department/sessions';
import { startTestPostgres, type TestPostgres } from '../testing/pg';
import { seedCityVolume, volumeDistrict, VOLUME_TODAY } from '../testing/supervision-volume';
import { dashboardView, ledgerView, type Scoped } from './routes';

let db: TestPostgres;
let pool: pg.Pool;
const CITY: ReviewerSession = {
  reviewerId: 1,
  username: 'city',
  departmentId: '政务服务管理',
  csrfToken: 'x',
  role: 'city-supervisor',
  districts: null,
};
const NOW = new Date(`${VOLUME_TODAY}T02:00:00Z`);
const year = (f: Partial<Scoped>): Scoped => ({
  from: '2026-01-01',
  to: VOLUME_TODAY,
  district: null,
  districts: null,
  deviceId: null,
  matter: null,
  department: null,
  ...f,
});

beforeAll(async () => {
  db = await startTestPostgres();
  await seedCityVolume(db.adminUrl, { districts: 40, windows: 300, cases: 30_000, tickets: 1_500 });
  pool = createPool(db.url, 4);
}, 120_000);
afterAll(async () => {
  await pool?.end();
  await db?.stop();
});

/** The statements a view runs (text and values), by running it on a recording pool. */
async function statementsOf(view: (p: pg.Pool) => Promise<unknown>): Promise<[string, unknown[]][]> {
  const seen: [string, unknown[]][] = [];
  const recording = {
    query: (text: string, values?: unknown[]) => {
      seen.push([text, values ?? []]);
      return pool.query(text, values);
    },
  } as unknown as pg.Pool;
  await view(recording);
  return seen;
}

async function plans(view: (p: pg.Pool) => Promise<unknown>): Promise<string[]> {
  const out: string[] = [];
  for (const [text, values] of await statementsOf(view)) {
    const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${text}`, values);
    out.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
  }
  return out;
}

describe('dashboard query plans', () => {
  const district = volumeDistrict(7);
  const views: [string, Scoped][] = [
    ['one district', year({ district, districts: [district] })],
    ['one district, one quarter', year({ from: '2026-04-01', to: '2026-06-30', district, districts: [district] })],
    ['one matter', year({ matter: 'CQ-KSTB-0005' })],
    ['one department', year({ department: 'CQ-DEPT-03' })],
  ];
  it.each(views)('%s: no sequential scan of cases or case_facts', async (_name, f) => {
    const all = await plans((p) => dashboardView(p, CITY, f, NOW));
    expect(all.length).toBeGreaterThan(8);
    for (const plan of all) expect(plan).not.toMatch(/Seq Scan on (cases|case_facts)\b/);
    // Totals, districts and the chart from the per-district rollup (no matter/department key to filter on).
    if (f.districts) expect(all.join('\n')).toMatch(/on supervision_district_(daily|monthly)\b/);
  });

  it('the city views: overdue by due date; refusals, tickets and follow-ups from their own rollups and keys', async () => {
    for (const f of [year({}), year({ from: '2026-11-01', to: '2026-11-30' })]) {
      const all = await plans((p) => dashboardView(p, CITY, f, NOW));
      for (const plan of all) expect(plan).not.toMatch(/Seq Scan on (cases|case_facts)\b/);
      const text = all.join('\n');
      expect(text).toMatch(/case_facts_overdue/);
      expect(text).toMatch(/on supervision_refusals/);
      expect(text).toMatch(/on supervision_tickets_monthly/);
      // Two statements read the flow rollups, both the coarse copies (~40 rows a day, not ~1,700).
      expect(all.filter((x) => /supervision_(district|matter)_(daily|monthly)/.test(x))).toHaveLength(2);
      expect(text).toMatch(/on supervision_district_(daily|monthly)\b/);
      expect(text).toMatch(/on supervision_matter_monthly\b/);
      expect(text).not.toMatch(/on supervision_(daily|monthly)\b/);
      // Follow-ups carry their case's keys: their statement never reads case_facts.
      expect(all.find((x) => x.includes('follow_ups'))).not.toMatch(/case_facts/);
    }
  });

  it('a window: its cases through case_facts_device', async () => {
    const { rows } = await pool.query<{ id: string }>('SELECT device_id::text AS id FROM devices LIMIT 1');
    const all = await plans((p) => dashboardView(p, CITY, year({ deviceId: rows[0]?.id ?? null }), NOW));
    for (const plan of all) expect(plan).not.toMatch(/Seq Scan on (cases|case_facts)\b/);
    expect(all.join('\n')).toMatch(/case_facts_device/);
  });

  it('the 工作台账 reads the rollup and the open-case index, never the cases', async () => {
    const all = await plans((p) => ledgerView(p, CITY, year({}), NOW));
    for (const plan of all) expect(plan).not.toMatch(/Seq Scan on (cases|case_facts)\b/);
    expect(all.join('\n')).toMatch(/case_facts_overdue/);
  });
});
