// Supervision dashboard at a city's year of volume (issue #19): 40 districts, 300 windows, 2,000,000 cases, 50,000
// tickets seeded into an embedded PostgreSQL (gateway/src/testing/supervision-volume.ts), then each view — the
// whole page: every query and the HTML — timed as the route runs it. BENCH_SUPERVISION_CASES scales the seed.
import type pg from 'pg';
import { createPool } from '../../gateway/src/db/pool';
import type { ReviewerSession } from '../../gateway/src/department/sessions';
import { dashboardView, ledgerView, type Scoped } from '../../gateway/src/supervision/routes';
import { startTestPostgres } from '../../gateway/src/testing/pg';
import { CITY_YEAR, seedCityVolume, volumeDistrict, VOLUME_TODAY } from '../../gateway/src/testing/supervision-volume';
import { quantile, sample, since, type Figure, type Suite } from '../lib';

const SUITE = 'supervision';
const CASES = Number(process.env.BENCH_SUPERVISION_CASES ?? CITY_YEAR.cases);
const RUNS = Number(process.env.BENCH_SUPERVISION_RUNS ?? 20);

const city: ReviewerSession = {
  reviewerId: 1,
  username: 'city',
  departmentId: '政务服务管理',
  csrfToken: 'x',
  role: 'city-supervisor',
  districts: null,
};
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

export const supervisionSuite: Suite = {
  name: SUITE,
  async run(): Promise<Figure[]> {
    const db = await startTestPostgres();
    const figures: Figure[] = [];
    let pool: pg.Pool | null = null;
    try {
      const start = performance.now();
      const steps = await seedCityVolume(db.adminUrl, { ...CITY_YEAR, cases: CASES });
      figures.push({
        suite: SUITE,
        name: `seed ${CASES.toLocaleString('en')} cases, ${CITY_YEAR.tickets.toLocaleString('en')} tickets`,
        value: since(start) / 1000,
        unit: 's',
        note: Object.entries(steps)
          .map(([k, v]) => `${k} ${v}s`)
          .join(', '),
      });
      pool = createPool(db.url, 10);
      const p = pool;
      const { rows } = await p.query<{ id: string }>(
        `SELECT device_id::text AS id FROM devices WHERE district = $1 LIMIT 1`,
        [volumeDistrict(7)],
      );
      const district = volumeDistrict(7);
      const districtUser: ReviewerSession = { ...city, role: 'district-supervisor', districts: [district] };
      const now = new Date(`${VOLUME_TODAY}T02:00:00Z`);
      const views: [string, () => Promise<string>][] = [
        ['dashboard: city, whole year', () => dashboardView(p, city, year({}), now)],
        [
          'dashboard: city, one month',
          () => dashboardView(p, city, year({ from: '2026-11-01', to: '2026-11-30' }), now),
        ],
        [
          'dashboard: district supervisor, year',
          () => dashboardView(p, districtUser, year({ district, districts: [district] }), now),
        ],
        [
          'dashboard: district, one quarter',
          () =>
            dashboardView(
              p,
              districtUser,
              year({ from: '2026-04-01', to: '2026-06-30', district, districts: [district] }),
              now,
            ),
        ],
        ['dashboard: one window, year', () => dashboardView(p, city, year({ deviceId: rows[0]?.id ?? null }), now)],
        ['dashboard: one matter, year', () => dashboardView(p, city, year({ matter: 'CQ-KSTB-0001' }), now)],
        ['dashboard: one department, year', () => dashboardView(p, city, year({ department: 'CQ-DEPT-01' }), now)],
        ['工作台账: city, whole year', () => ledgerView(p, city, year({}), now)],
        ['工作台账: district, year', () => ledgerView(p, districtUser, year({ district, districts: [district] }), now)],
      ];
      for (const [name, view] of views) {
        const ms = await sample(RUNS, view, 3);
        figures.push({
          suite: SUITE,
          name: `${name} p95`,
          value: quantile(ms, 0.95),
          unit: 'ms',
          target: '≤ 500 ms',
          note: `p50 ${Math.round(quantile(ms, 0.5))} ms, ${RUNS} runs`,
        });
      }
      const { rows: size } = await p.query<{ rollup: number; facts: string }>(
        `SELECT (SELECT count(*) FROM supervision_daily)::int AS rollup,
                pg_size_pretty(pg_total_relation_size('case_facts') + pg_total_relation_size('supervision_daily')) AS facts`,
      );
      figures.push({
        suite: SUITE,
        name: 'rollup rows',
        value: size[0]?.rollup ?? 0,
        unit: 'rows',
        note: `case_facts + rollup with indexes: ${size[0]?.facts}`,
      });
    } finally {
      await pool?.end();
      await db.stop();
    }
    return figures;
  },
};
