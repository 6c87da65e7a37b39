// The fast dashboard (rollups, per-case facts, partial indexes, denormalised ticket and follow-up keys) against a
// straightforward reference: a seeded random city built through the real triggers (status events, ratings,
// follow-ups with steps, tickets in every state), whose figures are recomputed here from the base tables only
// (status_events, cases, ratings, follow_ups, case_tickets, and the working calendar counted day by day).
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool } from '../db/pool';
import { startTestPostgres, type TestPostgres } from '../testing/pg';
import { seedCase, seedRating, seedTicket, type SeedEvent } from '../testing/supervision-seed';
import { cohort, inScope, referenceCases, refTotals, type RefCase } from '../testing/supervision-reference';
import type { Filters } from './filters';
import { ledgerRows } from './ledger';
import { flushRollups } from './rollups';
import { followUps, overdueTickets, ticketCounts } from './problems';
import { breakdown, refusals, series, totals, type Grouping } from './queries';

const TODAY = '2026-11-20';
const NOW = new Date(`${TODAY}T02:00:00Z`); // 10:00 in China
const DISTRICTS = ['500101', '500102', '500103'];
const MATTERS: [code: string, promisedDays: number | null, department: string][] = [
  ['CQ-KSTB-0001', 5, 'CQ-HRSS'],
  ['CQ-KSTB-0002', 1, 'CQ-HSA'],
  ['CQ-KSTB-0005', 3, 'CQ-PSB'],
  ['CQ-KSTB-0006', null, 'CQ-HRSS'],
];
const REASONS = ['材料不齐全', '不属于本部门受理范围', ''];

let db: TestPostgres;
let pool: pg.Pool;
const devices: { id: string; district: string }[] = [];

/** mulberry32: the same city on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const plusDays = (d: string, n: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  db = await startTestPostgres();
  pool = createPool(db.url, 4);
  const client = await pool.connect();
  await client.query('BEGIN'); // one commit for the whole city
  const tx = client as unknown as pg.Pool;
  const r = rng(19);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
  for (const [i, district] of [...DISTRICTS, DISTRICTS[0] as string].entries()) {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO devices (window_code, hall_division, district, epoch, public_key, device_name)
       VALUES ($1, $2, $2, 1, decode(repeat('00', 32), 'hex'), 'ref') RETURNING device_id::text AS id`,
      [`CQ-REF-${i}`, district],
    );
    devices.push({ id: (rows[0] as { id: string }).id, district });
  }
  for (let n = 0; n < 160; n++) {
    const dev = pick(devices);
    const [matterCode, promisedDays, departmentId] = pick(MATTERS);
    const received = plusDays('2026-08-25', Math.floor(r() * 87)); // up to 2026-11-19
    const events: SeedEvent[] = [['received', `${received} 10:00`]];
    let day = received;
    const add = (status: string, after: number, reason?: string) => {
      day = plusDays(day, after);
      if (day <= TODAY) events.push([status, `${day} ${status === 'reviewing' ? '09:00' : '15:00'}`, reason]);
      return day <= TODAY;
    };
    if (r() < 0.9 && add('reviewing', Math.floor(r() * 3))) {
      let ok = true;
      for (let s = Math.floor(r() * 2.4); s > 0 && ok; s--)
        ok = add('supplement-requested', 1 + Math.floor(r() * 3)) && add('supplement-received', 1);
      const roll = r();
      if (ok && roll < 0.75) add(roll < 0.12 ? 'rejected' : 'approved', Math.floor(r() * 12), pick(REASONS));
    }
    const c = await seedCase(tx, {
      deviceId: dev.id,
      district: dev.district,
      matterCode,
      promisedDays,
      departmentId,
      events,
    });
    const decided = events.some(([s]) => s === 'approved' || s === 'rejected');
    if (decided && r() < 0.5) {
      const level = 1 + Math.floor(r() * 5);
      await seedRating(tx, c.caseId, dev.id, level, level <= 2 ? plusDays(day, 5 + Math.floor(r() * 10)) : undefined);
      if (level <= 2) await addSteps(tx, c.caseId, dev.id, Math.floor(r() * 5));
    }
    if (r() < 0.3) {
      const opened = plusDays(received, Math.floor(r() * 10));
      if (opened > TODAY) continue;
      const id = await seedTicket(tx, {
        caseId: c.caseId,
        district: dev.district,
        departmentId,
        category: pick(['material-question', 'originals-missing', 'applicant-request', 'system', 'other']),
        openedAt: `${opened} 09:00`,
        dueAt: `${plusDays(opened, 1 + Math.floor(r() * 6))} 18:00`,
      });
      const state = r();
      if (state < 0.5)
        await tx.query(
          `UPDATE case_tickets SET status = $2, answered_at = opened_at + interval '1 hour',
             closed_at = CASE WHEN $2 = 'closed' THEN opened_at + interval '2 hours' END WHERE ticket_id = $1`,
          [id, state < 0.3 ? 'closed' : 'answered'],
        );
    }
  }
  await client.query('COMMIT');
  client.release();
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await db?.stop();
});

/** Records the first `n` of the four 差评整改 steps of the case's follow-up. */
async function addSteps(tx: pg.Pool, caseId: string, deviceId: string, n: number): Promise<void> {
  const steps = ['callback', 'verify', 'rectify', 'feedback'].slice(0, n);
  for (const [i, step] of steps.entries())
    await tx.query(
      `INSERT INTO follow_up_steps (step_id, follow_up_id, case_id, step, ordinal, manifest, manifest_hash, device_id)
       SELECT $1, follow_up_id, case_id, $2, $3, '{}', repeat('0', 64), $4 FROM follow_ups WHERE case_id = $5`,
      [randomUUID(), step, i + 1, deviceId, caseId],
    );
}

const period = (from: string, to: string, more: Partial<Filters> = {}): Filters => ({
  from,
  to,
  districts: null,
  deviceId: null,
  matter: null,
  department: null,
  ...more,
});

/** Whole months plus ragged ends, one ragged month, one whole month, one day; each with and without filters. */
function filterSets(): [string, Filters][] {
  const periods: [string, string][] = [
    ['2026-08-01', TODAY],
    ['2026-09-15', '2026-10-31'],
    ['2026-10-01', '2026-10-31'],
    ['2026-09-03', '2026-09-03'],
  ];
  const scopes: [string, Partial<Filters>][] = [
    ['city', {}],
    ['district', { districts: [DISTRICTS[0] as string] }],
    ['two districts', { districts: DISTRICTS.slice(1) }],
    ['matter', { matter: 'CQ-KSTB-0001' }],
    ['department', { department: 'CQ-HRSS' }],
    ['window', { deviceId: devices[0]?.id ?? null }],
    ['district + matter', { districts: [DISTRICTS[1] as string], matter: 'CQ-KSTB-0002' }],
  ];
  return periods.flatMap(([from, to]) =>
    scopes.map(([name, s]): [string, Filters] => [`${name} ${from}…${to}`, period(from, to, s)]),
  );
}

describe('fast supervision figures equal the reference', () => {
  it('has a city worth comparing (overdue, late, refused, rated, tickets overdue, follow-ups open)', async () => {
    const all = await referenceCases(pool);
    const t = refTotals(all, TODAY);
    expect(t.received).toBe(160);
    for (const n of [t.openOverdue, t.decidedLate, t.rejected, t.ratedPoor, t.supplementRequests])
      expect(n).toBeGreaterThan(2);
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM case_tickets WHERE status = 'open' AND due_at < $1`,
      [NOW],
    );
    expect(rows[0]?.n).toBeGreaterThan(2);
  });

  it('the rollups kept by the triggers equal the ones the migration rebuilds from scratch', async () => {
    const tables = [
      'supervision_district_daily',
      'supervision_district_monthly',
      'supervision_matter_daily',
      'supervision_matter_monthly',
      'supervision_tickets_monthly',
      'supervision_refusals',
    ];
    const snapshot = async () => {
      const out: Record<string, string[]> = {};
      for (const t of tables) {
        const { rows } = await pool.query<{ r: string }>(`SELECT x::text AS r FROM ${t} x ORDER BY 1`);
        // Rows whose counters all fell back to 0 are kept by the triggers, never made by a rebuild.
        const zero = /^supervision_(district|matter)_/.test(t) ? /(,0){11}\)$/ : /,0\)$/;
        out[t] = rows.map((r) => r.r).filter((r) => !zero.test(r));
      }
      return out;
    };
    await flushRollups(pool); // what the batch job does every second (decision 0243)
    const kept = await snapshot();
    expect(kept.supervision_tickets_monthly?.length).toBeGreaterThan(3);
    const owner = createPool(db.migrationUrl, 1);
    try {
      await owner.query(`SELECT supervision_coarse_rebuild(), supervision_tickets_rebuild()`);
      await owner.query(`DELETE FROM supervision_refusals`);
      await owner.query(
        `INSERT INTO supervision_refusals SELECT date_trunc('month', received_on)::date, district,
           coalesce(refusal_reason, ''), count(*) FROM case_facts WHERE outcome = 'rejected' GROUP BY 1, 2, 3`,
      );
    } finally {
      await owner.end();
    }
    expect(await snapshot()).toEqual(kept);
  });

  it('totals, breakdowns, refusals and the chart, for every filter set', async () => {
    const all = await referenceCases(pool);
    for (const [name, f] of filterSets()) {
      const cs = cohort(f, all);
      expect(await totals(pool, f, TODAY), name).toEqual(refTotals(cs, TODAY));
      const groupings: [Grouping, (c: RefCase) => string][] = [
        ['district', (c) => c.district],
        ['matter', (c) => c.matter],
        ['department', (c) => c.department],
        ['window', (c) => c.deviceId],
      ];
      for (const [by, keyOf] of groupings) {
        if (by === 'window' && !f.deviceId && !f.districts) continue;
        const got = (await breakdown(pool, f, TODAY, by)).map(({ key, label: _l, ...t }) => [key, t]);
        const keys = [...new Set(cs.map(keyOf))].sort();
        const want = keys.map((k) => [
          k,
          refTotals(
            cs.filter((c) => keyOf(c) === k),
            TODAY,
          ),
        ]);
        expect(
          got.sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
          `${name} by ${by}`,
        ).toEqual(want);
      }
      const reasons = new Map<string, number>();
      for (const c of cs.filter((x) => x.outcome === 'rejected')) {
        const r = c.reason || '（未填写理由）';
        reasons.set(r, (reasons.get(r) ?? 0) + 1);
      }
      const wantReasons = [...reasons].map(([reason, count]) => ({ reason, count }));
      wantReasons.sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
      expect(await refusals(pool, f), `${name} refusals`).toEqual(wantReasons);
      const s = await series(pool, f);
      const sum = (p: (c: RefCase) => boolean) => [cs.filter(p).length, cs.filter((c) => p(c) && c.decidedOn).length];
      for (const point of s.points) {
        const end = plusDays(point.at, s.unit === 'day' ? 1 : s.unit === 'week' ? 7 : 40);
        const inBucket = (c: RefCase) =>
          c.receivedOn >= point.at && c.receivedOn < (s.unit === 'month' ? `${end.slice(0, 7)}-01` : end);
        expect([point.received, point.decided], `${name} series ${point.at}`).toEqual(sum(inBucket));
      }
      expect(s.points.reduce((a, p) => a + p.received, 0)).toBe(cs.length);
    }
  });

  it('tickets, overdue tickets with their cases, 差评 follow-ups and the 工作台账, for every filter set', async () => {
    const all = await referenceCases(pool);
    const byId = new Map(all.map((c) => [c.caseId, c]));
    const { rows: tickets } = await pool.query<{
      id: string;
      caseId: string;
      category: string;
      status: string;
      day: string;
      due: Date;
      closed: boolean;
    }>(
      `SELECT ticket_id AS id, case_id AS "caseId", category, status, due_at AS due, closed_at IS NOT NULL AS closed,
              to_char((opened_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM-DD') AS day FROM case_tickets`,
    );
    const { rows: fus } = await pool.query<{ caseId: string; due: string; steps: number }>(
      `SELECT fu.case_id AS "caseId", to_char(fu.due_date, 'YYYY-MM-DD') AS due,
              (SELECT count(*)::int FROM follow_up_steps s WHERE s.follow_up_id = fu.follow_up_id) AS steps
       FROM follow_ups fu`,
    );
    const overdue = (t: (typeof tickets)[number]) => t.status === 'open' && t.due < NOW;
    for (const [name, f] of filterSets()) {
      const ts = tickets.filter((t) => t.day >= f.from && t.day <= f.to && inScope(f, byId.get(t.caseId) as RefCase));
      const cats = [...new Set(ts.map((t) => t.category))].sort();
      expect(await ticketCounts(pool, f, NOW), `${name} tickets`).toEqual(
        cats.map((category) => {
          const of = ts.filter((t) => t.category === category);
          return {
            category,
            opened: of.length,
            open: of.filter((t) => !t.closed).length,
            overdue: of.filter(overdue).length,
          };
        }),
      );
      const late = ts.filter(overdue).sort((a, b) => a.due.getTime() - b.due.getTime());
      const listed = await overdueTickets(pool, f, NOW);
      expect(
        listed.map((t) => t.ticketId),
        `${name} overdue tickets`,
      ).toEqual(late.map((t) => t.id));
      expect(listed.map((t) => t.departmentNo)).toEqual(late.map((t) => byId.get(t.caseId)?.departmentNo));

      const fs = fus.filter((x) => {
        const c = byId.get(x.caseId) as RefCase;
        return c.receivedOn >= f.from && c.receivedOn <= f.to && inScope(f, c);
      });
      const got = await followUps(pool, f, TODAY);
      const open = fs.filter((x) => x.steps < 4);
      expect([got.total, got.open, got.overdue], `${name} follow-ups`).toEqual([
        fs.length,
        open.length,
        open.filter((x) => x.due < TODAY).length,
      ]);
      const want = open.map((x) => [byId.get(x.caseId)?.departmentNo, x.due, x.steps, byId.get(x.caseId)?.rating]);
      const have = got.rows.map((x) => [x.departmentNo, x.dueDate, x.steps, x.level]);
      const order = (a: unknown[], b: unknown[]) => `${a[1]}${a[0]}`.localeCompare(`${b[1]}${b[0]}`);
      expect(have.sort(order), `${name} follow-up rows`).toEqual(want.sort(order));

      if (f.matter || f.department || f.deviceId) continue; // the ledger takes the period and districts only
      const ledger = await ledgerRows(pool, f, TODAY);
      for (const [code] of MATTERS) {
        const cs = cohort(f, all).filter((c) => c.matter === code);
        const t = refTotals(cs, TODAY);
        const openTickets = tickets.filter((x) => {
          const c = byId.get(x.caseId) as RefCase;
          return !x.closed && c.matter === code && (!f.districts || f.districts.includes(c.district));
        }).length;
        expect(
          ledger.rows.find((r) => r.code === code),
          `${name} ledger ${code}`,
        ).toMatchObject({
          districts: [...new Set(cs.map((c) => c.district))].sort(),
          received: t.received,
          decided: t.decided,
          overdue: t.decidedLate + t.openOverdue,
          openTickets,
        });
      }
    }
  });
});
