import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '@common/contract';
import { initialised, testApp, type TestApp } from '../testing/test-app';

let app: TestApp;
afterEach(() => app?.dispose());

describe('the gate', () => {
  it('refuses unknown commands', async () => {
    app = await testApp();
    expect(await app.call('c', 'system:exec', {}, 0)).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
    expect(await app.call('c', '__proto__', {}, 0)).toMatchObject({ ok: false, error: { code: 'unknown-command' } });
  });

  it('parses input and reports field problems with stable codes, changing nothing', async () => {
    app = await testApp();
    const result = await app.call(
      'c',
      'setup:initialize',
      {
        hall: { name: '大', divisionCode: '5001', windowNo: '12', windowCode: 'ab' },
        admin: { username: '张三', displayName: '', password: 'x' },
      },
      0,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid-input');
    expect(result.error.details?.fields).toEqual(
      expect.arrayContaining([
        { path: 'hall.name', code: 'hall-name-length' },
        { path: 'hall.divisionCode', code: 'division-code-format' },
        { path: 'hall.windowCode', code: 'window-code-format' },
        { path: 'admin.username', code: 'username-format' },
        { path: 'admin.displayName', code: 'required' },
      ]),
    );
    expect(await app.call('c', 'app:info', {}, 0)).toMatchObject({ ok: true, value: { initialized: false } });
  });

  it('refuses unexpected extra fields', async () => {
    app = await testApp();
    const admin = await initialised(app);
    const result = await app.call(admin, 'users:setRole', { userId: 1, role: 'admin', sneaky: true }, 0);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses inputs over the command limit before parsing', async () => {
    app = await testApp();
    const limit = commands['auth:login'].maxInputBytes;
    expect(await app.call('c', 'auth:login', { username: 'a', password: 'b' }, limit + 1)).toMatchObject({
      ok: false,
      error: { code: 'payload-too-large' },
    });
  });

  it('declares a role rule for every command; only start-up, sign-in (and choosing 培训模式 there), restore into a fresh window and the rating screen are public', () => {
    const pub = Object.entries(commands)
      .filter(([, spec]) => spec.access.kind === 'public')
      .map(([name]) => name);
    // The rating screen has no staff session: its one-time ticket is its credential (see ratings-service).
    expect(pub.sort()).toEqual([
      'app:info',
      'auth:login',
      'auth:logout',
      'auth:session',
      'identity:faceNoticeAnswer',
      'identity:faceNoticeView',
      'ratings:decline',
      'ratings:submit',
      'ratings:ticket',
      'setup:initialize',
      'setup:restore',
      'signatures:sign',
      'signatures:ticket',
      'training:switch',
    ]);
  });
});
