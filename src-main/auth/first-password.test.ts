import { afterEach, describe, expect, it } from 'vitest';
import { callErr, callOk } from '../testing/call';
import { initialised, testApp, type TestApp } from '../testing/test-app';

let app: TestApp;
afterEach(() => app?.dispose());

const CLERK = { username: 'clerk7', displayName: '王芳', role: 'clerk' as const, password: 'Given2026pw' };

describe('an administrator-set password is changed at first sign-in', () => {
  it('created and reset passwords must be replaced before anything else is allowed', async () => {
    app = await testApp({ firstPasswordChange: true });
    const admin = await initialised(app);
    // The first administrator chose their own password at first run.
    expect(await callOk(app, admin, 'auth:session', {})).toMatchObject({ mustChangePassword: false });
    const created = await callOk(app, admin, 'users:create', CLERK);
    expect(created.mustChangePassword).toBe(true);

    const session = await callOk(app, 'c', 'auth:login', { username: CLERK.username, password: CLERK.password });
    expect(session.mustChangePassword).toBe(true);
    // Main refuses every other command, whatever the role allows.
    expect(await callErr(app, 'c', 'cases:list', {})).toMatchObject({ code: 'password-change-required' });
    expect(await callErr(app, 'c', 'settings:get', {})).toMatchObject({ code: 'password-change-required' });
    // Lock and the heartbeat still work; the same password again is refused.
    await callOk(app, 'c', 'auth:heartbeat', {});
    expect(
      await callErr(app, 'c', 'auth:changePassword', { currentPassword: CLERK.password, newPassword: CLERK.password }),
    ).toMatchObject({
      code: 'weak-password',
      details: { fields: [{ path: 'newPassword', code: 'password-unchanged' }] },
    });

    const after = await callOk(app, 'c', 'auth:changePassword', {
      currentPassword: CLERK.password,
      newPassword: 'MyOwn2026pw',
    });
    expect(after).toMatchObject({ mustChangePassword: false, user: { username: CLERK.username } });
    await callOk(app, 'c', 'cases:list', {});

    // A reset by the administrator sets the flag again; a fresh sign-in is held until the change.
    await callOk(app, admin, 'users:resetPassword', { userId: created.id, newPassword: 'Reset2026pw' });
    expect(await callErr(app, 'c', 'cases:list', {})).toMatchObject({ code: 'password-change-required' });
    await callOk(app, 'c', 'auth:logout', {});
    const again = await callOk(app, 'c2', 'auth:login', { username: CLERK.username, password: 'Reset2026pw' });
    expect(again.mustChangePassword).toBe(true);
    await callOk(app, 'c2', 'auth:changePassword', { currentPassword: 'Reset2026pw', newPassword: 'Mine2027pw' });
    expect((await callOk(app, admin, 'users:list', {})).find((u) => u.id === created.id)?.mustChangePassword).toBe(
      false,
    );
  });
});
