// Reviewer sessions: a random token in an HttpOnly SameSite=Strict cookie (only its hash is
// stored) and a per-session CSRF token that every form carries back.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';

/** The reviewer behind a request. */
export interface ReviewerSession {
  reviewerId: number;
  username: string;
  departmentId: string;
  csrfToken: string;
  /** 'reviewer', or a 政务服务管理 supervisor (issue #19; supervision/accounts.ts). */
  role?: AccountRole;
  /** A district supervisor's districts; null for reviewers and the city supervisor. */
  districts?: string[] | null;
}

/** Roles of a department-page account. */
export type AccountRole = 'reviewer' | 'district-supervisor' | 'city-supervisor';

/** Name of the session cookie. */
export const SESSION_COOKIE = 'tongban_dept';
/** Name of the pre-login CSRF cookie (double submit on the login form). */
export const LOGIN_COOKIE = 'tongban_login';
const SESSION_HOURS = 8;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Reads one cookie of a request. */
export function readCookie(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Sets an HttpOnly SameSite=Strict cookie under /dept (Secure when `secure`); maxAge 0 deletes it. */
export function setCookie(
  reply: FastifyReply,
  name: string,
  value: string,
  maxAgeSeconds: number,
  secure: boolean,
): void {
  const attrs = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/dept',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (secure) attrs.push('Secure');
  const prev = reply.getHeader('set-cookie');
  const list = Array.isArray(prev) ? prev : typeof prev === 'string' ? [prev] : [];
  void reply.header('set-cookie', [...list, attrs.join('; ')]);
}

/** A fresh random token (base64url, 32 bytes). */
export const randomToken = () => randomBytes(32).toString('base64url');

/** Constant-time string equality. */
export function sameToken(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Starts a session; returns the cookie token. */
export async function createSession(pool: pg.Pool, reviewerId: number): Promise<string> {
  const token = randomToken();
  await pool.query('DELETE FROM reviewer_sessions WHERE expires_at < now()');
  await pool.query(
    `INSERT INTO reviewer_sessions (token_hash, reviewer_id, csrf_token, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
    [tokenHash(token), reviewerId, randomToken(), SESSION_HOURS],
  );
  return token;
}

/** The live session of a cookie token, or null. */
export async function findSession(pool: pg.Pool, token: string | null): Promise<ReviewerSession | null> {
  if (!token) return null;
  const { rows } = await pool.query<{
    reviewer_id: number;
    username: string;
    department_id: string;
    csrf_token: string;
    role: AccountRole;
    districts: string[] | null;
  }>(
    `SELECT s.reviewer_id, r.username, r.department_id, s.csrf_token, r.role, r.districts
     FROM reviewer_sessions s JOIN reviewers r USING (reviewer_id)
     WHERE s.token_hash = $1 AND s.expires_at > now() AND r.disabled_at IS NULL`,
    [tokenHash(token)],
  );
  const r = rows[0];
  return r
    ? {
        reviewerId: r.reviewer_id,
        username: r.username,
        departmentId: r.department_id,
        csrfToken: r.csrf_token,
        role: r.role,
        districts: r.districts,
      }
    : null;
}

/** Ends a session. */
export async function destroySession(pool: pg.Pool, token: string | null): Promise<void> {
  if (token) await pool.query('DELETE FROM reviewer_sessions WHERE token_hash = $1', [tokenHash(token)]);
}
