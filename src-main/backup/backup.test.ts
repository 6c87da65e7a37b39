import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keyOf, openKeyed } from '../db/encryption';
import { afterEach, describe, expect, it } from 'vitest';
import { stampOf } from './backup-service';
import { callOk } from '../testing/call';
import { acceptCase, setClock, supervisorApp, type SupervisorTestApp } from '../testing/supervisor';

const open: SupervisorTestApp[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.dispose();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function appWith(dataDir?: string): Promise<SupervisorTestApp> {
  const t = await supervisorApp(dataDir ? { dataDir } : {});
  open.push(t);
  return t;
}

const FAKE_DEVICE = {
  gatewayUrl: 'https://gateway.example',
  deviceId: 'dev-1',
  epoch: 3,
  district: '500101',
  publicKey: 'pk',
  privateKey: 'sk',
  clockOffsetMs: 0,
  enrolledAt: '2026-11-01T00:00:00.000Z',
  revokedAt: null,
};

describe('backups', () => {
  it('backs up online, verifies the copy (quick_check, row counts), rotates, and warns when stale', async () => {
    const t = await appWith();
    await acceptCase(t.app, t.clerk);
    const b = await callOk(t.app, t.sup, 'backups:run', {});
    expect(b).toMatchObject({ state: 'ok', trigger: 'manual', present: true });
    const db = t.app.services.db;
    const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(b.counts).toEqual({ cases: 1, auditLog: n('audit_log') - 1 }); // the backup's own audit entry came after
    const copy = openKeyed(b.path, keyOf(db), { readonly: true });
    expect(copy.pragma('quick_check', { simple: true })).toBe('ok');
    copy.close();
    expect(b.path.startsWith(join(t.app.dataDir, 'backups', 'scheduled'))).toBe(true);
    // Named by the China date and time: a backup taken at 00:30 in the hall is that day's, not yesterday's.
    expect(stampOf(new Date('2026-11-29T16:30:00.000Z'))).toBe('20261130-003000-000');
    expect(b.fileName).toBe(`tongban-${stampOf(t.app.clock.now)}.sqlite`);

    const settings = await callOk(t.app, t.sup, 'supervisor:settings', {});
    await callOk(t.app, t.admin, 'supervisor:updateSettings', { ...settings, backup: { ...settings.backup, keep: 2 } });
    for (let i = 0; i < 3; i++) {
      await setClock(t, new Date(t.app.clock.now.getTime() + 60_000));
      await callOk(t.app, t.sup, 'backups:run', {});
    }
    const view = await callOk(t.app, t.sup, 'backups:list', {});
    expect(view.backups.filter((x) => x.present)).toHaveLength(2);
    expect(readdirSync(view.folder).filter((f) => f.endsWith('.sqlite'))).toHaveLength(2);
    expect(view.warning).toBe(false);
    expect(await t.app.call(t.clerk, 'backups:list', {}, 2)).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    await setClock(t, new Date(t.app.clock.now.getTime() + 40 * 3_600_000));
    const dash = await callOk(t.app, t.sup, 'dashboard:get', {});
    expect(dash.backups).toMatchObject({ warning: true, lastRunFailed: false });
    expect(dash.backups.ageHours).toBeGreaterThan(36);
    expect(t.app.services.supervisor.backups.due()).toBe(true);
  });

  it('records a failed backup and says why', async () => {
    const t = await appWith();
    const blocker = join(t.app.dataDir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const settings = await callOk(t.app, t.sup, 'supervisor:settings', {});
    await callOk(t.app, t.admin, 'supervisor:updateSettings', {
      ...settings,
      backup: { ...settings.backup, folder: join(blocker, 'sub') },
    });
    expect(await t.app.call(t.sup, 'backups:run', {}, 2)).toMatchObject({
      ok: false,
      error: { code: 'unavailable', details: { reason: 'backup-failed' } },
    });
    expect((await callOk(t.app, t.sup, 'backups:list', {})).backups[0]).toMatchObject({
      state: 'failed',
      present: false,
    });
    expect(t.app.services.audit.list({ action: 'backup.failed', limit: 1 })).toHaveLength(1);
  });

  it('restores a backup into a fresh data folder (admin only), then asks for re-enrolment', async () => {
    const a = await appWith();
    a.app.services.sync.repo.saveDevice(FAKE_DEVICE);
    const cases = [await acceptCase(a.app, a.clerk), await acceptCase(a.app, a.clerk)];
    const backup = await callOk(a.app, a.sup, 'backups:run', {});

    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-restore-'));
    dirs.push(dataDir);
    const b = await appWith(dataDir);
    expect(await b.app.call(b.sup, 'backups:restore', { file: backup.path }, 300)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const garbage = join(dataDir, 'garbage.sqlite');
    writeFileSync(garbage, 'not a database');
    expect(await b.app.call(b.admin, 'backups:restore', { file: garbage }, 300)).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'backup-invalid' } },
    });
    expect(await b.app.call(b.admin, 'backups:restore', { file: '../x.sqlite' }, 300)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    // Another folder has another key: A's backup opens there with A's recovery code only.
    expect(await b.app.call(b.admin, 'backups:restore', { file: backup.path }, 300)).toMatchObject({
      ok: false,
      error: { code: 'database-unreadable' },
    });
    const { recoveryCode } = await callOk(a.app, a.admin, 'security:recoveryCode', {
      password: 'Chongqing2026',
    });
    const r = await callOk(b.app, b.admin, 'backups:restore', { file: backup.path, recoveryCode });
    expect(r).toMatchObject({ restartRequired: true, reenrolmentRequired: true, counts: backup.counts });
    expect(existsSync(join(dataDir, 'restore', 'pending.sqlite'))).toBe(true);

    // Restart on the same folder: the backup is swapped in before the database opens.
    open.splice(open.indexOf(b), 1);
    b.app.close();
    await b.app.services.printing.close();
    const restarted = await createRestarted(dataDir);
    const list = await callOk(restarted.app, 'clerk-again', 'cases:list', { date: '2026-11-30' });
    expect(list.rows.map((c) => c.caseId).sort()).toEqual(cases.map((c) => c.caseId).sort());
    expect(restarted.app.services.sync.repo.device()?.revokedAt).not.toBeNull();
    expect(restarted.app.services.audit.list({ action: 'backup.restore-applied', limit: 1 })[0]?.details).toMatchObject(
      { from: backup.path, deviceMarked: true },
    );
    const dash = await callOk(restarted.app, 'admin-again', 'dashboard:get', {});
    expect(dash.sync.reenrolmentRequired).toBe(true);
    expect(readdirSync(join(dataDir, 'backups')).some((f) => f.startsWith('before-restore-'))).toBe(true);
    expect((await callOk(restarted.app, 'admin-again', 'audit:verify', {})).ok).toBe(true);
  });

  it('restores into a window that is not set up yet (a new PC or disk), and only there', async () => {
    const a = await appWith();
    const cases = [await acceptCase(a.app, a.clerk)];
    const backup = await callOk(a.app, a.sup, 'backups:run', {});
    // A set-up window refuses it, whoever asks: its own restore is the admin's 备份 → 恢复.
    expect(await a.app.call('anyone', 'setup:restore', { file: backup.path }, 300)).toMatchObject({
      ok: false,
      error: { code: 'already-initialized' },
    });

    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-restore-fresh-'));
    dirs.push(dataDir);
    const { testApp } = await import('../testing/test-app');
    const fresh = await testApp({ dataDir });
    expect(await fresh.call('setup-screen', 'setup:restore', { file: 'backup.sqlite' }, 300)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    // The backup is encrypted with A's key: the new PC needs A's recovery code.
    expect(await fresh.call('setup-screen', 'setup:restore', { file: backup.path }, 300)).toMatchObject({
      ok: false,
      error: { code: 'database-unreadable' },
    });
    const { recoveryCode } = await callOk(a.app, a.admin, 'security:recoveryCode', {
      password: 'Chongqing2026',
    });
    const r = await fresh.call('setup-screen', 'setup:restore', { file: backup.path, recoveryCode }, 300);
    expect(r).toMatchObject({ ok: true, value: { restartRequired: true, counts: backup.counts } });
    // Setting the window up anew now would be thrown away at the restart: refused, nothing written.
    const setup = await fresh.call(
      'setup-screen',
      'setup:initialize',
      {
        hall: { name: '新大厅', divisionCode: '500101', windowNo: '1', windowCode: '50010101' },
        admin: { username: 'other', displayName: '另一个', password: 'Chongqing2026' },
      },
      300,
    );
    expect(setup).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'restore-pending' } } });
    expect(fresh.services.settings.hall()).toBeNull();
    await fresh.services.printing.close();
    fresh.dispose();

    const restarted = await createRestarted(dataDir);
    const list = await callOk(restarted.app, 'clerk-again', 'cases:list', { date: '2026-11-30' });
    expect(list.rows.map((c) => c.caseId)).toEqual(cases.map((c) => c.caseId));
    expect((await callOk(restarted.app, 'admin-again', 'audit:verify', {})).ok).toBe(true);
  });
});

/** The app started again on a restored folder, signed in as A's users (the restored accounts). */
async function createRestarted(dataDir: string): Promise<{ app: SupervisorTestApp['app'] }> {
  const { testApp } = await import('../testing/test-app');
  const app = await testApp({ dataDir });
  open.push({
    app,
    admin: '',
    clerk: '',
    sup: '',
    clerkId: 0,
    dispose: async () => {
      await app.services.printing.close();
      app.dispose();
    },
  });
  for (const [caller, username, password] of [
    ['clerk-again', 'clerk1', 'Passw0rd!'],
    ['admin-again', 'admin', 'Chongqing2026'],
  ] as const) {
    const r = await app.call(caller, 'auth:login', { username, password }, 0);
    if (!r.ok) throw new Error(`login ${username} failed`);
  }
  return { app };
}
