// 责任追溯 across both sides (issue #19): the window reports its audit chain head to the gateway during sync;
// an old audit row altered afterwards — even with the whole chain re-hashed after it, which the window's own
// walk cannot see — is reported by the next verification on the window and recorded as a conflict at the gateway.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '@tongban/protocol/canonical-json';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { listWitnessConflicts } from '../../gateway/src/audit-trail/witnesses';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { createUser, initialised, testApp, type TestApp } from '../../src-main/testing/test-app';
import { callOk } from '../../src-main/testing/call';

let gw: TestGateway;
let app: TestApp;
let admin: string;

beforeAll(async () => {
  gw = await startTestGateway();
}, 120_000);
afterAll(async () => {
  await app?.shutdown();
  await gw?.close();
});

interface Row {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  target: string | null;
  details: string;
}

/** A forger with the database key: changes row `seq`'s details and re-hashes the chain from there on. */
function forge(app: TestApp, seq: number, details: object, rechain: boolean): void {
  const db = app.services.db;
  db.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
  db.prepare('UPDATE audit_log SET details = ? WHERE seq = ?').run(canonicalJson(details), seq);
  if (!rechain) return;
  const rows = db.prepare<[], Row & { prev_hash: string }>('SELECT * FROM audit_log ORDER BY seq').all();
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const entry = {
      seq: r.seq,
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      target: r.target,
      details: JSON.parse(r.details) as unknown,
    };
    const hash = createHash('sha256').update(prev).update('\n').update(canonicalJson(entry)).digest('hex');
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, hash, r.seq);
    prev = hash;
  }
}

describe('window audit chain witnessed by the gateway', () => {
  it('reports an old row altered and re-hashed, on the window and at the gateway', async () => {
    app = await testApp();
    admin = await initialised(app);
    const { code } = await issueEnrolmentCode(gw.pool, '50010112', '500101', 1);
    await callOk(app, admin, 'sync:configure', { gatewayUrl: gw.url, code });
    await createUser(app, admin, 'clerk1', 'clerk');
    await app.services.sync.syncNow(); // the first round reports the head
    const device = app.services.sync.repo.device();
    const witnessed = await gw.pool.query<{ seq: string }>(
      'SELECT seq FROM window_audit_witnesses WHERE device_id = $1',
      [device?.deviceId],
    );
    expect(witnessed.rows).toHaveLength(1);
    const witnessedSeq = Number(witnessed.rows[0]?.seq);
    expect(witnessedSeq).toBeGreaterThan(2);

    const intact = await callOk(app, admin, 'audit:verify', {});
    expect(intact).toMatchObject({ ok: true, witnesses: { state: 'compared' } });
    expect(intact.witnesses?.checked).toBeGreaterThanOrEqual(1);

    await createUser(app, admin, 'clerk2', 'clerk'); // more rows after the witnessed head
    const latest = await gw.pool.query<{ max: string }>(
      'SELECT max(seq) AS max FROM window_audit_witnesses WHERE device_id = $1',
      [device?.deviceId],
    );
    forge(app, 2, { forged: true }, true);
    expect(app.services.audit.verify().ok).toBe(true); // the local walk alone cannot tell

    const verdict = await callOk(app, admin, 'audit:verify', {});
    expect(verdict.ok).toBe(false);
    expect(verdict.firstBroken).toEqual({ seq: witnessedSeq, reason: 'witness-mismatch' });
    const conflicts = await listWitnessConflicts(gw.pool);
    // The gateway sees it as the window's hash at the head it witnessed last, now different.
    expect(conflicts).toMatchObject([
      { deviceId: device?.deviceId, windowCode: '50010112', seq: Number(latest.rows[0]?.max), kind: 'changed' },
    ]);
    const trail = await gw.pool.query(
      "SELECT target FROM gateway_audit WHERE action = 'window.audit-witness-conflict'",
    );
    expect(trail.rows).toEqual([{ target: '50010112' }]);
    // The window's own trail says the gateway objected.
    expect(app.services.audit.list({ action: 'sync.audit-witness-conflict', limit: 5 })).toHaveLength(1);
  });

  it('reports a plainly altered row (not re-hashed) at its own sequence, and at the gateway', async () => {
    await app.services.sync.syncNow();
    const before = (await listWitnessConflicts(gw.pool)).length;
    forge(app, 3, { plain: true }, false);
    const verdict = await callOk(app, admin, 'audit:verify', {});
    expect(verdict).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: 'hash-mismatch' } });
    expect((await listWitnessConflicts(gw.pool)).length).toBe(before + 1);
  });
});
