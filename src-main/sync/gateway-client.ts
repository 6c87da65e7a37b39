import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { formatSignatureInput, signatureBase } from '@tongban/protocol/sync/signature';
import { signWithDeviceKey } from './device-keys';
import type { SyncDevice } from './sync-repo';
import { gatewayErrorBodySchema } from '@tongban/protocol/sync/errors';

/** A gateway reply: status (null when the request never got an answer), body and headers. */
export interface GatewayReply {
  status: number | null;
  body: unknown;
  retryAfter: string | null;
  errorCode: string | undefined;
  headers?: Record<string, string>;
  transportError?: string;
  /** The reply's bytes as received (a PDF is not JSON). */
  raw?: Buffer;
}

/** How requests are made; tests shorten the timeout to provoke time-outs. */
export interface ClientOptions {
  timeoutMs: number;
  now: () => Date;
}

/** RFC 9530 Content-Digest of a body (given whole or as its consecutive parts). */
export function contentDigest(body: Buffer | readonly Buffer[]): string {
  const hash = createHash('sha256');
  for (const part of Array.isArray(body) ? body : [body]) hash.update(part);
  return `sha-256=:${hash.digest('base64')}:`;
}

/** A request body: one buffer, or consecutive parts sent in order without being put together (a case bundle's files). */
export type RequestBody = Buffer | readonly Buffer[];

const bodyLength = (body: RequestBody): number =>
  Array.isArray(body) ? body.reduce((sum: number, part: Buffer) => sum + part.length, 0) : (body as Buffer).length;

/** Sends one signed request to the gateway; never throws for transport failures. */
export async function signedRequest(
  device: SyncDevice,
  opts: ClientOptions,
  req: {
    method: string;
    path: string;
    query?: string;
    body?: RequestBody;
    contentType?: string;
    idempotencyKey?: string;
    headers?: Record<string, string>;
  },
): Promise<GatewayReply> {
  const body = req.body ?? Buffer.alloc(0);
  const length = bodyLength(body);
  // Signed only once its bytes may go: a wait for the budget never ages the signature.
  await inFlight.acquire(length);
  try {
    return await signAndSend(device, opts, req, body, length);
  } finally {
    inFlight.release(length);
  }
}

/**
 * Bytes of request bodies on their way at once, per process: the loop's 8 workers keep a long link busy with
 * small cases, while a slow link never carries more than it did with 4 workers and 1 MiB requests (each request
 * must get through within the timeout). A body larger than the budget goes alone.
 */
export const MAX_BYTES_IN_FLIGHT = 4 * 1024 * 1024;

/** A FIFO byte budget (no request overtakes an earlier, larger one). */
class ByteBudget {
  private used = 0;
  private readonly waiting: { bytes: number; go: () => void }[] = [];

  constructor(private readonly limit: number) {}

  acquire(bytes: number): Promise<void> {
    if (this.waiting.length === 0 && this.fits(bytes)) {
      this.used += bytes;
      return Promise.resolve();
    }
    return new Promise((go) => this.waiting.push({ bytes, go }));
  }

  release(bytes: number): void {
    this.used -= bytes;
    while (this.waiting.length > 0 && this.fits(this.waiting[0]!.bytes)) {
      const next = this.waiting.shift()!;
      this.used += next.bytes;
      next.go();
    }
  }

  private fits(bytes: number): boolean {
    return this.used === 0 || this.used + bytes <= this.limit;
  }
}

const inFlight = new ByteBudget(MAX_BYTES_IN_FLIGHT);

async function signAndSend(
  device: SyncDevice,
  opts: ClientOptions,
  req: Parameters<typeof signedRequest>[2],
  body: RequestBody,
  length: number,
): Promise<GatewayReply> {
  const digest = contentDigest(body);
  const params = {
    created: Math.floor((opts.now().getTime() + device.clockOffsetMs) / 1000),
    keyid: device.deviceId,
    nonce: randomBytes(16).toString('base64url'),
    alg: 'ed25519' as const,
  };
  const query = req.query ?? '';
  const idempotencyKey = req.idempotencyKey ?? '-';
  const base = signatureBase(
    { method: req.method, path: req.path, query: query ? `?${query}` : '?', contentDigest: digest, idempotencyKey },
    params,
  );
  const headers: Record<string, string> = {
    'Content-Digest': digest,
    'Idempotency-Key': idempotencyKey,
    'Signature-Input': formatSignatureInput(params),
    Signature: `sig1=:${signWithDeviceKey(device.privateKey, base)}:`,
    ...req.headers,
  };
  if (req.body) headers['Content-Type'] = req.contentType ?? 'application/json';
  return send(
    `${device.gatewayUrl.replace(/\/$/, '')}${req.path}${query ? `?${query}` : ''}`,
    { method: req.method, headers, body: req.body, length },
    opts.timeoutMs,
  );
}

/** Sends an unsigned request (enrolment only). */
export function unsignedRequest(url: string, method: string, json: unknown, timeoutMs: number): Promise<GatewayReply> {
  return send(
    url,
    { method, headers: { 'Content-Type': 'application/json' }, body: Buffer.from(JSON.stringify(json)) },
    timeoutMs,
  );
}

// One keep-alive agent per scheme for the whole loop. node:http writes the body Buffer as it is;
// fetch copied every upload (200 KB per scan) and the copies cost the drain more in garbage
// collection than the requests themselves.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
};

/** Largest reply body read (the gateway's answers are small JSON; a feed page is the biggest). */
const MAX_REPLY_BYTES = 8 * 1024 * 1024;

function send(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: RequestBody; length?: number },
  timeoutMs: number,
): Promise<GatewayReply> {
  return new Promise((resolve) => {
    let settled = false;
    const fail = (err: unknown, timedOut = false) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve({
        status: null,
        body: null,
        retryAfter: null,
        errorCode: undefined,
        transportError: timedOut ? 'timeout' : err instanceof Error ? err.message : String(err),
      });
    };
    const target = new URL(url);
    const lib = target.protocol === 'https:' ? https : http;
    const headers = {
      ...init.headers,
      ...(init.body ? { 'Content-Length': String(init.length ?? bodyLength(init.body)) } : {}),
    };
    const req = lib.request(
      target,
      { method: init.method, headers, agent: agents[target.protocol as 'http:' | 'https:'] },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_REPLY_BYTES) fail(new Error('reply too large'));
          else chunks.push(chunk);
        });
        res.on('error', (err) => fail(err));
        res.on('aborted', () => fail(new Error('reply cut off')));
        res.on('end', () => {
          if (settled) return;
          if (!res.complete) return fail(new Error('reply cut off'));
          settled = true;
          clearTimeout(timer);
          const raw = Buffer.concat(chunks);
          const text = raw.toString('utf8');
          let body: unknown;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            body = null;
          }
          const parsedError = gatewayErrorBodySchema.safeParse(body);
          const errorCode = parsedError.success ? parsedError.data.error.code : undefined;
          const replyHeaders: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) replyHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({
            status: res.statusCode ?? null,
            body,
            retryAfter: replyHeaders['retry-after'] ?? null,
            errorCode,
            headers: replyHeaders,
            raw,
          });
        });
      },
    );
    const timer = setTimeout(() => fail(new Error('timeout'), true), timeoutMs);
    req.on('error', (err) => fail(err));
    if (Array.isArray(init.body)) {
      // Buffered until the agent hands out a socket, then written with the headers in one writev.
      for (const part of init.body as readonly Buffer[]) req.write(part);
      req.end();
    } else req.end(init.body as Buffer | undefined);
  });
}
