// Audit trail figures (issue #19): the cost of the gateway's hash-chained append (a BEFORE INSERT trigger
// under the single-row head lock) next to a plain insert into an unchained copy of the table, one writer and
// eight writers over two pools; and the window's recomputation of its chain for a witness report.
import Database from 'better-sqlite3-multiple-ciphers';
import { audit } from '../../gateway/src/audit';
import { createPool } from '../../gateway/src/db/pool';
import { startTestPostgres } from '../../gateway/src/testing/pg';
import { AuditLog } from '../../src-main/audit/audit-log';
import { quantile, sample, since, type Figure, type Suite } from '../lib';

const ROWS = 2_000;
const WINDOW_ROWS = 50_000;

async function gatewayFigures(): Promise<Figure[]> {
  const db = await startTestPostgres();
  const owner = createPool(db.migrationUrl, 1);
  const a = createPool(db.url, 4);
  const b = createPool(db.url, 4);
  try {
    await owner.query(
      'CREATE TABLE plain_audit (LIKE gateway_audit INCLUDING DEFAULTS); ALTER TABLE plain_audit ALTER COLUMN seq DROP NOT NULL, ALTER COLUMN prev_hash DROP NOT NULL, ALTER COLUMN hash DROP NOT NULL',
    );
    const entry = (i: number) => ({
      actor: 'device:bench',
      action: 'device.case-push',
      target: `case:${i}`,
      details: { i, windowCode: 'CQ01' },
    });
    const plain = (pool: typeof a, i: number) =>
      pool.query('INSERT INTO plain_audit (actor, action, target, details) VALUES ($1, $2, $3, $4)', [
        'device:bench',
        'device.case-push',
        `case:${i}`,
        JSON.stringify(entry(i).details),
      ]);
    let i = 0;
    const chained1 = await sample(ROWS, () => audit(a, entry(i++)));
    const plain1 = await sample(ROWS, () => plain(a, i++));
    const burst = async (fn: (pool: typeof a, n: number) => Promise<unknown>) => {
      const start = performance.now();
      await Promise.all(
        Array.from({ length: 8 }, async (_, w) => {
          for (let k = 0; k < ROWS / 8; k++) await fn(w % 2 ? a : b, i++);
        }),
      );
      return ROWS / (since(start) / 1000);
    };
    const chained8 = await burst((pool, n) => audit(pool, entry(n)));
    const plain8 = await burst(plain);
    return [
      { suite: 'audit', name: 'gateway chained append p50 (1 writer)', value: quantile(chained1, 0.5), unit: 'ms' },
      { suite: 'audit', name: 'gateway chained append p99 (1 writer)', value: quantile(chained1, 0.99), unit: 'ms' },
      { suite: 'audit', name: 'gateway plain insert p50 (1 writer)', value: quantile(plain1, 0.5), unit: 'ms' },
      { suite: 'audit', name: 'gateway plain insert p99 (1 writer)', value: quantile(plain1, 0.99), unit: 'ms' },
      { suite: 'audit', name: 'gateway chained appends, 8 writers / 2 pools', value: chained8, unit: 'rows/s' },
      { suite: 'audit', name: 'gateway plain inserts, 8 writers / 2 pools', value: plain8, unit: 'rows/s' },
    ];
  } finally {
    await a.end();
    await b.end();
    await owner.end();
    await db.stop();
  }
}

function windowFigures(): Figure[] {
  const db = new Database(':memory:');
  db.exec(`CREATE TABLE users (id INTEGER PRIMARY KEY, display_name TEXT);
    CREATE TABLE audit_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor_id INTEGER, actor_name TEXT NOT NULL,
      action TEXT NOT NULL, target TEXT, details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL) STRICT;`);
  const log = new AuditLog(db, () => new Date());
  db.transaction(() => {
    for (let i = 0; i < WINDOW_ROWS; i++)
      log.append({ actor: { id: 1, name: 'clerk1' }, action: 'case.accept', target: `case:${i}`, details: { i } });
  })();
  const start = performance.now();
  log.recomputedHashes([WINDOW_ROWS / 2]);
  const ms = since(start);
  const stored = performance.now();
  for (let k = 0; k < 100; k++) log.storedHashes(WINDOW_ROWS / 2);
  const storedMs = since(stored) / 100;
  db.close();
  return [
    {
      suite: 'audit',
      name: `window stored head + anchor for a periodic witness report (${WINDOW_ROWS} rows)`,
      value: storedMs,
      unit: 'ms',
    },
    {
      suite: 'audit',
      name: `window chain recomputed for a witness report (${WINDOW_ROWS} rows)`,
      value: ms,
      unit: 'ms',
      note: 'on 校验审计链 only (the periodic report reads stored hashes)',
    },
  ];
}

export const auditSuite: Suite = {
  name: 'audit',
  async run() {
    return [...(await gatewayFigures()), ...windowFigures()];
  },
};
