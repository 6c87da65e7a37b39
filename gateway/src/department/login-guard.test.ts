// Department login under guessing: lockout after N wrong passwords (audited), a per-account and per-IP
// throttle answering 429 + Retry-After, and two gateway processes on one database agreeing on both.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { auditRows } from '../audit';
import { loadConfig } from '../config/config';
import { createPool } from '../db/pool';
import { startGateway, type RunningGateway } from '../server';
import { startTestPostgres, type TestPostgres } from '../testing/pg';
import { addReviewer } from './repo';

let db: TestPostgres;
let a: RunningGateway;
let b: RunningGateway;
let owner: pg.Pool;
const RIGHT = 'correct horse 7';

async function login(gateway: RunningGateway, username: string, password: string) {
  const page = await fetch(`${gateway.url}/dept/login`);
  const cookie = (page.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const res = await fetch(`${gateway.url}/dept/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username, password }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), html: await res.text() };
}

beforeAll(async () => {
  db = await startTestPostgres();
  owner = createPool(db.migrationUrl, 1);
  const generous = { perIpAttempts: 1000, perAccountAttempts: 1000, maxFailures: 5, lockoutMinutes: 15 };
  a = await startGateway({ databaseUrl: db.url, departmentLogin: generous });
  b = await startGateway({ databaseUrl: db.url, departmentLogin: generous });
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await owner?.end();
  await db?.stop();
});
beforeEach(async () => {
  // As the owner: the gateway's own role may not truncate, and the audit trail is append-only for it.
  await owner.query('TRUNCATE login_throttle, gateway_audit');
});

describe('department login lockout', () => {
  it('40 wrong passwords then the right one: locked, not signed in, the lock audited once', async () => {
    await addReviewer(a.pool, 'seq1', RIGHT, 'SC-CD-PSB');
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await login(i % 2 ? a : b, 'seq1', `wrong guess ${i}`)).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses[4]).toBe(423);
    expect(new Set(statuses.slice(5))).toEqual(new Set([423]));
    const right = await login(a, 'seq1', RIGHT);
    expect(right.status).toBe(423);
    expect(right.html).toContain('账号已锁定');
    expect(await auditRows(a.pool, 'dept.account-locked')).toHaveLength(1);
    expect(await auditRows(a.pool, 'dept.login')).toHaveLength(0);
    // The lock runs its course (moved back in time here), then the right password works.
    await a.pool.query("UPDATE reviewers SET locked_until = now() - interval '1 second' WHERE username = 'seq1'");
    expect((await login(b, 'seq1', RIGHT)).status).toBe(303);
  });

  it('25 concurrent attempts over two gateway processes, the right one last, do not sign in', async () => {
    await addReviewer(a.pool, 'burst1', RIGHT, 'SC-CD-PSB');
    const guesses = [...Array.from({ length: 24 }, (_, i) => `wrong guess ${i}`), RIGHT];
    const replies = await Promise.all(guesses.map((p, i) => login(i % 2 ? a : b, 'burst1', p)));
    expect(replies.filter((r) => r.status === 303)).toHaveLength(0);
    expect(
      (await auditRows(a.pool, 'dept.login-failed')).filter((r) => r.details.reason === 'wrong-password'),
    ).toHaveLength(5);
  });
});

describe('department login limits from the configuration', () => {
  it('TONGBAN_GW_LOGIN_MAX_FAILURES=2 and _LOCKOUT_MINUTES=30 lock after the second wrong password, for 30 minutes', async () => {
    const config = loadConfig({ TONGBAN_GW_LOGIN_MAX_FAILURES: '2', TONGBAN_GW_LOGIN_LOCKOUT_MINUTES: '30' });
    const configured = await startGateway({ databaseUrl: db.url, departmentLogin: config.departmentLogin });
    try {
      await addReviewer(a.pool, 'cfg1', RIGHT, 'SC-CD-PSB');
      expect((await login(configured, 'cfg1', 'wrong guess 1')).status).toBe(401);
      const second = await login(configured, 'cfg1', 'wrong guess 2');
      expect(second.status).toBe(423);
      expect(second.html).toContain('请约 30 分钟后再试');
      const { rows } = await a.pool.query<{ minutes: number }>(
        "SELECT round(extract(epoch FROM locked_until - now()) / 60)::int AS minutes FROM reviewers WHERE username = 'cfg1'",
      );
      expect(rows[0]?.minutes).toBe(30);
    } finally {
      await configured.close();
    }
  });
});

describe('department login throttle', () => {
  it('answers 429 with Retry-After past the per-account limit, and past the per-IP limit', async () => {
    const strict = await startGateway({
      databaseUrl: db.url,
      departmentLogin: { perAccountAttempts: 3, perIpAttempts: 6, windowSeconds: 60, maxFailures: 50 },
    });
    try {
      await addReviewer(a.pool, 'thr1', RIGHT, 'SC-CD-PSB');
      const perAccount = [];
      for (let i = 0; i < 4; i++) perAccount.push(await login(strict, 'thr1', 'wrong guess'));
      expect(perAccount.map((r) => r.status)).toEqual([401, 401, 401, 429]);
      const retry = Number(perAccount[3]?.retryAfter);
      expect(retry).toBeGreaterThan(0);
      expect(retry).toBeLessThanOrEqual(60);
      expect(perAccount[3]?.html).toContain('登录尝试过于频繁');
      // Even the right password waits out the throttle.
      expect((await login(strict, 'thr1', RIGHT)).status).toBe(429);
      // Other names from the same address: the sixth attempt is allowed, the seventh passes the per-IP limit.
      expect((await login(strict, 'other1', 'x')).status).toBe(401);
      expect((await login(strict, 'other2', 'x')).status).toBe(429);
      expect((await auditRows(a.pool, 'dept.login-throttled')).length).toBeGreaterThanOrEqual(3);
    } finally {
      await strict.close();
    }
  });

  it('refuses a weak reviewer password', async () => {
    await expect(addReviewer(a.pool, 'weak1', 'short1', 'SC-CD-PSB')).rejects.toThrow(/至少 12 个字符/);
    await expect(addReviewer(a.pool, 'weak2', 'weak2weak2weak2', 'SC-CD-PSB')).rejects.toThrow(/不能包含用户名/);
    await expect(addReviewer(a.pool, 'weak3', 'abcdefghijklmn', 'SC-CD-PSB')).rejects.toThrow(/字母和数字/);
  });
});
