// The city's 工作台账: one row per matter of the catalogue version in force — 责任单位 (the catalogue's department),
// 受理模式, the districts where it is live (cases received in the period), volumes, overdue counts, open problems —
// and the 协调事项 the city supervisor records against a matter and its unit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { latestCatalogueVersion } from '../catalogue/repo';
import { RESOURCES_DIR } from '../paths';
import { Params, conditions, flowSource, type Filters } from './filters';
import { flushRollups } from './rollups';
import { openOverdue } from './queries';

/** A matter as the ledger needs it. */
export interface LedgerMatter {
  code: string;
  name: string;
  unit: string;
  mode: string;
  promisedDays: number | null;
}

/** One row of the 工作台账. */
export interface LedgerRow extends LedgerMatter {
  districts: string[];
  received: number;
  decided: number;
  overdue: number;
  openTickets: number;
  openItems: number;
}

/** The catalogue the ledger lists: the newest published version, else the one shipped with the gateway. */
export async function catalogueInForce(
  db: pg.Pool,
): Promise<{ version: string; matters: LedgerMatter[]; departments: string[] }> {
  const published = await latestCatalogueVersion(db);
  const shipped = (file: string): unknown => JSON.parse(readFileSync(join(RESOURCES_DIR, 'catalogue', file), 'utf8'));
  const doc = (published?.catalogue ?? shipped('catalogue.json')) as {
    catalogueVersion?: string;
    matters?: { code: string; name: string; department: string; acceptanceMode?: string; promisedDays?: number }[];
  };
  const routing = (published?.routing ?? shipped('routing.json')) as {
    rules?: { route?: { departmentId?: string } }[];
  };
  const departments = [...new Set((routing.rules ?? []).map((r) => r.route?.departmentId ?? ''))].filter(Boolean);
  return {
    version: published?.version ?? `${doc.catalogueVersion ?? '-'}（随程序发布）`,
    departments: departments.sort(),
    matters: (doc.matters ?? []).map((m) => ({
      code: m.code,
      name: m.name,
      unit: m.department,
      mode: m.acceptanceMode ?? '异地代收代办',
      promisedDays: m.promisedDays ?? null,
    })),
  };
}

/** The ledger rows for the period and scope (the matter/department/window filters do not apply here). */
export async function ledgerRows(
  db: pg.Pool,
  f: Filters,
  today: string,
): Promise<{ version: string; rows: LedgerRow[] }> {
  const scope: Filters = { ...f, matter: null, department: null, deviceId: null };
  const p = new Params();
  const q = new Params();
  const tickets = scope.districts ? `AND t.district = ANY(${q.add(scope.districts)}::char(6)[])` : '';
  await flushRollups(db); // the rollups take in every committed case change first (decision 0243)
  const [catalogue, volumes, overdue, open, items] = await Promise.all([
    catalogueInForce(db),
    db.query<{ matter: string; districts: string[]; received: number; decided: number; late: number }>(
      // Hash-aggregated per (matter, district) first: the per-matter list is then built from ~40 rows, not sorted
      // out of every rollup row.
      `SELECT matter, array_agg(district ORDER BY district) FILTER (WHERE received > 0) AS districts,
              sum(received)::int AS received, sum(decided)::int AS decided, sum(late)::int AS late
       FROM (SELECT d.matter_code AS matter, d.district::text AS district, sum(received) AS received,
                    sum(decided) AS decided, sum(decided_late) AS late
             FROM ${flowSource(scope, p)} d WHERE ${conditions(scope, p, 'day', 'd')} GROUP BY 1, 2) x
       GROUP BY 1`,
      p.values,
    ),
    openOverdue(db, scope, today, 'matter_code'),
    db.query<{ matter: string; n: number }>(
      `SELECT t.matter_code AS matter, count(*)::int AS n FROM case_tickets t
       WHERE t.closed_at IS NULL ${tickets} GROUP BY 1`,
      q.values,
    ),
    db.query<{ matter: string; n: number }>(
      'SELECT matter_code AS matter, count(*)::int AS n FROM coordination_items WHERE resolved_at IS NULL GROUP BY 1',
    ),
  ]);
  const byMatter = new Map(volumes.rows.map((r) => [r.matter, r]));
  const count = (rows: { matter: string; n: number }[]) => new Map(rows.map((r) => [r.matter, r.n]));
  const openBy = count(open.rows);
  const itemsBy = count(items.rows);
  return {
    version: catalogue.version,
    rows: catalogue.matters.map((m) => {
      const v = byMatter.get(m.code);
      return {
        ...m,
        districts: v?.districts ?? [],
        received: v?.received ?? 0,
        decided: v?.decided ?? 0,
        overdue: (v?.late ?? 0) + (overdue.get(m.code) ?? 0),
        openTickets: openBy.get(m.code) ?? 0,
        openItems: itemsBy.get(m.code) ?? 0,
      };
    }),
  };
}

/** A 协调事项. */
export interface CoordinationItem {
  itemId: number;
  matterCode: string;
  unit: string;
  issue: string;
  owner: string;
  dueOn: string;
  outcome: string | null;
  createdBy: string;
  createdAt: Date;
  resolvedAt: Date | null;
}

export async function listItems(db: pg.Pool): Promise<CoordinationItem[]> {
  const { rows } = await db.query<CoordinationItem>(
    `SELECT item_id::int AS "itemId", matter_code AS "matterCode", unit, issue, owner,
            to_char(due_on, 'YYYY-MM-DD') AS "dueOn", outcome, created_by AS "createdBy", created_at AS "createdAt",
            resolved_at AS "resolvedAt"
     FROM coordination_items ORDER BY resolved_at IS NOT NULL, due_on, item_id LIMIT 500`,
  );
  return rows;
}

/** Records a 协调事项 (validated by the caller); returns its id. */
export async function addItem(
  db: pg.Pool,
  item: Pick<CoordinationItem, 'matterCode' | 'unit' | 'issue' | 'owner' | 'dueOn'>,
  by: string,
): Promise<number> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO coordination_items (matter_code, unit, issue, owner, due_on, created_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING item_id::int AS id`,
    [item.matterCode, item.unit, item.issue, item.owner, item.dueOn, by],
  );
  return (rows[0] as { id: number }).id;
}

/** Records the outcome of an open item; false when there is no such open item. */
export async function resolveItem(db: pg.Pool, itemId: number, outcome: string): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE coordination_items SET outcome = $2, resolved_at = now() WHERE item_id = $1 AND resolved_at IS NULL',
    [itemId, outcome],
  );
  return rowCount === 1;
}
