// Enrolment and the rejections every signed request goes through; none of them may store anything.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CASE_MANIFEST_BYTES } from '@tongban/protocol/sync/manifest-face-match';
import { pruneNonces } from './auth/verify';
import { issueEnrolmentCode, revokeDevice } from './devices/repo';
import { DeviceClient } from './testing/device-client';
import { FaultProxy } from './testing/fault-proxy';
import { testFile, testManifest } from './testing/fixtures';
import { startTestGateway, type TestGateway } from './testing/harness';

const SC = '510000';
let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => t?.close());

const TABLES = [
  'cases',
  'attachment_slots',
  'attachment_chunks',
  'status_events',
  'backoffice_outbox',
  'supplements',
  'request_nonces',
] as const;
type Snapshot = Record<(typeof TABLES)[number], number>;
async function snapshot(): Promise<Snapshot> {
  return Object.fromEntries(
    await Promise.all(TABLES.map(async (name) => [name, await t.count(name)] as const)),
  ) as Snapshot;
}

describe('enrolment', () => {
  it('enrols with a good code, and a re-enrolled window gets the next epoch', async () => {
    const first = await issueEnrolmentCode(t.pool, 'CQ-EN-1', SC, 1);
    const a = new DeviceClient(t.url);
    const res = await a.enroll(first.code.toLowerCase(), 'CQ-EN-1');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ epoch: 1, district: SC });
    expect(Math.abs(Date.parse(res.body.serverTime as string) - Date.now())).toBeLessThan(5000);
    const second = await issueEnrolmentCode(t.pool, 'CQ-EN-1', SC, 1);
    const b = new DeviceClient(t.url);
    expect((await b.enroll(second.code, 'CQ-EN-1')).body).toMatchObject({ epoch: 2 });
    expect(b.deviceId).not.toBe(a.deviceId);
    expect((await a.feed(null)).status).toBe(200); // the earlier device is not revoked automatically
  });

  it('enrols two devices of one window at the same moment with different epochs (the enrolment lock)', async () => {
    const codes = await Promise.all([1, 2, 3, 4].map(() => issueEnrolmentCode(t.pool, 'CQ-EN-9', SC, 1)));
    const answers = await Promise.all(codes.map(({ code }) => new DeviceClient(t.url).enroll(code, 'CQ-EN-9')));
    expect(answers.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((r) => r.body.epoch as number).sort()).toEqual([1, 2, 3, 4]);
  });

  it('refuses a used, expired, unknown or other-window code with 401', async () => {
    const { code } = await issueEnrolmentCode(t.pool, 'CQ-EN-2', SC, 1);
    expect((await new DeviceClient(t.url).enroll(code, 'CQ-EN-3')).status).toBe(401); // another window
    expect((await new DeviceClient(t.url).enroll(code, 'CQ-EN-2')).status).toBe(201);
    const reused = await new DeviceClient(t.url).enroll(code, 'CQ-EN-2');
    expect(reused.status).toBe(401);
    expect(reused.body).toEqual({ error: { code: 'enrolment-code-invalid', message: expect.any(String) } });
    const expired = await issueEnrolmentCode(t.pool, 'CQ-EN-4', SC, 1);
    await t.pool.query(
      "UPDATE enrolment_codes SET expires_at = now() - interval '1 second' WHERE window_code = 'CQ-EN-4'",
    );
    expect((await new DeviceClient(t.url).enroll(expired.code, 'CQ-EN-4')).status).toBe(401);
    expect((await new DeviceClient(t.url).enroll('AAAA-BBBB-CCCC-DDDD', 'CQ-EN-4')).status).toBe(401);
    expect(await t.count("devices WHERE window_code = 'CQ-EN-4'")).toBe(0);
  });
});

describe('signed requests', () => {
  let device: DeviceClient;
  beforeAll(async () => {
    device = await t.device(SC);
  });

  it('rejects bad requests before storing anything', async () => {
    const m = testManifest(SC, [testFile(100)]);
    const target = `/v1/cases/${m.caseId}`;
    const before = await snapshot();
    const expectRefused = async (
      res: { status: number; body: Record<string, unknown> },
      status: number,
      code: string,
    ) => {
      expect({ status: res.status, code: (res.body.error as { code: string }).code }).toEqual({ status, code });
    };
    // unsigned
    const plain = await fetch(`${t.url}${target}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(m),
    });
    expect(plain.status).toBe(401);
    expect(await plain.json()).toMatchObject({ error: { code: 'signature-missing' } });
    // signed by another key under this device's id
    const impostor = new DeviceClient(t.url);
    impostor.deviceId = device.deviceId;
    await expectRefused(await impostor.putCase(m), 401, 'signature-invalid');
    // body changed after signing: the signature holds, the digest does not
    const tampered = device.prepare('PUT', target, { body: m, idempotencyKey: m.caseId });
    tampered.init.body = Buffer.from(JSON.stringify({ ...m, receiptNo: 'X' }));
    await expectRefused(await device.send(tampered), 400, 'digest-mismatch');
    // the digest header changed too: now the signature fails
    const reDigested = device.prepare('PUT', target, { body: m, idempotencyKey: m.caseId });
    reDigested.init.headers['content-digest'] = `sha-256=:${randomBytes(32).toString('base64')}:`;
    await expectRefused(await device.send(reDigested), 401, 'signature-invalid');
    // path changed after signing
    const moved = device.prepare('PUT', target, { body: m, idempotencyKey: m.caseId });
    moved.url = `${t.url}/v1/cases/${randomUUID()}`;
    await expectRefused(await device.send(moved), 401, 'signature-invalid');
    // stale and future `created`
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(await device.putCase(m, { created: now - 301 }), 401, 'clock-skew');
    await expectRefused(await device.putCase(m, { created: now + 301 }), 401, 'clock-skew');
    // unknown device
    const stranger = new DeviceClient(t.url);
    stranger.deviceId = randomUUID();
    await expectRefused(await stranger.putCase(m), 403, 'device-revoked');
    // oversized (the limit is checked from Content-Length before reading the body)
    const huge = Buffer.alloc(MAX_CASE_MANIFEST_BYTES + 1, 0x20); // 4 MiB for a case push (decision 0154)
    await expectRefused(
      await device.request('PUT', target, { body: huge, contentType: 'application/json', idempotencyKey: m.caseId }),
      413,
      'payload-too-large',
    );
    // malformed JSON, correctly signed
    await expectRefused(
      await device.request('PUT', target, {
        body: Buffer.from('{"caseId":'),
        contentType: 'application/json',
        idempotencyKey: m.caseId,
      }),
      400,
      'malformed-json',
    );
    // invalid manifest, with field errors
    const invalid = await device.putCase({ ...m, district: '51', applicant: { ...m.applicant, idType: 'passport' } });
    await expectRefused(invalid, 400, 'invalid-manifest');
    expect((invalid.body.error as { fields: { path: string }[] }).fields.map((f) => f.path)).toEqual(
      expect.arrayContaining(['district', 'applicant.idType']),
    );
    // wrong Idempotency-Key
    await expectRefused(await device.putCase(m, { idempotencyKey: randomUUID() }), 400, 'idempotency-key-mismatch');
    const after = await snapshot();
    // Requests that passed the signature checks record their nonce (replay protection) and nothing else.
    expect({ ...after, request_nonces: 0 }).toEqual({ ...before, request_nonces: 0 });
    expect(after.request_nonces - before.request_nonces).toBe(4); // tampered, malformed, invalid, idempotency-key
    expect((await device.putCase(m)).status).toBe(201);
  });

  it('rejects a replayed nonce', async () => {
    const m = testManifest(SC);
    const req = device.prepare('PUT', `/v1/cases/${m.caseId}`, { body: m, idempotencyKey: m.caseId });
    expect((await device.send(req)).status).toBe(201);
    const before = await snapshot();
    const replay = await device.send(req);
    expect(replay.status).toBe(401);
    expect(replay.body).toMatchObject({ error: { code: 'nonce-replayed' } });
    expect(await snapshot()).toEqual(before);
  });

  it('prunes nonces once their created time can no longer pass the clock check', async () => {
    const fresh = device.prepare('GET', '/v1/status-events', { nonce: 'fresh-nonce-0123456789ab' });
    expect((await device.send(fresh)).status).toBe(200);
    await t.pool.query(
      "INSERT INTO request_nonces (device_id, nonce, created_at) VALUES ($1, 'old-nonce-0123456789abcd', now() - interval '7 minutes')",
      [device.deviceId],
    );
    expect(await pruneNonces(t.pool)).toBeGreaterThanOrEqual(1);
    expect(await t.count("request_nonces WHERE nonce = 'old-nonce-0123456789abcd'")).toBe(0);
    expect(await t.count("request_nonces WHERE nonce = 'fresh-nonce-0123456789ab'")).toBe(1);
  });

  it('refuses a revoked device with 403 device-revoked', async () => {
    const doomed = await t.device(SC);
    expect((await doomed.feed(null)).status).toBe(200);
    expect(await revokeDevice(t.pool, doomed.deviceId)).toBe(true);
    const before = await snapshot();
    const res = await doomed.putCase(testManifest(SC));
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ error: { code: 'device-revoked' } });
    expect(await snapshot()).toEqual(before);
  });

  it('keeps districts apart: no pushing into, or reading from, another district', async () => {
    const gd = await t.device('440000');
    const file = testFile(50);
    const scCase = testManifest(SC, [file]);
    expect((await device.putCase(scCase)).status).toBe(201);
    const before = await snapshot();
    const refused = await gd.putCase(scCase);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'district-forbidden' } });
    expect((await gd.putAttachment(scCase.caseId, file.slot.attachmentId, file.bytes)).status).toBe(403);
    expect(await snapshot()).toEqual({ ...before, request_nonces: before.request_nonces + 2 });
    const feed = await gd.feed(null, 500);
    expect(feed.status).toBe(200);
    expect((feed.body.events as { caseId: string }[]).some((e) => e.caseId === scCase.caseId)).toBe(false);
    const own = await device.feed(null, 500);
    expect((own.body.events as { caseId: string }[]).some((e) => e.caseId === scCase.caseId)).toBe(true);
  });

  it('verifies signatures made for another host and port (through a proxy)', async () => {
    const proxy = new FaultProxy({ target: { host: '127.0.0.1', port: t.gateway.port }, seed: 1 });
    const port = await proxy.listen();
    try {
      const viaProxy = await t.device(SC);
      viaProxy.baseUrl = `http://127.0.0.1:${port}`;
      expect((await viaProxy.putCase(testManifest(SC))).status).toBe(201);
      expect(proxy.stats().pass).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('reconciles: unknown ids and ids held with another manifest hash', async () => {
    const m = testManifest(SC);
    const put = await device.putCase(m);
    expect(put.status).toBe(201);
    const { rows } = await t.pool.query<{ manifest_hash: string }>(
      'SELECT manifest_hash FROM cases WHERE case_id = $1',
      [m.caseId],
    );
    const held = rows[0]?.manifest_hash as string;
    const missing = randomUUID();
    const res = await device.request('POST', '/v1/reconcile', {
      body: {
        cases: [
          { caseId: m.caseId, manifestHash: held },
          { caseId: missing, manifestHash: held },
          { caseId: m.caseId, manifestHash: 'f'.repeat(64) },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ unknown: [missing], mismatched: [m.caseId] });
  });
});
