// A minimal window device for tests: enrols, then signs every request the way the protocol says
// (Content-Digest of the exact body, RFC 9421 signature over method, path, query, digest, key).
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { EnrollResponse } from '@tongban/protocol/sync/api';
import {
  formatContentDigest,
  formatSignatureHeader,
  formatSignatureInput,
  NO_IDEMPOTENCY_KEY,
  signatureBase,
  splitTarget,
  type SignatureParams,
} from '@tongban/protocol/sync/signature';

/** A response as tests look at it. */
export interface TestResponse {
  status: number;
  headers: Headers;
  json: unknown;
  /** The JSON body as `any`-free record for quick assertions. */
  body: Record<string, unknown>;
}

/** A signed request ready to send (possibly twice, to test replays). */
export interface PreparedRequest {
  url: string;
  init: RequestInit & { headers: Record<string, string> };
}

/** Options of one signed request. */
export interface SignOptions {
  body?: Buffer | object;
  contentType?: string;
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /** Unix seconds of `created`; defaults to now (plus the client's clock offset). */
  created?: number;
  nonce?: string;
  timeoutMs?: number;
}

/** Raw base64 of an Ed25519 public key (the 32 bytes after the SPKI prefix). */
export function rawPublicKey(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).subarray(12).toString('base64');
}

/** A test device with its own Ed25519 key. */
export class DeviceClient {
  readonly publicKey: KeyObject;
  readonly privateKey: KeyObject;
  deviceId = '';
  district = '';

  constructor(
    public baseUrl: string,
    public clockOffsetSeconds = 0,
  ) {
    const pair = generateKeyPairSync('ed25519');
    this.publicKey = pair.publicKey;
    this.privateKey = pair.privateKey;
  }

  /** Enrols with a one-time code; on success the device id is remembered. */
  async enroll(code: string, windowCode: string, hallDivision = '500101'): Promise<TestResponse> {
    const res = await toTestResponse(
      await fetch(`${this.baseUrl}/v1/enroll`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          code,
          publicKey: rawPublicKey(this.publicKey),
          windowCode,
          hallDivision,
          deviceName: `test ${windowCode}`,
        }),
      }),
    );
    if (res.status === 201) {
      const body = res.json as EnrollResponse;
      this.deviceId = body.deviceId;
      this.district = body.district;
    }
    return res;
  }

  /** Builds a signed request. */
  prepare(method: string, target: string, opts: SignOptions = {}): PreparedRequest {
    const body =
      opts.body === undefined
        ? undefined
        : Buffer.isBuffer(opts.body)
          ? opts.body
          : Buffer.from(JSON.stringify(opts.body));
    const contentDigest = formatContentDigest(
      createHash('sha256')
        .update(body ?? Buffer.alloc(0))
        .digest('base64'),
    );
    const idempotencyKey = opts.idempotencyKey ?? NO_IDEMPOTENCY_KEY;
    const params: SignatureParams = {
      created: opts.created ?? Math.floor(Date.now() / 1000) + this.clockOffsetSeconds,
      keyid: this.deviceId,
      nonce: opts.nonce ?? randomBytes(16).toString('base64url'),
      alg: 'ed25519',
    };
    const { path, query } = splitTarget(target);
    const base = signatureBase({ method, path, query, contentDigest, idempotencyKey }, params);
    const headers: Record<string, string> = {
      'content-digest': contentDigest,
      'idempotency-key': idempotencyKey,
      'signature-input': formatSignatureInput(params),
      signature: formatSignatureHeader(sign(null, Buffer.from(base), this.privateKey).toString('base64')),
      ...(body
        ? {
            'content-type':
              opts.contentType ?? (Buffer.isBuffer(opts.body) ? 'application/octet-stream' : 'application/json'),
          }
        : {}),
      ...opts.headers,
    };
    return {
      url: `${this.baseUrl}${target}`,
      init: { method, headers, body, signal: opts.timeoutMs ? AbortSignal.timeout(opts.timeoutMs) : undefined },
    };
  }

  /** Sends a prepared request. */
  async send(req: PreparedRequest): Promise<TestResponse> {
    return toTestResponse(await fetch(req.url, req.init));
  }

  /** Signs and sends. */
  request(method: string, target: string, opts: SignOptions = {}): Promise<TestResponse> {
    return this.send(this.prepare(method, target, opts));
  }

  /** PUT /v1/cases/{id}. */
  putCase<T extends { caseId: string }>(manifest: T, opts: SignOptions = {}): Promise<TestResponse> {
    return this.request('PUT', `/v1/cases/${manifest.caseId}`, {
      body: manifest,
      idempotencyKey: manifest.caseId,
      ...opts,
    });
  }

  /** PUT /v1/cases/{caseId}/supplements/{supplementId}. */
  putSupplement<T extends { caseId: string; supplementId: string }>(
    s: T,
    opts: SignOptions = {},
  ): Promise<TestResponse> {
    return this.request('PUT', `/v1/cases/${s.caseId}/supplements/${s.supplementId}`, {
      body: s,
      idempotencyKey: s.supplementId,
      ...opts,
    });
  }

  /** PUT of a whole attachment. */
  putAttachment(caseId: string, attachmentId: string, bytes: Buffer, opts: SignOptions = {}): Promise<TestResponse> {
    return this.request('PUT', `/v1/cases/${caseId}/attachments/${attachmentId}`, {
      body: bytes,
      idempotencyKey: attachmentId,
      ...opts,
    });
  }

  /** One page of the status feed. */
  feed(cursor: string | null, limit = 100, opts: SignOptions = {}): Promise<TestResponse> {
    const q = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
    return this.request('GET', `/v1/status-events?${q.toString()}`, opts);
  }
}

async function toTestResponse(res: Response): Promise<TestResponse> {
  const text = await res.text();
  let json: unknown = null;
  if (text && (res.headers.get('content-type') ?? '').includes('json')) json = JSON.parse(text);
  return { status: res.status, headers: res.headers, json, body: (json ?? {}) as Record<string, unknown> };
}
