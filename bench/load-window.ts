// A simulated window for the capacity bench: its own Ed25519 device key, enrolled with a one-time code,
// pushing cases the way the window's sync client does (node:http keep-alive, every request signed afresh,
// one case bundle per case — decision 0235 — or, in the per-request mode, a case PUT then one PUT per file
// of ≤ 1 MiB) and reading its status feed. No SQLite, no UI: the CPU it
// uses is close to the protocol's share of a real window's.
import { createHash, generateKeyPairSync, randomBytes, randomUUID, sign, type KeyObject } from 'node:crypto';
import { Agent, request } from 'node:http';
import type pg from 'pg';
import { issueEnrolmentCode } from '../gateway/src/devices/repo';
import { rawPublicKey } from '../gateway/src/testing/device-client';
import { testManifest } from '../gateway/src/testing/fixtures';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import { formatSignatureInput, signatureBase } from '@tongban/protocol/sync/signature';
import { CASE_BUNDLE_MEDIA_TYPE, encodeCaseBundle } from '@tongban/protocol/sync/case-bundle';

/** How a simulated window pushes a case: one bundle request, or the case PUT and one PUT per file. */
export type PushMode = 'bundle' | 'per-request';

/** One file of a case: its size, and the byte that makes its content unique. */
export interface FileSpec {
  size: number;
}

/** A reply: status and body text. */
interface Reply {
  status: number;
  text: string;
}

/** Random bytes shared by every file (each file gets a unique head, so every file has its own SHA-256). */
const POOL = randomBytes(1024 * 1024);

/** The bytes of a file of `size` with a unique head. */
export function fileBytes(size: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  randomBytes(32).copy(bytes, 0);
  POOL.copy(bytes, 32, 0, size - 32);
  return bytes;
}

/**
 * A file as a window holds it when it pushes: its bytes (a unique 32-byte head, then the shared pool) and the
 * SHA-256 the window computed at 收件 and stored with the slot. Made before the measured peak: scanning a
 * file and hashing it at 收件 are not part of pushing it.
 */
export interface PreparedFile {
  /** The file's bytes in pieces (head, then a view of the pool): no copy until the body is put together. */
  parts: [Buffer, Buffer];
  size: number;
  sha256: string;
}

/** Prepares a case's files (see PreparedFile). */
export function prepareFiles(files: FileSpec[]): PreparedFile[] {
  return files.map(({ size }) => {
    const parts: [Buffer, Buffer] = [randomBytes(32), POOL.subarray(0, size - 32)];
    const sha256 = createHash('sha256').update(parts[0]).update(parts[1]).digest('hex');
    return { parts, size, sha256 };
  });
}

/** A simulated window. */
export class LoadWindow {
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  // As the window's sync client (src-main/sync/gateway-client.ts): kept alive with no idle timeout of its own, so
  // a window that polls its feed (every 5–30 s) pushes on a warm connection; the gateway closes it after 72 s idle.
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 8 });
  private deviceId = '';
  private cursor: string | null = null;
  /** Requests sent (for the cryptography floor: one signature each). */
  requests = 0;
  /** The matter, locality, department and catalogue version its cases are filed under (routed by the published catalogue). */
  routed: Partial<CaseManifest> = {};

  constructor(
    private readonly port: number,
    readonly windowCode: string,
    /** The window's 区县 (its status feed is the district's). */
    readonly district: string,
  ) {
    const pair = generateKeyPairSync('ed25519');
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  /** Enrols with a fresh code issued straight into the gateway's database. */
  async enroll(pool: pg.Pool): Promise<void> {
    const { code } = await issueEnrolmentCode(pool, this.windowCode, this.district, 1);
    const body = Buffer.from(
      JSON.stringify({
        code,
        publicKey: rawPublicKey(this.publicKey),
        windowCode: this.windowCode,
        hallDivision: '500101',
        deviceName: `bench ${this.windowCode}`,
      }),
    );
    const reply = await this.send('POST', '/v1/enroll', { 'content-type': 'application/json' }, body);
    if (reply.status !== 201) throw new Error(`enrolment ${reply.status}: ${reply.text}`);
    this.deviceId = (JSON.parse(reply.text) as { deviceId: string }).deviceId;
  }

  /**
   * Pushes one case with its prepared files (one bundle, or PUT case then each file); resolves when the gateway
   * holds all of it. Per push it does what the window's sync client does: the manifest's JSON, the body put
   * together (one copy of the bytes), its Content-Digest, the Ed25519 signature and the HTTP request.
   */
  async pushCase(files: PreparedFile[], mode: PushMode = 'bundle'): Promise<void> {
    const made = files.map((f, i) => ({
      parts: f.parts,
      slot: {
        attachmentId: randomUUID(),
        materialCode: i % 2 ? 'HK' : 'ID',
        sha256: f.sha256,
        size: f.size,
        mediaType: 'application/pdf' as const,
      },
    }));
    const manifest = testManifest(this.district, [], {
      windowCode: this.windowCode,
      attachments: made.map((f) => f.slot),
      ...this.routed,
    });
    if (mode === 'bundle') {
      const encoded = encodeCaseBundle(
        Buffer.from(JSON.stringify(manifest)),
        made.flatMap((f) => f.parts),
      );
      const body = Buffer.from(encoded.buffer, encoded.byteOffset, encoded.length);
      const res = await this.signed(
        'PUT',
        `/v1/cases/${manifest.caseId}/bundle`,
        manifest.caseId,
        body,
        CASE_BUNDLE_MEDIA_TYPE,
      );
      if (res.status !== 201) throw new Error(`bundle PUT ${res.status}: ${res.text}`);
      return;
    }
    const put = await this.signed(
      'PUT',
      `/v1/cases/${manifest.caseId}`,
      manifest.caseId,
      Buffer.from(JSON.stringify(manifest)),
      'application/json',
    );
    if (put.status !== 201) throw new Error(`case PUT ${put.status}: ${put.text}`);
    for (const f of made) {
      const res = await this.signed(
        'PUT',
        `/v1/cases/${manifest.caseId}/attachments/${f.slot.attachmentId}`,
        f.slot.attachmentId,
        Buffer.concat(f.parts), // the window reads the file: one copy
        'application/octet-stream',
        f.slot.sha256,
      );
      if (res.status !== 201) throw new Error(`file PUT ${res.status}: ${res.text}`);
    }
  }

  /** Reads the next page of its status feed. */
  async readFeed(): Promise<void> {
    const query = `limit=100${this.cursor ? `&cursor=${encodeURIComponent(this.cursor)}` : ''}`;
    const res = await this.signed('GET', '/v1/status-events', '-', null, null, undefined, query);
    if (res.status !== 200) throw new Error(`feed ${res.status}: ${res.text}`);
    this.cursor = (JSON.parse(res.text) as { nextCursor: string }).nextCursor;
  }

  /** A signed request that reads almost nothing (today's receipt counter): the per-request cost of the signature check and nonce. */
  async readCounter(): Promise<void> {
    const res = await this.signed(
      'GET',
      `/v1/document-counters/${new Date().toISOString().slice(0, 10)}`,
      '-',
      null,
      null,
    );
    if (res.status !== 200) throw new Error(`counter ${res.status}: ${res.text}`);
  }

  close(): void {
    this.agent.destroy();
  }

  /** Signs and sends; a kept-alive connection the gateway closed meanwhile is retried (up to 3 attempts), signed afresh each time. */
  private async signed(...args: Parameters<LoadWindow['signOnce']>): Promise<Reply> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.signOnce(...args);
      } catch (err) {
        const code = ((err as Error).cause as { code?: string } | undefined)?.code ?? '';
        if (attempt >= 3 || !['ECONNRESET', 'EPIPE'].includes(code)) throw err;
      }
    }
  }

  private signOnce(
    method: string,
    path: string,
    idempotencyKey: string,
    body: Buffer | null,
    contentType: string | null,
    sha256Hex?: string,
    query = '',
  ): Promise<Reply> {
    this.requests += 1;
    const digestB64 = sha256Hex
      ? Buffer.from(sha256Hex, 'hex').toString('base64')
      : createHash('sha256')
          .update(body ?? Buffer.alloc(0))
          .digest('base64');
    const contentDigest = `sha-256=:${digestB64}:`;
    const params = {
      created: Math.floor(Date.now() / 1000),
      keyid: this.deviceId,
      nonce: randomBytes(16).toString('base64url'),
      alg: 'ed25519' as const,
    };
    const base = signatureBase(
      { method, path, query: query ? `?${query}` : '?', contentDigest, idempotencyKey },
      params,
    );
    const headers: Record<string, string> = {
      'content-digest': contentDigest,
      'idempotency-key': idempotencyKey,
      'signature-input': formatSignatureInput(params),
      signature: `sig1=:${sign(null, Buffer.from(base), this.privateKey).toString('base64')}:`,
    };
    if (contentType) headers['content-type'] = contentType;
    return this.send(method, query ? `${path}?${query}` : path, headers, body);
  }

  private async send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body: Buffer | null,
  ): Promise<Reply> {
    try {
      return await this.sendOnce(method, path, headers, body);
    } catch (err) {
      throw new Error(`${method} ${path.split('?')[0]} from ${this.windowCode}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  private sendOnce(method: string, path: string, headers: Record<string, string>, body: Buffer | null): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.port,
          path,
          method,
          agent: this.agent,
          headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  }
}
