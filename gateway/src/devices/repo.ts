// Devices and their one-time enrolment codes.
import { createHash, randomInt } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from '../db/pool';
import { ADVISORY_LOCKS } from '../db/locks';

/** An enrolled device as listed to an admin. */
export interface DeviceInfo {
  deviceId: string;
  windowCode: string;
  hallDivision: string;
  district: string;
  epoch: number;
  deviceName: string;
  enrolledAt: string;
  revokedAt: string | null;
}

/** A freshly issued enrolment code (shown once; only its hash is stored). */
export interface IssuedCode {
  code: string;
  windowCode: string;
  district: string;
  expiresAt: string;
}

// Crockford-style alphabet without 0/O/1/I/L: codes are read aloud and typed by hand.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Normalises a typed code (case, spaces, dashes) and hashes it. */
export function codeHash(code: string): string {
  return createHash('sha256').update(code.toUpperCase().replace(/[\s-]/g, '')).digest('hex');
}

/** Issues a one-time enrolment code for a window in a district, valid for `hours`. */
export async function issueEnrolmentCode(
  pool: pg.Pool,
  windowCode: string,
  district: string,
  hours: number,
): Promise<IssuedCode> {
  const raw = Array.from({ length: 16 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const code = raw.match(/.{4}/g)?.join('-') ?? raw;
  const { rows } = await pool.query<{ expires_at: Date }>(
    `INSERT INTO enrolment_codes (code_hash, window_code, district, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4)) RETURNING expires_at`,
    [codeHash(code), windowCode, district, Math.round(hours * 3600)],
  );
  return { code, windowCode, district, expiresAt: (rows[0] as { expires_at: Date }).expires_at.toISOString() };
}

/** What enrolment needs besides the code. */
export interface EnrolmentInput {
  code: string;
  publicKey: Buffer;
  windowCode: string;
  hallDivision: string;
  deviceName: string;
}

/**
 * Uses a code and creates the device, or returns null when the code is unknown, used, expired
 * or issued for another window. A re-enrolled window gets epoch = previous epoch + 1; earlier
 * devices of the window stay valid until an admin revokes them.
 */
export async function enrolDevice(pool: pg.Pool, input: EnrolmentInput): Promise<Omit<DeviceInfo, 'revokedAt'> | null> {
  return withTransaction(pool, async (client) => {
    const code = await client.query<{ district: string }>(
      `UPDATE enrolment_codes SET used_at = now()
       WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() AND window_code = $2
       RETURNING district`,
      [codeHash(input.code), input.windowCode],
    );
    const district = code.rows[0]?.district;
    if (!district) return null;
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [ADVISORY_LOCKS.enrolment, input.windowCode]);
    const { rows } = await client.query<{ device_id: string; epoch: number; enrolled_at: Date }>(
      `INSERT INTO devices (window_code, hall_division, district, epoch, public_key, device_name)
       VALUES ($1, $2, $3, (SELECT coalesce(max(epoch), 0) + 1 FROM devices WHERE window_code = $1), $4, $5)
       RETURNING device_id, epoch, enrolled_at`,
      [input.windowCode, input.hallDivision, district, input.publicKey, input.deviceName],
    );
    const device = rows[0] as { device_id: string; epoch: number; enrolled_at: Date };
    await client.query('UPDATE enrolment_codes SET device_id = $1 WHERE code_hash = $2', [
      device.device_id,
      codeHash(input.code),
    ]);
    return {
      deviceId: device.device_id,
      windowCode: input.windowCode,
      hallDivision: input.hallDivision,
      district,
      epoch: device.epoch,
      deviceName: input.deviceName,
      enrolledAt: device.enrolled_at.toISOString(),
    };
  });
}

/** All devices, newest first. */
export async function listDevices(pool: pg.Pool): Promise<DeviceInfo[]> {
  const { rows } = await pool.query<{
    device_id: string;
    window_code: string;
    hall_division: string;
    district: string;
    epoch: number;
    device_name: string;
    enrolled_at: Date;
    revoked_at: Date | null;
  }>('SELECT * FROM devices ORDER BY enrolled_at DESC');
  return rows.map((r) => ({
    deviceId: r.device_id,
    windowCode: r.window_code,
    hallDivision: r.hall_division,
    district: r.district,
    epoch: r.epoch,
    deviceName: r.device_name,
    enrolledAt: r.enrolled_at.toISOString(),
    revokedAt: r.revoked_at?.toISOString() ?? null,
  }));
}

/** Revokes a device; false when there is no such device. Revocation is final. */
export async function revokeDevice(pool: pg.Pool, deviceId: string): Promise<boolean> {
  const { rowCount } = await pool.query(
    'UPDATE devices SET revoked_at = coalesce(revoked_at, now()) WHERE device_id = $1',
    [deviceId],
  );
  return rowCount === 1;
}
