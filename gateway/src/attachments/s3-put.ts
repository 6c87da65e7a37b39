// The one S3 request on a push's path, PutObject, signed (AWS Signature Version 4) and sent without the
// AWS SDK. The SDK runs some thirty middlewares per request (endpoint rules, retry tokens, checksum and
// user-agent plumbing, a fresh HMAC of the credentials for its signing-key cache): about 3 ms of CPU per
// object on the bench machine, more than the gateway's own work on a case with two files. This is the
// same request — path-style or virtual-hosted URL, `x-amz-checksum-sha256` so the store refuses bytes
// that do not match, the payload's SHA-256 (the object's key, already verified) as
// `x-amz-content-sha256` — on a keep-alive agent, retried like the SDK's standard mode (3 attempts on a
// network error, 5xx, 429 or a throttling answer). Everything else the store does goes through the SDK.
import { createHash, createHmac } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { BlobStoreConfig } from '../config/config';

/** What a put needs to know of the store: the store's configuration (config.ts) without its key prefix. */
export type S3PutTarget = Omit<Extract<BlobStoreConfig, { kind: 's3' }>, 'kind' | 'prefix'>;

const ATTEMPTS = 3;
const CONNECTION_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 60_000;
const RETRYABLE_CODES = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'RequestTimeout', 'InternalError']);

/** An S3 answer other than success. */
export class S3PutError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`S3 PutObject answered ${status}${code ? ` ${code}` : ''}`);
    this.name = 'S3PutError';
  }
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');
/** RFC 3986 encoding of one path segment, as SigV4 canonicalises it. */
const encodeSegment = (s: string): string =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** Sends PutObject requests to one bucket. */
export class S3Putter {
  private readonly url: URL;
  private readonly agent: HttpAgent;
  private readonly scope: { day: string; key: Buffer } = { day: '', key: Buffer.alloc(0) };

  constructor(private readonly target: S3PutTarget) {
    this.url = new URL(target.endpoint);
    const options = { keepAlive: true, maxSockets: 64, maxFreeSockets: 64, scheduling: 'lifo' as const };
    this.agent = this.url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
  }

  /** Host header and path of `key`. */
  private location(key: string): { host: string; path: string } {
    const base = this.url.pathname.replace(/\/+$/, '');
    const objectPath = key.split('/').map(encodeSegment).join('/');
    if (this.target.forcePathStyle)
      return { host: this.url.host, path: `${base}/${encodeSegment(this.target.bucket)}/${objectPath}` };
    return { host: `${this.target.bucket}.${this.url.host}`, path: `${base}/${objectPath}` };
  }

  /** The day's signing key (derived once a day, not per request). */
  private signingKey(day: string): Buffer {
    if (this.scope.day !== day) {
      const k = hmac(
        hmac(hmac(hmac(`AWS4${this.target.secretAccessKey}`, day), this.target.region), 's3'),
        'aws4_request',
      );
      this.scope.day = day;
      this.scope.key = k;
    }
    return this.scope.key;
  }

  /** The signed headers of a PutObject of `bytes` (SHA-256 `sha256Hex`) at `path` on `host`, at `now`. */
  signedHeaders(host: string, path: string, bytes: Buffer, sha256: string, now = new Date()): Record<string, string> {
    const amzDate = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}/, '');
    const day = amzDate.slice(0, 8);
    const headers: Record<string, string> = {
      'content-length': String(bytes.length),
      'content-type': 'application/octet-stream',
      host,
      'x-amz-checksum-sha256': Buffer.from(sha256, 'hex').toString('base64'),
      'x-amz-content-sha256': sha256,
      'x-amz-date': amzDate,
    };
    const names = Object.keys(headers); // already lower-case and sorted
    const canonical = ['PUT', path, '', ...names.map((n) => `${n}:${headers[n]}`), '', names.join(';'), sha256].join(
      '\n',
    );
    const scope = `${day}/${this.target.region}/s3/aws4_request`;
    const stringToSign = `AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`;
    const signature = hmac(this.signingKey(day), stringToSign).toString('hex');
    headers.authorization = `AWS4-HMAC-SHA256 Credential=${this.target.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
    return headers;
  }

  /** Stores `bytes` (whose SHA-256 is `sha256`, hex) under `key`; retried up to 3 attempts. */
  async put(key: string, bytes: Buffer, sha256: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(key, bytes, sha256);
      } catch (err) {
        const retryable =
          !(err instanceof S3PutError) || err.status >= 500 || err.status === 429 || RETRYABLE_CODES.has(err.code);
        if (!retryable || attempt >= ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, Math.random() * 100 * 2 ** attempt));
      }
    }
  }

  private once(key: string, bytes: Buffer, sha256: string): Promise<void> {
    const { host, path } = this.location(key);
    const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        {
          protocol: this.url.protocol,
          hostname: this.target.forcePathStyle ? this.url.hostname : `${this.target.bucket}.${this.url.hostname}`,
          port: this.url.port || undefined,
          method: 'PUT',
          path,
          agent: this.agent,
          headers: this.signedHeaders(host, path, bytes, sha256),
          timeout: REQUEST_TIMEOUT_MS,
        },
        (res: IncomingMessage) => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            res.resume();
            res.once('end', resolve);
            res.once('error', reject);
            return;
          }
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.once('error', reject);
          res.once('end', () => {
            const code = /<Code>([^<]*)<\/Code>/.exec(Buffer.concat(chunks).toString('utf8'))?.[1] ?? '';
            reject(new S3PutError(status, code));
          });
        },
      );
      req.once('error', reject);
      req.once('timeout', () => req.destroy(new Error('S3 PutObject timed out')));
      // A store that accepts no connection fails fast (as the SDK's connectionTimeout); a kept-alive socket is already connected.
      req.once('socket', (socket) => {
        if (!socket.connecting) return;
        const timer = setTimeout(() => req.destroy(new Error('S3 connection timed out')), CONNECTION_TIMEOUT_MS);
        socket.once('connect', () => clearTimeout(timer));
        socket.once('close', () => clearTimeout(timer));
      });
      req.end(bytes);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
