// Department sign-in that resists guessing: a per-IP and per-account throttle (429 + Retry-After) and a
// lockout after N wrong passwords. All state is in PostgreSQL, so several gateway processes agree, and one
// account's attempts are decided one at a time (the reviewer row is locked for the password check).
import type pg from 'pg';
import { audit } from '../audit';
import { DUMMY_HASH, verifyPassword } from './passwords';

/** Limits of the department login; every field configurable (GatewayOptions.departmentLogin). */
export interface LoginPolicy {
  /** Attempts per client IP per window. */
  perIpAttempts: number;
  /** Attempts per user name per window. */
  perAccountAttempts: number;
  windowSeconds: number;
  /** Wrong passwords in a row that lock the account. */
  maxFailures: number;
  lockoutMinutes: number;
}

export const DEFAULT_LOGIN_POLICY: LoginPolicy = {
  perIpAttempts: 30,
  perAccountAttempts: 10,
  windowSeconds: 60,
  maxFailures: 5,
  lockoutMinutes: 15,
};

export type LoginOutcome =
  | { kind: 'ok'; reviewerId: number }
  | { kind: 'throttled'; retryAfterSeconds: number }
  | { kind: 'locked'; until: Date }
  | { kind: 'invalid' };

/** Counts one attempt against `key`; the seconds to wait when the window's limit is passed, else 0. */
async function countAttempt(pool: pg.Pool, key: string, limit: number, windowSeconds: number): Promise<number> {
  const { rows } = await pool.query<{ attempts: number; wait: number }>(
    `INSERT INTO login_throttle AS t (key, window_start, attempts) VALUES ($1, now(), 1)
     ON CONFLICT (key) DO UPDATE SET
       attempts = CASE WHEN t.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE t.attempts + 1 END,
       window_start = CASE WHEN t.window_start <= now() - make_interval(secs => $2) THEN now() ELSE t.window_start END
     RETURNING attempts, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::int AS wait`,
    [key, windowSeconds],
  );
  const row = rows[0] as { attempts: number; wait: number };
  return row.attempts > limit ? Math.max(1, row.wait) : 0;
}

/** Decides one department sign-in attempt. */
export async function attemptLogin(
  pool: pg.Pool,
  policy: LoginPolicy,
  ip: string,
  username: string,
  password: string,
): Promise<LoginOutcome> {
  const waits = [
    await countAttempt(pool, `ip:${ip}`, policy.perIpAttempts, policy.windowSeconds),
    await countAttempt(pool, `account:${username.toLowerCase()}`, policy.perAccountAttempts, policy.windowSeconds),
  ];
  const wait = Math.max(...waits);
  if (wait > 0) {
    await audit(pool, { actor: username || '-', action: 'dept.login-throttled', details: { ip, retryAfter: wait } });
    return { kind: 'throttled', retryAfterSeconds: wait };
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{
      reviewer_id: number;
      password_hash: string;
      locked_until: Date | null;
      locked_now: boolean;
    }>(
      `SELECT reviewer_id, password_hash, locked_until, coalesce(locked_until > now(), false) AS locked_now
       FROM reviewers WHERE username = $1 AND disabled_at IS NULL FOR UPDATE`,
      [username],
    );
    const reviewer = rows[0];
    if (reviewer?.locked_now) {
      await audit(client, {
        actor: username,
        action: 'dept.login-failed',
        target: `reviewer:${reviewer.reviewer_id}`,
        details: { reason: 'locked', ip },
      });
      await client.query('COMMIT');
      return { kind: 'locked', until: reviewer.locked_until as Date };
    }
    const ok = await verifyPassword(password, reviewer?.password_hash ?? DUMMY_HASH);
    if (!reviewer) {
      await audit(client, { actor: '-', action: 'dept.login-failed', details: { reason: 'unknown-user', ip } });
      await client.query('COMMIT');
      return { kind: 'invalid' };
    }
    const target = `reviewer:${reviewer.reviewer_id}`;
    if (ok) {
      await client.query('UPDATE reviewers SET failed_logins = 0, locked_until = NULL WHERE reviewer_id = $1', [
        reviewer.reviewer_id,
      ]);
      await audit(client, { actor: username, action: 'dept.login', target, details: { ip } });
      await client.query('COMMIT');
      return { kind: 'ok', reviewerId: reviewer.reviewer_id };
    }
    const { rows: after } = await client.query<{ just_locked: boolean; locked_until: Date | null }>(
      `UPDATE reviewers SET
         failed_logins = CASE WHEN failed_logins + 1 >= $2 THEN 0 ELSE failed_logins + 1 END,
         locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
       WHERE reviewer_id = $1
       RETURNING (failed_logins = 0 AND coalesce(locked_until > now(), false)) AS just_locked, locked_until`,
      [reviewer.reviewer_id, policy.maxFailures, policy.lockoutMinutes],
    );
    await audit(client, {
      actor: username,
      action: 'dept.login-failed',
      target,
      details: { reason: 'wrong-password', ip },
    });
    const justLocked = after[0]?.just_locked === true;
    if (justLocked) await audit(client, { actor: username, action: 'dept.account-locked', target, details: { ip } });
    await client.query('COMMIT');
    return justLocked ? { kind: 'locked', until: after[0]?.locked_until as Date } : { kind: 'invalid' };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Problems of a reviewer password (empty when acceptable). */
export function reviewerPasswordProblems(password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < 12) problems.push('至少 12 个字符');
  if (!/\p{L}/u.test(password) || !/\d/u.test(password)) problems.push('须同时包含字母和数字');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('不能包含用户名');
  if (/^(.)\1+$/u.test(password)) problems.push('不能是同一字符重复');
  return problems;
}
