import { afterEach, describe, expect, it } from 'vitest';
import { callOk } from '../testing/call';
import { createUser, initialised, testApp, type TestApp } from '../testing/test-app';

let app: TestApp;
afterEach(() => app?.dispose());

async function login(a: TestApp, caller: string, username: string, password: string) {
  return a.call(caller, 'auth:login', { username, password }, 0);
}

describe('accounts and sessions', () => {
  it('first run creates the hall and an administrator, once', async () => {
    app = await testApp();
    expect((await app.call('c1', 'app:info', {}, 0)).ok && (await app.call('c1', 'app:info', {}, 0))).toMatchObject({
      value: { initialized: false },
    });
    const admin = await initialised(app);
    const again = await app.call(
      'c2',
      'setup:initialize',
      {
        hall: { name: '另一个大厅', divisionCode: '500102', windowNo: '1', windowCode: '5001021' },
        admin: { username: 'root', displayName: 'x', password: 'Chongqing2026' },
      },
      0,
    );
    expect(again).toMatchObject({ ok: false, error: { code: 'already-initialized' } });
    expect(await app.call(admin, 'auth:session', {}, 0)).toMatchObject({
      ok: true,
      value: { user: { username: 'admin', role: 'admin' } },
    });
  });

  it('refuses weak passwords with field codes', async () => {
    app = await testApp();
    const admin = await initialised(app);
    const weak = await app.call(
      admin,
      'users:create',
      { username: 'clerk1', displayName: '张三', role: 'clerk', password: 'short' },
      0,
    );
    expect(weak).toMatchObject({ ok: false, error: { code: 'weak-password' } });
    expect(!weak.ok && weak.error.details?.fields?.map((f) => f.code)).toEqual([
      'password-too-short',
      'password-needs-letters-and-digits',
    ]);
    const list = await callOk(app, admin, 'users:list', {});
    expect(list.length).toBe(1);
  });

  it('a clerk calling an admin command gets forbidden, and the attempt is audited', async () => {
    app = await testApp();
    const admin = await initialised(app);
    await createUser(app, admin, 'clerk1', 'clerk');
    expect(await login(app, 'clerk', 'clerk1', 'Passw0rd!')).toMatchObject({ ok: true });
    for (const [name, input] of [
      ['users:list', {}],
      ['users:create', { username: 'x1x', displayName: 'x', role: 'admin', password: 'Passw0rd!' }],
      ['settings:update', {}],
      ['audit:list', {}],
    ] as const) {
      expect(await app.call('clerk', name, input, 0), name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(app.services.audit.list({ limit: 10, action: 'auth.forbidden' })).toHaveLength(4);
    expect(await app.call('nobody', 'users:list', {}, 0)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('five wrong passwords lock the account for 15 minutes, then it opens again', async () => {
    app = await testApp();
    const admin = await initialised(app);
    await createUser(app, admin, 'clerk1', 'clerk');
    for (let i = 1; i <= 4; i++)
      expect(await login(app, 'c', 'clerk1', 'wrong-pass1')).toMatchObject({
        ok: false,
        error: { code: 'invalid-credentials' },
      });
    expect(await login(app, 'c', 'clerk1', 'wrong-pass1')).toMatchObject({
      ok: false,
      error: { code: 'account-locked' },
    });
    expect(await login(app, 'c', 'clerk1', 'Passw0rd!')).toMatchObject({
      ok: false,
      error: { code: 'account-locked' },
    });
    app.clock.advanceMinutes(14);
    expect(await login(app, 'c', 'clerk1', 'Passw0rd!')).toMatchObject({
      ok: false,
      error: { code: 'account-locked' },
    });
    app.clock.advanceMinutes(2);
    expect(await login(app, 'c', 'clerk1', 'Passw0rd!')).toMatchObject({ ok: true });
    const entries = app.services.audit.list({ limit: 50 });
    const failures = entries.filter((e) => e.action === 'auth.login-failed').map((e) => e.details.reason);
    expect(failures.filter((r) => r === 'wrong-password')).toHaveLength(5);
    expect(failures.filter((r) => r === 'locked')).toHaveLength(2);
    expect(entries.map((e) => e.action)).toContain('auth.account-locked');
  });

  it('idle sessions lock, keep their user, and unlock only with the right password', async () => {
    app = await testApp();
    const admin = await initialised(app);
    const pushed: unknown[] = [];
    app.services.events.subscribe((e) => pushed.push(e));
    app.clock.advanceMinutes(11);
    expect(await app.call(admin, 'settings:get', {}, 0)).toMatchObject({
      ok: false,
      error: { code: 'session-locked' },
    });
    expect(pushed).toEqual([{ name: 'session:changed', payload: { state: 'locked' }, callerId: admin }]);
    expect(app.services.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'auth.lock',
      details: { reason: 'idle' },
    });
    expect(await app.call(admin, 'auth:unlock', { password: 'nope-nope1' }, 0)).toMatchObject({
      ok: false,
      error: { code: 'invalid-credentials' },
    });
    expect(await app.call(admin, 'auth:unlock', { password: 'Chongqing2026' }, 0)).toMatchObject({
      ok: true,
      value: { locked: false },
    });
    expect(await app.call(admin, 'settings:get', {}, 0)).toMatchObject({ ok: true });
  });

  it('disabling a user ends their session; the last admin cannot be disabled or demoted', async () => {
    app = await testApp();
    const admin = await initialised(app);
    const clerkId = await createUser(app, admin, 'clerk1', 'clerk');
    await login(app, 'clerk', 'clerk1', 'Passw0rd!');
    expect(await app.call(admin, 'users:setDisabled', { userId: clerkId, disabled: true }, 0)).toMatchObject({
      ok: true,
      value: { disabled: true },
    });
    expect(await app.call('clerk', 'settings:get', {}, 0)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect(await login(app, 'clerk', 'clerk1', 'Passw0rd!')).toMatchObject({
      ok: false,
      error: { code: 'account-disabled' },
    });
    expect(await app.call(admin, 'users:setRole', { userId: 1, role: 'clerk' }, 0)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await app.call(admin, 'users:setDisabled', { userId: 1, disabled: true }, 0)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });

  it('a role change applies to the next call of a signed-in user', async () => {
    app = await testApp();
    const admin = await initialised(app);
    const id = await createUser(app, admin, 'sup1', 'clerk');
    await login(app, 'sup', 'sup1', 'Passw0rd!');
    expect(await app.call('sup', 'audit:verify', {}, 0)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await app.call(admin, 'users:setRole', { userId: id, role: 'supervisor' }, 0);
    expect(await app.call('sup', 'audit:verify', {}, 0)).toMatchObject({ ok: true, value: { ok: true } });
  });
});
