// Verification of signed /v1 requests, done in onRequest: from the headers alone, before the
// body is read. Order: size, signature headers, clock, device key, signature, revocation, nonce.
// Only a request that passes all of them leaves a trace (its nonce).
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import {
  MAX_CLOCK_SKEW_SECONDS,
  parseContentDigest,
  parseSignatures,
  receivedSignatureBase,
  splitTarget,
} from '@tongban/protocol/sync/signature';
import { checkDigest } from '../http/body';
import { GatewayError } from '../http/errors';

/** The enrolled device that signed a request. */
export interface DeviceContext {
  deviceId: string;
  district: string;
  windowCode: string;
  epoch: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by signature verification on signed routes; null elsewhere. */
    device: DeviceContext | null;
    /** Whether the Content-Digest was checked against the received body. */
    digestChecked: boolean;
    /** SHA-256 (hex) of the received body, set when its Content-Digest was checked. */
    bodySha256: string | null;
  }
}

// DER prefix of an Ed25519 SubjectPublicKeyInfo; the raw 32-byte key follows it.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A node:crypto public key from a raw 32-byte Ed25519 key. */
export function ed25519PublicKey(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

interface DeviceRow {
  district: string;
  window_code: string;
  epoch: number;
  revoked: boolean;
}

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return Array.isArray(v) ? undefined : v;
}

/** The value of a covered component of `request` (RFC 9421 §2.1–2.2), or undefined when it has none. */
function componentValue(request: FastifyRequest, name: string): string | undefined {
  const target = request.raw.url ?? request.url;
  const { path, query } = splitTarget(target);
  switch (name) {
    case '@method':
      return request.method.toUpperCase();
    case '@path':
      return path;
    case '@query':
      return query;
    case '@request-target':
      return target;
    case '@authority':
      return header(request, 'host')?.toLowerCase();
    default: {
      if (name.startsWith('@')) return undefined;
      const v = request.headers[name];
      return Array.isArray(v) ? v.map((x) => x.trim()).join(', ') : v;
    }
  }
}

/** Builds the onRequest hook that authenticates a signed request; `now` is injectable for tests. */
export function signedRequestVerifier(pool: pg.Pool, now: () => number = Date.now) {
  const keys = new Map<string, KeyObject>();
  return async function verifySignedRequest(request: FastifyRequest): Promise<void> {
    const limit = request.routeOptions.bodyLimit ?? 1024 * 1024;
    if (Number(header(request, 'content-length') ?? 0) > limit) {
      throw new GatewayError('payload-too-large', `body over ${limit} bytes`);
    }
    const sigInput = header(request, 'signature-input');
    const sigHeader = header(request, 'signature');
    if (!sigInput || !sigHeader) throw new GatewayError('signature-missing', 'request is not signed');
    const params = parseSignatures(sigInput, sigHeader);
    const contentDigest = header(request, 'content-digest');
    const idempotencyKey = header(request, 'idempotency-key');
    if (!params || !UUID.test(params.keyid))
      throw new GatewayError('signature-invalid', 'malformed Signature-Input or Signature');
    if (!contentDigest || parseContentDigest(contentDigest) === null || !idempotencyKey) {
      throw new GatewayError('signature-invalid', 'Content-Digest and Idempotency-Key are required');
    }
    if (Math.abs(now() / 1000 - params.created) > MAX_CLOCK_SKEW_SECONDS) {
      throw new GatewayError('clock-skew', `created is more than ${MAX_CLOCK_SKEW_SECONDS} s from the gateway clock`);
    }
    if (params.expires !== null && params.expires < now() / 1000) {
      throw new GatewayError('clock-skew', 'the signature has expired');
    }
    // The device's public key never changes (re-enrolment makes a new device), so after a device's
    // first request its key comes from memory and the signature is checked before any query; then one
    // statement reads the device's current state and records the nonce unless the device is revoked.
    let key = keys.get(params.keyid);
    if (!key) {
      const { rows } = await pool.query<{ public_key: Buffer }>({
        name: 'device-key',
        text: 'SELECT public_key FROM devices WHERE device_id = $1',
        values: [params.keyid],
      });
      if (!rows[0]) throw new GatewayError('device-revoked', 'unknown device');
      keys.set(params.keyid, (key = ed25519PublicKey(rows[0].public_key)));
    }
    const base = receivedSignatureBase(params, (name) => componentValue(request, name));
    if (base === null) throw new GatewayError('signature-invalid', 'a signed component is missing from the request');
    if (!verify(null, Buffer.from(base, 'utf8'), key, Buffer.from(params.signature, 'base64'))) {
      throw new GatewayError('signature-invalid', 'signature does not verify');
    }
    // The nonce is committed without waiting for its own WAL flush (synchronous_commit off for this
    // statement's transaction): the request's work commits next and its flush covers the nonce's WAL
    // record too, so a stored case or chunk never outlives its nonce. A crash can lose only the nonces
    // of requests that stored nothing. One fsync per request instead of two.
    // Named: prepared once per connection, so PostgreSQL parses and plans it once (as the other per-request statements).
    const { rows } = await pool.query<DeviceRow & { fresh: number }>({
      name: 'device-nonce',
      text: `WITH d AS (
         SELECT district, window_code, epoch, revoked_at IS NOT NULL AS revoked FROM devices WHERE device_id = $1
       ), async AS (
         SELECT set_config('synchronous_commit', 'off', true)
       ), n AS (
         INSERT INTO request_nonces (device_id, nonce, created_at)
         SELECT $1, $2, to_timestamp($3) FROM d, async WHERE NOT d.revoked
         ON CONFLICT DO NOTHING RETURNING 1
       )
       SELECT d.*, (SELECT count(*) FROM n)::int AS fresh FROM d`,
      values: [params.keyid, params.nonce, params.created],
    });
    const row = rows[0];
    if (!row) throw new GatewayError('device-revoked', 'unknown device');
    if (row.revoked) throw new GatewayError('device-revoked', 'device revoked');
    if (row.fresh !== 1) throw new GatewayError('nonce-replayed', 'nonce already used');
    request.device = { deviceId: params.keyid, district: row.district, windowCode: row.window_code, epoch: row.epoch };
  };
}

/** preValidation hook: a signed request that had no body parsed must carry the digest of the empty body. */
export async function requireDigestOfEmptyBody(request: FastifyRequest): Promise<void> {
  if (!request.device || request.digestChecked) return;
  checkDigest(request, Buffer.alloc(0));
}

/** Deletes nonces whose `created` can no longer pass the clock check (kept one extra minute). */
export async function pruneNonces(pool: pg.Pool): Promise<number> {
  const { rowCount } = await pool.query(
    `DELETE FROM request_nonces WHERE created_at < now() - make_interval(secs => $1)`,
    [MAX_CLOCK_SKEW_SECONDS + 60],
  );
  return rowCount ?? 0;
}
