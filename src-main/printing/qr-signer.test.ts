import { afterEach, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../testing/test-app';
import { SettingsRepo } from '../settings/settings-repo';
import { QrSigner } from './qr-signer';

let app: TestApp;
afterEach(() => app?.dispose());

const CASE_ID = '0192f0a0-1234-7abc-8def-0123456789ab';

describe('case QR signature', () => {
  it('signs with a per-installation secret created once and kept in the settings table', async () => {
    app = await testApp();
    const a = new QrSigner(new SettingsRepo(app.services.db));
    const payload = a.payload('50010112-20261130-0001F', CASE_ID);
    expect(payload).toMatch(/^TB1:50010112-20261130-0001F:0192f0a0-1234-7abc-8def-0123456789ab:[A-Za-z0-9_-]{16}$/);
    const b = new QrSigner(new SettingsRepo(app.services.db));
    expect(b.payload('50010112-20261130-0001F', CASE_ID)).toBe(payload);
    expect(b.verify(payload)).toEqual({ ok: true, documentNo: '50010112-20261130-0001F', caseId: CASE_ID });
  });

  it('rejects tampered and foreign payloads', async () => {
    app = await testApp();
    const signer = new QrSigner(new SettingsRepo(app.services.db));
    const payload = signer.payload('50010112-20261130-0001F', CASE_ID);
    expect(signer.verify(payload.replace('0001F', '0002D'))).toEqual({ ok: false, reason: 'bad-signature' });
    expect(signer.verify('hello')).toEqual({ ok: false, reason: 'malformed' });
    const other = await testApp();
    try {
      expect(new QrSigner(new SettingsRepo(other.services.db)).verify(payload)).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
    } finally {
      other.dispose();
    }
  });
});
