// The push path's deferred work and group commit (decisions 0243, 0244) on a real PostgreSQL, with the gateway's
// batch job switched off so that only the readers' own catch-up runs: the pending rows (the unchained audit row,
// the queued rollup delta) are written by the push's own transaction, a reader right after a push sees exact
// figures and a verifiable trail, a crash before any batch loses nothing, and concurrent bundles sharing one
// statement each get the answer they would have had alone.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../attachments/blob-store';
import { caseTrail } from '../audit-trail/case-trail';
import { verifyGatewayAudit } from '../audit-trail/verify';
import { createPool } from '../db/pool';
import { getCase } from '../department/repo';
import { GatewayError } from '../http/errors';
import { runBatches } from '../ops/batches';
import { totals } from '../supervision/queries';
import { chinaToday, type Filters } from '../supervision/filters';
import { bundleOf, countStatements, putBundle } from '../testing/case-bundle';
import type { DeviceClient } from '../testing/device-client';
import { testFile, testManifest, type TestFile } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { storeCaseBundle } from './bundle-repo';

const SC = '510000';
let t: TestGateway;
let device: DeviceClient;

beforeAll(async () => {
  t = await startTestGateway({ batchEveryMs: 0 });
  device = await t.device(SC);
});
afterAll(async () => {
  await t?.close();
});

const city = (): Filters => ({
  from: `${chinaToday().slice(0, 4)}-01-01`,
  to: chinaToday(),
  districts: null,
  deviceId: null,
  matter: null,
  department: null,
});
const pending = async () => ({
  unchained: await t.count('gateway_audit WHERE seq IS NULL'),
  queued: await t.count('supervision_rollup_queue'),
});
const push = async (files: TestFile[] = [testFile(500)]) => {
  const m = testManifest(SC, files);
  const res = await putBundle(
    device,
    m.caseId,
    bundleOf(
      m,
      files.map((f) => f.bytes),
    ),
  );
  return { m, res };
};

describe('push path batches', () => {
  it('a push leaves its audit row unchained and its rollup delta queued, in its own transaction', async () => {
    await runBatches(t.pool);
    const { res } = await push();
    expect(res.status).toBe(201);
    expect(await pending()).toEqual({ unchained: 1, queued: 1 });
    // A refused push (an attachment id of another case) leaves neither.
    const taken = testFile(10);
    expect((await push([taken])).res.status).toBe(201);
    const before = await pending();
    const again = testManifest(SC, [taken]);
    const refused = await putBundle(device, again.caseId, bundleOf(again, [taken.bytes]));
    expect(refused.status).toBe(422);
    expect(await pending()).toEqual(before);
  });

  it('a supervision read right after a push sees it; the rollups then equal a rebuild from case_facts', async () => {
    const before = await totals(t.pool, city(), chinaToday());
    expect((await push()).res.status).toBe(201);
    const after = await totals(t.pool, city(), chinaToday());
    expect(after.received).toBe(before.received + 1);
    expect(await t.count('supervision_rollup_queue')).toBe(0);
    const { rows } = await t.pool.query<{ differs: number }>(
      `SELECT count(*)::int AS differs FROM (
         SELECT received_on, district, matter_code, department_id, count(*)::int AS received FROM case_facts GROUP BY 1, 2, 3, 4
         EXCEPT SELECT day, district, matter_code, department_id, received FROM supervision_daily) x`,
    );
    expect(rows[0]?.differs).toBe(0);
  });

  it('the trail of a case just pushed shows the push, and the whole chain verifies', async () => {
    const { m } = await push();
    expect((await pending()).unchained).toBeGreaterThan(0);
    const view = await getCase(t.pool, m.caseId, m.departmentId);
    expect(view).not.toBeNull();
    const trail = await caseTrail(t.pool, view!);
    expect(trail.length).toBeGreaterThan(0);
    expect((await pending()).unchained).toBe(0); // the reader chained it first
    expect(await push().then((p) => p.res.status)).toBe(201);
    const v = await verifyGatewayAudit(t.pool);
    expect(v).toMatchObject({ ok: true, firstBroken: null });
    expect(v.count).toBe(v.headSeq);
    expect(await t.count('gateway_audit WHERE seq IS NULL')).toBe(0);
  });

  it('a crash before any batch loses nothing: another process catches up from the committed rows', async () => {
    await runBatches(t.pool);
    for (let i = 0; i < 3; i++) expect((await push()).res.status).toBe(201);
    expect(await pending()).toEqual({ unchained: 3, queued: 3 });
    // The gateway that pushed never runs a batch; a fresh pool (another process after the crash) does.
    const other = createPool(t.db.url, 1);
    try {
      const done = await runBatches(other);
      expect(done).toEqual({ linked: 3, flushed: 3 });
      expect((await verifyGatewayAudit(other)).ok).toBe(true);
    } finally {
      await other.end();
    }
    expect(await pending()).toEqual({ unchained: 0, queued: 0 });
    // The audit rows cannot be altered by the application role, chained or not.
    await expect(t.pool.query("UPDATE gateway_audit SET actor = 'x' WHERE seq = 1")).rejects.toThrow(/append-only/);
  });

  it('concurrent bundles share a statement and each gets its own answer (new, replayed nonce, conflict, revoked)', async () => {
    const store = { kind: 's3', inline: false, put: async () => undefined } as unknown as BlobStore;
    const revoked = await t.device(SC);
    await t.pool.query('UPDATE devices SET revoked_at = now() WHERE device_id = $1', [revoked.deviceId]);
    const taken = testFile(10);
    expect((await push([taken])).res.status).toBe(201);
    const sharedNonce = randomUUID();
    const one = (opts: { deviceId?: string; nonce?: string; file?: TestFile } = {}) => {
      const f = opts.file ?? testFile(100);
      const m = testManifest(SC, [f]);
      const deviceId = opts.deviceId ?? device.deviceId;
      return storeCaseBundle(t.pool, m, {
        store,
        deviceId,
        district: SC,
        nonce: { deviceId, nonce: opts.nonce ?? randomUUID(), created: Math.floor(Date.now() / 1000) },
        audit: { windowCode: 'W', requestId: randomUUID() },
        onNonceSettled: () => undefined,
        files: [f.bytes],
        filesBytes: f.bytes,
      }).then(
        (r) => ({ departmentNo: r.departmentNo, created: r.created }),
        (err: unknown) => ({ error: err instanceof GatewayError ? err.code : String(err) }),
      );
    };
    const { result, count } = await countStatements(() =>
      Promise.all([
        ...Array.from({ length: 4 }, () => one()),
        one({ nonce: sharedNonce }),
        one({ file: taken }), // an attachment id of another case: the batch holding it fails, its cases go alone
        one({ deviceId: revoked.deviceId }),
        one({ nonce: sharedNonce }),
        ...Array.from({ length: 4 }, () => one()),
      ]),
    );
    expect(count.texts.some((s) => s.startsWith('WITH b AS'))).toBe(true); // some cases went together
    const errors = result.map((r) => ('error' in r ? r.error : 'created')).sort();
    expect(errors).toEqual([
      'attachment-conflict',
      ...Array<string>(9).fill('created'),
      'device-revoked',
      'nonce-replayed',
    ]);
    const numbers = result.flatMap((r) => ('departmentNo' in r ? [r.departmentNo] : []));
    expect(new Set(numbers).size).toBe(9);
    const { rows } = await t.pool.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM cases WHERE department_no = ANY($1)',
      [numbers],
    );
    expect(rows[0]?.n).toBe(9);
    // The batch rows are as the single statement's: one chained audit row and one rollup delta per stored case.
    await runBatches(t.pool);
    expect((await verifyGatewayAudit(t.pool)).ok).toBe(true);
  });
});
