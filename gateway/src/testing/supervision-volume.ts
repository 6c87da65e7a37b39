// A city's year of volume for the supervision bench and the query-plan test, seeded set-based (generate_series,
// hash joins on the working calendar) as the superuser with triggers off; the rollup is then built in one
// GROUP BY, exactly as the triggers would have kept it. Dates: 2026, "today" = 2026-12-31.
import pg from 'pg';

/** Sizes of the seeded city. */
export interface CityVolume {
  districts: number;
  windows: number;
  cases: number;
  tickets: number;
}

/** The bench's city (issue #19): 40 districts, 300 windows, 2,000,000 cases, 50,000 tickets. */
export const CITY_YEAR: CityVolume = { districts: 40, windows: 300, cases: 2_000_000, tickets: 50_000 };

/** The seeded year's last day: the bench's "today". */
export const VOLUME_TODAY = '2026-12-31';

/** District codes of the seeded city: 500101, 500102, … */
export const volumeDistrict = (i: number): string => `5001${String(i + 1).padStart(2, '0')}`;

/** Seeds `v` into the database of `adminUrl` (superuser); returns the seconds each step took. */
export async function seedCityVolume(adminUrl: string, v: CityVolume): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const took: Record<string, number> = {};
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const start = performance.now();
    await client.query(sql, params);
    took[name] = Math.round(performance.now() - start) / 1000;
  };
  try {
    await client.query(
      "SET session_replication_role = replica; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'",
    );
    // Bulk load: secondary indexes are dropped and built once at the end (sorted), as one would for a migration.
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
       WHERE i.schemaname = 'public' AND i.tablename = ANY($1)
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [
        [
          'cases',
          'case_facts',
          'supervision_daily',
          'supervision_monthly',
          'case_tickets',
          'ratings',
          'follow_ups',
          'supervision_refusals',
        ],
      ],
    );
    for (const i of indexes) await client.query(`DROP INDEX ${i.name}`);
    await step(
      'devices',
      `INSERT INTO devices (window_code, hall_division, district, epoch, public_key, device_name)
       SELECT 'CQ-W' || lpad(w::text, 4, '0'), d, d, 1, decode(repeat('00', 32), 'hex'), 'bench'
       FROM generate_series(0, $1 - 1) w, LATERAL (SELECT '5001' || lpad(((w % $2) + 1)::text, 2, '0') AS d) x`,
      [v.windows, v.districts],
    );
    // 42 matters with their promised days and department; matter popularity skewed (random()^2).
    await step(
      'staging',
      `CREATE TEMP TABLE dev AS SELECT row_number() OVER (ORDER BY window_code) - 1 AS idx, device_id, district, window_code FROM devices WHERE device_name = 'bench';
       CREATE TEMP TABLE mat AS SELECT m - 1 AS idx, 'CQ-KSTB-' || lpad(m::text, 4, '0') AS code, '事项' || m AS name,
         (ARRAY[1, 3, 5, 10, 15, 20, 30, 45])[1 + m % 8] AS pd, 'CQ-DEPT-' || lpad((m % 12)::text, 2, '0') AS dept
         FROM generate_series(1, 42) m;
       CREATE UNLOGGED TABLE bench_stage AS
       SELECT lpad(to_hex(x.g), 32, '0')::uuid AS case_id, x.g, dv.device_id, dv.district, dv.window_code, mt.code, mt.name, mt.pd,
              mt.dept, x.received_on, x.r1, x.r2, x.r3
       FROM (SELECT g, floor(42 * random() ^ 2)::int AS mi, (date '2026-01-01' + floor(random() * 365)::int) AS received_on,
                    random() AS r1, random() AS r2, random() AS r3
             FROM generate_series(1, ${Number(v.cases)}) g) x
       JOIN dev dv ON dv.idx = x.g % ${Number(v.windows)}
       JOIN mat mt ON mt.idx = x.mi`,
    );
    await step(
      'cases',
      `INSERT INTO cases (case_id, manifest, manifest_hash, district, department_id, department_no, device_id, status,
                          case_version, received_at, complete_at)
       SELECT case_id, jsonb_build_object('matterName', name, 'windowCode', window_code), repeat('0', 64), district, dept,
              'B-' || g, device_id, 'received', 1, received_on + time '10:00', received_on + time '10:00'
       FROM bench_stage`,
    );
    // 受理 0–2 days after receipt (3% never); decision after k working days, k = pd × 0.3…1.25 (some late).
    await step(
      'case_facts',
      `INSERT INTO case_facts (case_id, district, device_id, matter_code, department_id, received_on, promised_days,
                               accepted_on, due_on, decided_on, outcome, refusal_reason, decision_workdays,
                               supplement_requests, rating_level)
       SELECT s.case_id, s.district, s.device_id, s.code, s.dept, s.received_on, s.pd, a.day, due.day,
              CASE WHEN dec.day <= date '${VOLUME_TODAY}' THEN dec.day END,
              CASE WHEN dec.day <= date '${VOLUME_TODAY}' THEN CASE WHEN s.r2 < 0.05 THEN 'rejected' ELSE 'approved' END END,
              CASE WHEN dec.day <= date '${VOLUME_TODAY}' AND s.r2 < 0.05
                   THEN (ARRAY['材料不齐全', '不属于本部门受理范围', '申请人不符合条件', '逾期未补正'])[1 + floor(s.r2 * 80)::int] END,
              CASE WHEN dec.day <= date '${VOLUME_TODAY}' THEN dec.seq - a.seq END,
              (s.r3 < 0.12)::int + (s.r3 < 0.02)::int,
              CASE WHEN s.r3 > 0.9 AND dec.day <= date '${VOLUME_TODAY}' THEN CASE WHEN s.r1 < 0.02 THEN 1 WHEN s.r1 < 0.05 THEN 2 WHEN s.r1 < 0.15 THEN 3 WHEN s.r1 < 0.45 THEN 4 ELSE 5 END END
       FROM bench_stage s
       LEFT JOIN working_calendar a ON s.r1 >= 0.03 AND a.day = s.received_on + floor(s.r1 * 3)::int
       LEFT JOIN working_calendar due ON due.working AND due.seq = a.seq + s.pd
       LEFT JOIN working_calendar dec ON dec.working AND dec.seq = a.seq + greatest(1, round(s.pd * (0.3 + s.r2 * 0.95)))::int`,
    );
    await step(
      'rollup',
      `INSERT INTO supervision_daily
       SELECT received_on, district, matter_code, department_id, count(*), count(accepted_on), count(decided_on),
              count(*) FILTER (WHERE decided_on > due_on), count(*) FILTER (WHERE outcome = 'approved'),
              count(*) FILTER (WHERE outcome = 'rejected'), sum(supplement_requests), coalesce(sum(decision_workdays), 0),
              count(rating_level), count(*) FILTER (WHERE rating_level >= 4), count(*) FILTER (WHERE rating_level <= 2)
       FROM case_facts GROUP BY 1, 2, 3, 4`,
    );
    await step(
      'rollup-monthly',
      `INSERT INTO supervision_monthly
       SELECT date_trunc('month', day)::date, district, matter_code, department_id, sum(received), sum(accepted),
              sum(decided), sum(decided_late), sum(approved), sum(rejected), sum(supplement_requests),
              sum(decision_workdays), sum(rated), sum(rated_good), sum(rated_poor)
       FROM supervision_daily GROUP BY 1, 2, 3, 4`,
    );
    await step('rollup-coarse', 'SELECT supervision_coarse_rebuild()');
    await step(
      'refusals',
      `INSERT INTO supervision_refusals
       SELECT date_trunc('month', received_on)::date, district, coalesce(refusal_reason, ''), count(*)
       FROM case_facts WHERE outcome = 'rejected' GROUP BY 1, 2, 3`,
    );
    await step(
      'ratings',
      `INSERT INTO ratings (rating_id, case_id, manifest, manifest_hash, level, device_id, received_at)
       SELECT gen_random_uuid(), case_id, '{}', repeat('0', 64), rating_level, device_id, decided_on + time '12:00'
       FROM case_facts WHERE rating_level IS NOT NULL AND decided_on IS NOT NULL;
       INSERT INTO follow_ups (follow_up_id, case_id, rating_id, manifest, manifest_hash, due_date, device_id,
                               received_on, district, matter_code, department_id, case_device_id)
       SELECT gen_random_uuid(), r.case_id, r.rating_id, '{}', repeat('0', 64), (r.received_at + interval '10 days')::date,
              r.device_id, f.received_on, f.district, f.matter_code, f.department_id, f.device_id
       FROM ratings r JOIN case_facts f USING (case_id) WHERE r.level <= 2`,
    );
    // Tickets on every (cases / tickets)-th case: 90% closed, 4% answered, 6% open; due 3 days after opening.
    await step(
      'tickets',
      `INSERT INTO case_tickets (ticket_id, case_id, district, department_id, category, opened_by_side, opened_by, body,
                                 status, opened_at, due_at, answered_at, closed_at, matter_code, device_id)
       SELECT gen_random_uuid(), case_id, district, dept,
              (ARRAY['material-question', 'originals-missing', 'applicant-request', 'system', 'other'])[1 + g % 5],
              CASE WHEN g % 2 = 0 THEN 'window' ELSE 'department' END, 'bench', '工单',
              CASE WHEN r3 < 0.9 THEN 'closed' WHEN r3 < 0.94 THEN 'answered' ELSE 'open' END,
              t, t + interval '3 days', CASE WHEN r3 < 0.94 THEN t + interval '1 day' END,
              CASE WHEN r3 < 0.9 THEN t + interval '2 days' END, code, device_id
       FROM (SELECT *, (received_on + time '15:00' + (g % 5) * interval '1 day') AT TIME ZONE 'Asia/Shanghai' AS t
             FROM bench_stage WHERE g % ${Math.max(1, Math.floor(v.cases / v.tickets))} = 0) s`,
    );
    await step('tickets-rollup', 'SELECT supervision_tickets_rebuild()');
    await step('cleanup', 'DROP TABLE bench_stage');
    const start = performance.now();
    for (const i of indexes) await client.query(i.def);
    took.indexes = Math.round(performance.now() - start) / 1000;
    await step('vacuum-analyze', 'VACUUM ANALYZE');
    return took;
  } finally {
    await client.end();
  }
}
