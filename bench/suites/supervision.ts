// Supervision dashboard at a city's year of volume (issue #19): 40 districts, 300 windows, 2,000,000 cases, 50,000
// tickets seeded into an embedded PostgreSQL (gateway/src/testing/supervision-volume.ts), then each view — the
// whole page: every query and the HTML — timed as the route runs it. BENCH_SUPERVISION_CASES scales the seed.
// Seeding 2M cases takes minutes, so the seeded cluster is kept in BENCH_SUPERVISION_CACHE (default
// $TMPDIR/tongban-bench-supervision/<seed hash>) and reused by later runs, migrated forward to today's schema
// (a new migration's backfill then runs on the 2M rows, as it would on a gateway). BENCH_SUPERVISION_CACHE=off
// seeds a throwaway cluster.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { startEmbeddedCluster } from '../../gateway/src/db/embedded';
import { migrate, readMigrations } from '../../gateway/src/db/migrate';
import { createPool } from '../../gateway/src/db/pool';
import type { ReviewerSession } from '../../gateway/src/department/sessions';
import { dashboardView, ledgerView, type Scoped } from '../../gateway/src/supervision/routes';
import { startTestPostgres } from '../../gateway/src/testing/pg';
import { CITY_YEAR, seedCityVolume, volumeDistrict, VOLUME_TODAY } from '../../gateway/src/testing/supervision-volume';
import { quantile, sample, since, type Figure, type Suite } from '../lib';

const SUITE = 'supervision';
const CASES = Number(process.env.BENCH_SUPERVISION_CASES ?? CITY_YEAR.cases);
const RUNS = Number(process.env.BENCH_SUPERVISION_RUNS ?? 20);
const CACHE = process.env.BENCH_SUPERVISION_CACHE ?? join(tmpdir(), 'tongban-bench-supervision');
const VOLUME = { ...CITY_YEAR, cases: CASES };

interface Seeded {
  url: string;
  /** Seconds per seeding step, or null when a cached cluster was reused. */
  steps: Record<string, number> | null;
  stop(): Promise<void>;
}

/**
 * True when the cached cluster's applied migrations are a prefix of today's files (same number, same name); a
 * renumbered migration (the lead renumbers at merge) makes it unusable.
 */
async function sameMigrationHistory(dir: string): Promise<boolean> {
  const cluster = await startEmbeddedCluster(dir);
  const owner = createPool(cluster.migrationUrl, 1);
  try {
    const { rows } = await owner.query<{ version: number; name: string }>(
      'SELECT version, name FROM schema_migrations',
    );
    const files = new Map(readMigrations().map((m) => [m.version, m.name]));
    return rows.every((r) => files.get(r.version) === r.name);
  } finally {
    await owner.end();
    await cluster.stop();
  }
}

/** A migrated cluster holding the seeded city: the cached one when its seed matches, else seeded now (and cached). */
async function seededCity(): Promise<Seeded> {
  if (CACHE === 'off') {
    const db = await startTestPostgres();
    return { url: db.url, steps: await seedCityVolume(db.adminUrl, VOLUME), stop: () => db.stop() };
  }
  const seedSource = readFileSync(join(__dirname, '../../gateway/src/testing/supervision-volume.ts'), 'utf8');
  const key = createHash('sha256')
    .update(`${seedSource}\n${JSON.stringify(VOLUME)}`)
    .digest('hex')
    .slice(0, 12);
  const dir = join(CACHE, key);
  const marker = join(dir, 'seeded.json');
  const reuse = existsSync(marker) && (await sameMigrationHistory(dir));
  if (!reuse) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  chmodSync(CACHE, 0o755); // PostgreSQL runs as `postgres` when the bench runs as root
  const cluster = await startEmbeddedCluster(dir, { initdbFlags: ['--no-sync'] });
  const owner = createPool(cluster.migrationUrl, 1);
  await migrate(owner).finally(() => owner.end());
  let steps: Record<string, number> | null = null;
  if (!reuse) {
    steps = await seedCityVolume(cluster.adminUrl, VOLUME);
    writeFileSync(marker, JSON.stringify({ volume: VOLUME, at: new Date().toISOString(), steps }));
  }
  return { url: cluster.url, steps, stop: () => cluster.stop() };
}

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
    const start = performance.now();
    const db = await seededCity();
    const figures: Figure[] = [];
    let pool: pg.Pool | null = null;
    try {
      figures.push({
        suite: SUITE,
        name: `seed ${CASES.toLocaleString('en')} cases, ${CITY_YEAR.tickets.toLocaleString('en')} tickets`,
        value: since(start) / 1000,
        unit: 's',
        note: db.steps
          ? Object.entries(db.steps)
              .map(([k, v]) => `${k} ${v}s`)
              .join(', ')
          : `cached cluster reused (${CACHE}), migrated forward`,
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
