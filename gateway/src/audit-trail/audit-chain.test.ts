// The gateway's hash-chained audit trail on a real PostgreSQL: tampering by the schema owner (altered,
// deleted, inserted rows, a cut tail) is found by the verifier; two pools appending at once stay one chain;
// device actions are audited; a window's witness that contradicts an earlier one is recorded as a conflict.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from '../audit';
import { createPool } from '../db/pool';
import { testManifest } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { verifyGatewayAudit } from './verify';

let gw: TestGateway;
let owner: pg.Pool;

beforeAll(async () => {
  gw = await startTestGateway();
  owner = createPool(gw.db.migrationUrl, 1);
});
afterAll(async () => {
  await owner?.end();
  await gw?.close();
});

/** The schema owner tampering with the trail (the append-only trigger lifted, as only the owner can). */
async function tamper(sql: string, params: unknown[] = []): Promise<void> {
  const client = await owner.connect();
  try {
    await client.query('BEGIN');
    await client.query('ALTER TABLE gateway_audit DISABLE TRIGGER USER');
    await client.query(sql, params);
    await client.query('ALTER TABLE gateway_audit ENABLE TRIGGER USER');
    await client.query('COMMIT');
  } finally {
    client.release();
  }
}

/** Tampers, checks, then puts the original rows and head back (copied aside by the owner, microseconds kept). */
async function withTamper(sql: string, params: unknown[], check: () => Promise<void>): Promise<void> {
  await owner.query('DROP TABLE IF EXISTS saved_audit; CREATE TABLE saved_audit AS SELECT * FROM gateway_audit');
  const head = (await owner.query('SELECT seq, hash FROM gateway_audit_head')).rows[0] as { seq: string; hash: string };
  await tamper(sql, params);
  try {
    await check();
  } finally {
    await tamper('DELETE FROM gateway_audit; INSERT INTO gateway_audit SELECT * FROM saved_audit');
    await owner.query('UPDATE gateway_audit_head SET seq = $1, hash = $2', [head.seq, head.hash]);
  }
  expect((await verifyGatewayAudit(gw.pool)).ok).toBe(true);
}

describe('gateway audit chain', () => {
  it('chains appends from two pools running at once into one chain without gaps or forks', async () => {
    const other = createPool(gw.db.url, 4);
    try {
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          audit(i % 2 ? other : gw.pool, { actor: `t${i}`, action: 'test.concurrent', details: { i } }),
        ),
      );
    } finally {
      await other.end();
    }
    const v = await verifyGatewayAudit(gw.pool);
    expect(v).toMatchObject({ ok: true, firstBroken: null });
    expect(v.count).toBe(v.headSeq);
    expect(v.count).toBeGreaterThanOrEqual(40);
    const { rows } = await gw.pool.query<{ n: number; d: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT prev_hash)::int AS d FROM gateway_audit',
    );
    expect(rows[0]?.d).toBe(rows[0]?.n); // no two rows chained to the same predecessor
  });

  it('refuses changes by the application role', async () => {
    await expect(gw.pool.query("UPDATE gateway_audit SET actor = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
    await expect(gw.pool.query('DELETE FROM gateway_audit WHERE seq = 1')).rejects.toThrow(/append-only/);
  });

  it('finds an altered row', async () => {
    await withTamper('UPDATE gateway_audit SET details = \'{"i": 999}\' WHERE seq = 5', [], async () => {
      expect((await verifyGatewayAudit(gw.pool)).firstBroken).toEqual({ seq: 5, reason: 'hash-mismatch' });
    });
  });

  it('finds a deleted row, an inserted row and a cut tail', async () => {
    await withTamper('DELETE FROM gateway_audit WHERE seq = 7', [], async () => {
      expect((await verifyGatewayAudit(gw.pool)).firstBroken).toEqual({ seq: 7, reason: 'sequence-gap' });
    });
    // An inserted row must take a number: renumber the rows after it (as a forger would) and chain it.
    await withTamper(
      `UPDATE gateway_audit SET seq = seq + 1000 WHERE seq >= 10;
       UPDATE gateway_audit SET seq = seq - 999 WHERE seq >= 1010;
       INSERT INTO gateway_audit (at, actor, action, details, seq, prev_hash, hash)
         SELECT now(), 'forger', 'dept.login', '{}', 10, hash, repeat('a', 64) FROM gateway_audit WHERE seq = 9`,
      [],
      async () => {
        expect((await verifyGatewayAudit(gw.pool)).firstBroken).toEqual({ seq: 10, reason: 'hash-mismatch' });
      },
    );
    await withTamper('DELETE FROM gateway_audit WHERE seq > 30', [], async () => {
      expect((await verifyGatewayAudit(gw.pool)).firstBroken).toEqual({ seq: 31, reason: 'tail-missing' });
    });
  });

  it('audits device pushes and records a witness that contradicts an earlier one', async () => {
    const device = await gw.device('510000');
    const manifest = testManifest('510000');
    expect((await device.putCase(manifest)).status).toBe(201);
    const { rows } = await gw.pool.query<{ actor: string; target: string }>(
      "SELECT actor, target FROM gateway_audit WHERE action = 'device.case-push'",
    );
    expect(rows).toEqual([{ actor: `device:${device.deviceId}`, target: `case:${manifest.caseId}` }]);

    const h = (c: string) => c.repeat(64);
    const push = (body: object) => device.request('POST', '/v1/audit-witnesses', { body });
    expect((await push({ head: { seq: 10, hash: h('a') }, anchor: null })).body).toEqual({
      recorded: true,
      conflicts: [],
    });
    expect((await push({ head: { seq: 12, hash: h('b') }, anchor: { seq: 10, hash: h('a') } })).body).toEqual({
      recorded: true,
      conflicts: [],
    });
    // The window's row 12 changed after it was witnessed: reported as the anchor of the next head.
    expect((await push({ head: { seq: 15, hash: h('c') }, anchor: { seq: 12, hash: h('d') } })).body).toEqual({
      recorded: true,
      conflicts: [{ seq: 12, kind: 'changed' }],
    });
    // A head below one already witnessed, and a witnessed sequence sent again with another hash.
    expect((await push({ head: { seq: 11, hash: h('e') }, anchor: null })).body).toMatchObject({
      recorded: false,
      conflicts: [{ seq: 11, kind: 'rewound' }],
    });
    expect((await push({ head: { seq: 10, hash: h('f') }, anchor: null })).body).toMatchObject({
      conflicts: [{ seq: 10, kind: 'changed' }],
    });
    const bad = await push({ head: { seq: 0, hash: 'x' }, anchor: null });
    expect(bad.status).toBe(400);

    const list = await device.request('GET', '/v1/audit-witnesses?afterSeq=10');
    expect(list.body).toMatchObject({ witnesses: [{ seq: 12 }, { seq: 15 }], latest: { seq: 15, hash: h('c') } });

    const ops = (await (await fetch(`${gw.url}/ops/audit`)).json()) as {
      chain: { ok: boolean };
      conflicts: { seq: number; kind: string }[];
    };
    expect(ops.chain.ok).toBe(true);
    expect(ops.conflicts.map((c) => [c.seq, c.kind])).toEqual([
      [10, 'changed'],
      [11, 'rewound'],
      [12, 'changed'],
    ]);
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/^tongban_window_audit_conflicts 3$/m);
    expect(metrics).toMatch(/^tongban_audit_chain_intact 1$/m);
    const conflictRows = await gw.pool.query(
      "SELECT 1 FROM gateway_audit WHERE action = 'window.audit-witness-conflict'",
    );
    expect(conflictRows.rowCount).toBe(3);
    expect((await verifyGatewayAudit(gw.pool)).ok).toBe(true);
  });
});
