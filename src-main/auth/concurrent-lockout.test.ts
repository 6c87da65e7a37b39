import { afterEach, describe, expect, it } from 'vitest';
import { createUser, initialised, testApp, type TestApp } from '../testing/test-app';

let app: TestApp;
afterEach(() => app?.dispose());

const WRONG = Array.from({ length: 24 }, (_, i) => `wrong-pass${i}`);

describe('sign-in under concurrent guessing (limit 5)', () => {
  it('25 concurrent attempts with the right one last do not sign in, and the lock is audited once', async () => {
    app = await testApp();
    const admin = await initialised(app);
    await createUser(app, admin, 'clerk1', 'clerk');
    const results = await Promise.all(
      [...WRONG, 'Passw0rd!'].map((password) => app.call('guess', 'auth:login', { username: 'clerk1', password }, 0)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(results.at(-1)).toMatchObject({ ok: false, error: { code: 'account-locked' } });
    const failures = app.services.audit.list({ limit: 100, action: 'auth.login-failed' });
    expect(failures.filter((e) => e.details.reason === 'wrong-password')).toHaveLength(5);
    expect(failures.filter((e) => e.details.reason === 'locked')).toHaveLength(20);
    expect(app.services.audit.list({ limit: 100, action: 'auth.account-locked' })).toHaveLength(1);
    expect(await app.call('guess', 'auth:session', {}, 0)).toEqual({ ok: true, value: null });
    // The lock runs its course, then the right password works again.
    app.clock.advanceMinutes(16);
    expect(await app.call('guess', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0)).toMatchObject({
      ok: true,
    });
  });

  it('a right password checked while wrong ones lock the account does not lift the lock', async () => {
    app = await testApp();
    const admin = await initialised(app);
    await createUser(app, admin, 'clerk1', 'clerk');
    // Right one first among the wrong: it is decided before the lock, so it signs in; the later
    // wrong ones then lock the account, and a right one after them is refused.
    const burst = await Promise.all(
      ['Passw0rd!', ...WRONG.slice(0, 5), 'Passw0rd!'].map((password) =>
        app.call('c', 'auth:login', { username: 'clerk1', password }, 0),
      ),
    );
    expect(burst.map((r) => r.ok)).toEqual([true, false, false, false, false, false, false]);
    expect(burst.at(-1)).toMatchObject({ ok: false, error: { code: 'account-locked' } });
  });

  it('idle-lock unlock: 25 concurrent unlock attempts with the right one last leave the screen locked', async () => {
    app = await testApp();
    const admin = await initialised(app);
    app.clock.advanceMinutes(11);
    const results = await Promise.all(
      [...WRONG, 'Chongqing2026'].map((password) => app.call(admin, 'auth:unlock', { password }, 0)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(0);
    expect(await app.call(admin, 'settings:get', {}, 0)).toMatchObject({ ok: false });
    expect(app.services.audit.list({ limit: 100, action: 'auth.account-locked' })).toHaveLength(1);
  });
});
