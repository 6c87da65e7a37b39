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
    /**
     * On a route with `config.deferNonce`: the nonce not yet recorded and the device state not yet read;
     * the route records it in its own transaction (or `settleDeferredNonce` does), then sets this to null.
     */
    pendingNonce: PendingNonce | null;
  }
  interface FastifyContextConfig {
    /** The route records the request's nonce and checks revocation in its own transaction (the case bundle). */
    deferNonce?: boolean;
  }
}

/** A signed request's nonce whose recording (and the device's revocation check) the route does. */
export interface PendingNonce {
  deviceId: string;
  nonce: string;
  /** `created` of the signature, Unix seconds. */
  created: number;
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

/** A device's key and the parts of its row that never change (re-enrolment makes a new device). */
interface KnownDevice {
  key: KeyObject;
  district: string;
  windowCode: string;
  epoch: number;
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
  const devices = new Map<string, KnownDevice>();
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
    let known = devices.get(params.keyid);
    if (!known) {
      const { rows } = await pool.query<{ public_key: Buffer; district: string; window_code: string; epoch: number }>({
        name: 'device-key',
        text: 'SELECT public_key, district, window_code, epoch FROM devices WHERE device_id = $1',
        values: [params.keyid],
      });
      const row = rows[0];
      if (!row) throw new GatewayError('device-revoked', 'unknown device');
      known = {
        key: ed25519PublicKey(row.public_key),
        district: row.district,
        windowCode: row.window_code,
        epoch: row.epoch,
      };
      devices.set(params.keyid, known);
    }
    const base = receivedSignatureBase(params, (name) => componentValue(request, name));
    if (base === null) throw new GatewayError('signature-invalid', 'a signed component is missing from the request');
    if (!verify(null, Buffer.from(base, 'utf8'), known.key, Buffer.from(params.signature, 'base64'))) {
      throw new GatewayError('signature-invalid', 'signature does not verify');
    }
    if (request.routeOptions.config?.deferNonce) {
      // Revocation and nonce are checked by the route's own transaction (decision 0231); the device's
      // district is known from its immutable row, so the body checks can run before that transaction.
      request.pendingNonce = { deviceId: params.keyid, nonce: params.nonce, created: params.created };
      request.device = {
        deviceId: params.keyid,
        district: known.district,
        windowCode: known.windowCode,
        epoch: known.epoch,
      };
      return;
    }
    request.device = await recordNonce(pool, { deviceId: params.keyid, nonce: params.nonce, created: params.created });
  };
}

/**
 * Reads the device's current state and records the nonce unless it is revoked (one statement); throws
 * device-revoked or nonce-replayed.
 */
export async function recordNonce(pool: pg.Pool, n: PendingNonce): Promise<DeviceContext> {
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
    values: [n.deviceId, n.nonce, n.created],
  });
  const row = rows[0];
  checkDeviceState(row ? row.revoked : null, row ? row.fresh : 0);
  const r = row as DeviceRow;
  return { deviceId: n.deviceId, district: r.district, windowCode: r.window_code, epoch: r.epoch };
}

/** The verdict on a device's state and its nonce: `revoked` null = no such device; `fresh` = nonces recorded. */
export function checkDeviceState(revoked: boolean | null, fresh: number): void {
  if (revoked === null) throw new GatewayError('device-revoked', 'unknown device');
  if (revoked) throw new GatewayError('device-revoked', 'device revoked');
  if (fresh !== 1) throw new GatewayError('nonce-replayed', 'nonce already used');
}

/**
 * On a refusal before the route's transaction recorded a deferred nonce: records it now, as the
 * onRequest hook would have, so the order of checks stays that of the protocol (a revoked device or a
 * replayed nonce is refused as such whatever its body). Throws device-revoked or nonce-replayed.
 */
export async function settleDeferredNonce(pool: pg.Pool, request: FastifyRequest): Promise<void> {
  const pending = request.pendingNonce;
  if (!pending) return;
  request.pendingNonce = null;
  await recordNonce(pool, pending);
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
