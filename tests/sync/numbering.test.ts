// A window restored from an older backup continues today's receipt numbers above the ones the
// department already has, instead of handing them out a second time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { createUser, initialised, testApp, type TestApp } from '../../src-main/testing/test-app';
import { callOk } from '../../src-main/testing/call';
import { acceptReadyCase } from './window';

let gw: TestGateway;
const apps: TestApp[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  gw = await startTestGateway();
}, 120_000);

afterAll(async () => {
  for (const app of apps) await app.shutdown();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  await gw?.close();
});

async function enrol(app: TestApp, admin: string): Promise<void> {
  const { code } = await issueEnrolmentCode(gw.pool, '50010112', '500101', 1);
  await callOk(app, admin, 'sync:configure', { gatewayUrl: gw.url, code });
}

const counter = (app: TestApp) =>
  (
    app.services.db
      .prepare(
        "SELECT last_sequence FROM document_counters WHERE window_code = '50010112' AND business_date = '2026-11-30'",
      )
      .get() as { last_sequence: number } | undefined
  )?.last_sequence;

describe('receipt numbers after a restore', () => {
  it('continue above the highest one the gateway received from this window today', async () => {
    const a = await testApp();
    apps.push(a);
    const admin = await initialised(a);
    await createUser(a, admin, 'clerk1', 'clerk');
    await callOk(a, 'clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' });
    await enrol(a, admin);
    const first = await acceptReadyCase(a, 'clerk');
    const backup = await callOk(a, admin, 'backups:run', {}); // last night's backup, say: one case
    const later = [await acceptReadyCase(a, 'clerk'), await acceptReadyCase(a, 'clerk')];
    await a.services.sync.syncNow();
    expect(a.services.sync.statusView()).toMatchObject({ pending: 0 });
    expect([first, ...later].map((d) => d.documentNo.slice(18, 22))).toEqual(['0001', '0002', '0003']);

    // The PC dies; a new one is set up from the backup (first-run restore, restart, re-enrolment).
    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-numbering-'));
    dirs.push(dataDir);
    const fresh = await testApp({ dataDir });
    // The backup is encrypted with this window's key: the new PC restores it with its recovery code.
    const { recoveryCode } = await callOk(a, admin, 'security:recoveryCode', { password: 'Chongqing2026' });
    await callOk(fresh, 'setup-screen', 'setup:restore', { file: backup.path, recoveryCode });
    await fresh.shutdown();
    const b = await testApp({ dataDir });
    apps.push(b);
    await callOk(b, 'admin', 'auth:login', { username: 'admin', password: 'Chongqing2026' });
    await callOk(b, 'clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' });
    expect(counter(b)).toBe(1); // what the backup knew: the next number would be 0002 again
    expect(b.services.sync.statusView().numberingUnverified).toBe(true); // the 受理 page warns

    await enrol(b, 'admin');
    await b.services.sync.syncNow();
    expect(counter(b)).toBe(3);
    expect(b.services.sync.statusView().numberingUnverified).toBe(false);
    expect(a.services.sync.statusView().numberingUnverified).toBe(false); // never restored
    const next = await acceptReadyCase(b, 'clerk');
    expect(next.documentNo.slice(18, 22)).toBe('0004');
    const audit = b.services.audit.list({ action: 'sync.numbering-continued', limit: 5 });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toEqual({ date: '2026-11-30', localSequence: 1, gatewaySequence: 3 });

    // Checked once a day: a later round sends the gateway one request, the status pull (each signed
    // request leaves its nonce), and changes nothing.
    const nonces = async () =>
      (
        await gw.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM request_nonces WHERE device_id = $1', [
          b.services.sync.repo.device()!.deviceId,
        ])
      ).rows[0]!.n;
    await b.services.sync.syncNow(); // sends the case accepted above
    const before = await nonces();
    await b.services.sync.syncNow();
    expect((await nonces()) - before).toBe(1);
    expect(b.services.audit.list({ action: 'sync.numbering-continued', limit: 5 })).toHaveLength(1);
    expect(counter(b)).toBe(4);
  });
});
