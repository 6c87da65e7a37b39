import { afterEach, describe, expect, it } from 'vitest';
import { createUser, initialised, testApp, type TestApp } from '../testing/test-app';

let app: TestApp;
afterEach(() => app?.dispose());

const CAMERA = {
  deviceId: '8f2c1d0e9b7a6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d',
  label: '高拍仪 S1000 (1a86:e310)',
};

describe('camera settings', () => {
  it('start with the default camera; an administrator chooses one, it is kept and audited', async () => {
    app = await testApp();
    const admin = await initialised(app);
    expect(await app.call(admin, 'settings:getCamera', {}, 0)).toEqual({
      ok: true,
      value: { deviceId: '', label: '' },
    });
    expect(await app.call(admin, 'settings:updateCamera', CAMERA, 0)).toEqual({ ok: true, value: CAMERA });
    expect(app.services.settings.camera()).toEqual(CAMERA);
    expect(app.services.audit.list({ limit: 1 })[0]).toMatchObject({
      action: 'settings.update',
      details: { before: { camera: { deviceId: '' } }, after: { camera: CAMERA } },
    });
  });

  it('a clerk reads the choice (the wizard opens that camera) but cannot change it', async () => {
    app = await testApp();
    const admin = await initialised(app);
    await app.call(admin, 'settings:updateCamera', CAMERA, 0);
    await createUser(app, admin, 'clerk1', 'clerk');
    await app.call('clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
    expect(await app.call('clerk', 'settings:getCamera', {}, 0)).toEqual({ ok: true, value: CAMERA });
    expect(await app.call('clerk', 'settings:updateCamera', { deviceId: '', label: '' }, 0)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await app.call('nobody', 'settings:getCamera', {}, 0)).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });

  it('refuses malformed choices and stores nothing', async () => {
    app = await testApp();
    const admin = await initialised(app);
    for (const input of [
      { deviceId: 'a b', label: 'x' },
      { deviceId: 'x'.repeat(257), label: 'x' },
      { deviceId: 'abc', label: 'x'.repeat(201) },
      { deviceId: 'abc', label: 'x', extra: true },
      { deviceId: 42, label: 'x' },
    ]) {
      expect(
        await app.call(admin, 'settings:updateCamera', input, 0),
        JSON.stringify(input).slice(0, 40),
      ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    const format = await app.call(admin, 'settings:updateCamera', { deviceId: 'a b', label: '' }, 0);
    expect(!format.ok && format.error.details?.fields).toEqual([{ path: 'deviceId', code: 'camera-device-format' }]);
    expect(app.services.settings.camera()).toEqual({ deviceId: '', label: '' });
  });
});
