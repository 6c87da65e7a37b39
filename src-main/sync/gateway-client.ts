import { createHash, randomBytes } from 'node:crypto';
import { formatSignatureInput, signatureBase } from '../common/sync/signature';
import { signWithDeviceKey } from './device-keys';
import type { SyncDevice } from './sync-repo';

/** A gateway reply: status (null when the request never got an answer), body and headers. */
export interface GatewayReply {
  status: number | null;
  body: unknown;
  retryAfter: string | null;
  errorCode: string | undefined;
  headers?: Record<string, string>;
  transportError?: string;
}

/** How requests are made; tests shorten the timeout to provoke time-outs. */
export interface ClientOptions {
  timeoutMs: number;
  now: () => Date;
}

/** RFC 9530 Content-Digest of a body. */
export function contentDigest(body: Buffer): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

/** Sends one signed request to the gateway; never throws for transport failures. */
export async function signedRequest(
  device: SyncDevice,
  opts: ClientOptions,
  req: { method: string; path: string; query?: string; body?: Buffer; contentType?: string; idempotencyKey?: string; headers?: Record<string, string> },
): Promise<GatewayReply> {
  const body = req.body ?? Buffer.alloc(0);
  const digest = contentDigest(body);
  const params = {
    created: Math.floor((opts.now().getTime() + device.clockOffsetMs) / 1000),
    keyid: device.deviceId,
    nonce: randomBytes(16).toString('base64url'),
    alg: 'ed25519' as const,
  };
  const query = req.query ?? '';
  const idempotencyKey = req.idempotencyKey ?? '-';
  const base = signatureBase({ method: req.method, path: req.path, query: query ? `?${query}` : '?', contentDigest: digest, idempotencyKey }, params);
  const headers: Record<string, string> = {
    'Content-Digest': digest,
    'Idempotency-Key': idempotencyKey,
    'Signature-Input': formatSignatureInput(params),
    Signature: `sig1=:${signWithDeviceKey(device.privateKey, base)}:`,
    ...req.headers,
  };
  if (req.body) headers['Content-Type'] = req.contentType ?? 'application/json';
  return send(`${device.gatewayUrl.replace(/\/$/, '')}${req.path}${query ? `?${query}` : ''}`, { method: req.method, headers, body: req.body }, opts.timeoutMs);
}

/** Sends an unsigned request (enrolment only). */
export function unsignedRequest(url: string, method: string, json: unknown, timeoutMs: number): Promise<GatewayReply> {
  return send(url, { method, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(json)) }, timeoutMs);
}

async function send(url: string, init: { method: string; headers: Record<string, string>; body?: Buffer }, timeoutMs: number): Promise<GatewayReply> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const res = await fetch(url, { method: init.method, headers: init.headers, body: init.body, signal: controller.signal });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    const errorCode = (body as { error?: { code?: string } } | null)?.error?.code;
    return { status: res.status, body, retryAfter: res.headers.get('retry-after'), errorCode, headers: Object.fromEntries(res.headers.entries()) };
  } catch (err) {
    return { status: null, body: null, retryAfter: null, errorCode: undefined, transportError: controller.signal.aborted ? 'timeout' : err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}
