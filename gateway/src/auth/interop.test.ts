// RFC 9421 interoperability with an independent implementation (npm http-message-signatures): a case pushed
// with its signature (another label, components and parameters in another order, `expires` added) is
// accepted by the gateway; the window's own signatures verify under that library.
import { createHash, sign, verify } from 'node:crypto';
import { httpbis, type Request as SignedRequest } from 'http-message-signatures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testManifest } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import type { DeviceClient } from '../testing/device-client';

let gw: TestGateway;
let device: DeviceClient;

beforeAll(async () => {
  gw = await startTestGateway();
  device = await gw.device('510000');
});
afterAll(() => gw?.close());

/** A PUT of a case signed by http-message-signatures with `fields` and `params` in the given order. */
async function signedByLibrary(
  manifest: { caseId: string },
  fields: string[],
  params: string[],
  tamper?: (headers: Record<string, string>) => void,
) {
  const body = Buffer.from(JSON.stringify(manifest));
  const url = `${gw.url}/v1/cases/${manifest.caseId}`;
  const request: SignedRequest = {
    method: 'PUT',
    url,
    headers: {
      'content-type': 'application/json',
      'content-digest': `sha-256=:${createHash('sha256').update(body).digest('base64')}:`,
      'idempotency-key': manifest.caseId,
    },
  };
  const signed = await httpbis.signMessage(
    {
      key: { id: device.deviceId, alg: 'ed25519', sign: async (data) => sign(null, data, device.privateKey) },
      name: 'tongban-window',
      fields,
      params,
      paramValues: { nonce: `n${Date.now()}${Math.random().toString(36).slice(2)}xxxxxxxxxxxxxxxx` },
    },
    request,
  );
  const headers = signed.headers as Record<string, string>;
  tamper?.(headers);
  const res = await fetch(url, { method: 'PUT', headers, body });
  return { status: res.status, json: (await res.json()) as { error?: { code?: string } }, headers };
}

describe('RFC 9421 interoperability (http-message-signatures)', () => {
  it('the gateway accepts a case signed by the library: another label, another order, extra parameters', async () => {
    const manifest = testManifest('510000');
    const res = await signedByLibrary(
      manifest,
      ['idempotency-key', 'content-digest', '@query', '@path', '@method', 'content-type'],
      ['nonce', 'expires', 'keyid', 'alg', 'created'],
    );
    expect(res.headers['Signature-Input'] ?? res.headers['signature-input']).toMatch(
      /^tongban-window=\("idempotency-key" "content-digest" "@query" "@path" "@method" "content-type"\);nonce=/,
    );
    expect(res.status).toBe(201);
    expect(await gw.count('cases')).toBe(1);
  });

  it('refuses a library signature when a signed header was changed, or a required component is not covered', async () => {
    const manifest = testManifest('510000');
    const tampered = await signedByLibrary(
      manifest,
      ['@method', '@path', '@query', 'content-digest', 'idempotency-key'],
      ['created', 'keyid', 'nonce'],
      (h) => {
        h['content-type'] = 'application/json; charset=utf-8';
        const key = Object.keys(h).find((k) => k.toLowerCase() === 'signature-input') as string;
        h[key] = (h[key] as string).replace('"idempotency-key")', '"idempotency-key" "content-type")');
      },
    );
    expect(tampered.status).toBe(401);
    expect(tampered.json.error?.code).toBe('signature-invalid');
    const uncovered = await signedByLibrary(
      manifest,
      ['@method', '@path', '@query', 'content-digest'],
      ['created', 'keyid', 'nonce'],
    );
    expect(uncovered.status).toBe(401);
    expect(await gw.count('cases')).toBe(1);
  });

  it("the window's signature verifies under the library", async () => {
    const manifest = testManifest('510000');
    const prepared = device.prepare('PUT', `/v1/cases/${manifest.caseId}?x=1`, {
      body: manifest,
      idempotencyKey: manifest.caseId,
    });
    const checked: string[] = [];
    const ok = await httpbis.verifyMessage(
      {
        keyLookup: async (params) => {
          checked.push(String(params.keyid));
          return {
            id: device.deviceId,
            algs: ['ed25519'],
            verify: async (data, signature) => verify(null, data, device.publicKey, signature),
          };
        },
        requiredFields: ['@method', '@path', '@query', 'content-digest', 'idempotency-key'],
        requiredParams: ['created', 'keyid', 'nonce'],
      },
      { method: 'PUT', url: prepared.url, headers: prepared.init.headers },
    );
    expect(ok).toBe(true);
    expect(checked).toEqual([device.deviceId]);
    const forged = await httpbis
      .verifyMessage(
        {
          keyLookup: async () => ({
            verify: async (data, signature) => verify(null, data, device.publicKey, signature),
          }),
        },
        { method: 'PUT', url: `${prepared.url}&y=2`, headers: prepared.init.headers },
      )
      .catch(() => false);
    expect(forged).toBe(false);
  });
});
