// Issue #15, least privilege in the browser host: the start token is one-time, host sessions expire with the
// idle lock, and a customer screen is paired by staff and reaches nothing but the rating screen's commands.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialised, testApp, type TestApp } from '../testing/test-app';
import type { RunningHost } from './server';
import { hostClient, testHost } from './testing';

let app: TestApp;
let host: RunningHost;
let client: ReturnType<typeof hostClient>;

beforeEach(async () => {
  app = await testApp();
  await initialised(app);
  host = await testHost(app);
  client = hostClient(host);
});
afterEach(async () => {
  await host.close();
  app.dispose();
});

const ADMIN = { username: 'admin', password: 'Chongqing2026' };
const okOf = (r: { json: unknown }) => (r.json as { ok: boolean }).ok;

async function signedInStaff(): Promise<string> {
  const cookie = (await client.exchange()) as string;
  expect(okOf(await client.call(cookie, 'auth:login', ADMIN))).toBe(true);
  return cookie;
}

describe('the start token is one-time', () => {
  it('opens one session; a second use is refused with a Chinese 403 page', async () => {
    expect(await client.exchange()).not.toBeNull();
    const again = await client.send(`/?token=${host.token}`);
    expect(again.status).toBe(403);
    expect(again.headers['content-type']).toMatch(/text\/html/);
    expect(again.body).toContain('此启动地址只能使用一次，已经被使用过');
    expect(again.headers['set-cookie']).toBeUndefined();
    const wrong = await client.send('/?token=not-the-token');
    expect(wrong.status).toBe(403);
    expect(wrong.body).toContain('链接无效');
  });

  it('a new start address works once and retires the unused one before it', async () => {
    const first = new URL(host.newStartUrl()).searchParams.get('token') as string;
    const second = new URL(host.newStartUrl()).searchParams.get('token') as string;
    expect(await client.exchange(host.token)).toBeNull();
    expect(await client.exchange(first)).toBeNull();
    expect(await client.exchange(second)).not.toBeNull();
    expect(await client.exchange(second)).toBeNull();
  });
});

describe('host sessions expire with the idle lock', () => {
  it('a cookie unused for longer than the idle lock is refused, and its staff sign-in ends', async () => {
    const cookie = await signedInStaff();
    // Activity keeps it: 9 + 9 minutes with a request in between.
    app.clock.advanceMinutes(9);
    expect((await client.call(cookie, 'app:info', {})).status).toBe(200);
    app.clock.advanceMinutes(9);
    expect((await client.call(cookie, 'auth:session', {})).status).toBe(200);
    // Then 11 minutes of nothing (idle lock: 10): the cookie is dead.
    app.clock.advanceMinutes(11);
    const refused = await client.call(cookie, 'auth:session', {});
    expect(refused.status).toBe(401);
    expect(String(refused.json)).toContain('会话已因长时间无操作而结束');
    expect((await client.send('/', { headers: { Cookie: cookie } })).status).toBe(401);
    expect(app.services.auth.isSignedIn(`host:${cookie.split('=')[1]}`)).toBe(false);
    expect(app.services.audit.list({ limit: 5 }).map((e) => e.action)).toContain('auth.logout');
  });

  it('an open page (its event stream connected) outlives the idle lock and unlocks with the password', async () => {
    const cookie = await signedInStaff();
    const { request } = await import('node:http');
    const stream = request({
      host: '127.0.0.1',
      port: host.port,
      path: '/api/events',
      headers: { Host: `127.0.0.1:${host.port}`, Cookie: cookie },
    });
    const connected = new Promise<void>((done) => stream.on('response', (res) => res.once('data', () => done())));
    stream.end();
    await connected;
    app.clock.advanceMinutes(30);
    const locked = await client.call(cookie, 'auth:session', {});
    expect(locked.status).toBe(200);
    expect(locked.json).toMatchObject({ ok: true, value: { locked: true } });
    expect(okOf(await client.call(cookie, 'auth:unlock', { password: ADMIN.password }))).toBe(true);
    stream.destroy();
  });
});

describe('the customer screen has its own way in', () => {
  it('is paired by a signed-in staff page with a one-time address', async () => {
    const signedOut = (await client.exchange()) as string;
    expect((await client.requestPairing(signedOut)).status).toBe(403);
    expect(okOf(await client.call(signedOut, 'auth:login', ADMIN))).toBe(true);
    const pairing = await client.requestPairing(signedOut);
    expect(pairing.status).toBe(200);
    const { url, expiresAt } = JSON.parse(pairing.body) as { url: string; expiresAt: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?pair=[\w-]{20,}$/);
    expect(Date.parse(expiresAt) - app.clock.now.getTime()).toBe(10 * 60_000);
    const path = new URL(url).search;
    expect((await client.send(`/${path}`)).status).toBe(303);
    const reused = await client.send(`/${path}`);
    expect(reused.status).toBe(403);
    expect(reused.body).toContain('配对地址无效、已使用或已过期');
    expect(app.services.audit.list({ limit: 5 }).map((e) => e.action)).toContain('host.customer-screen-paired');
  });

  it('a pairing address left unused for more than 10 minutes is refused', async () => {
    const staff = await signedInStaff();
    const { url } = JSON.parse((await client.requestPairing(staff)).body) as { url: string };
    app.clock.advanceMinutes(11);
    expect((await client.send(`/${new URL(url).search}`)).status).toBe(403);
  });

  it('reaches the rating commands and never a staff command, not even by signing in', async () => {
    const customer = (await client.pairCustomerScreen(await signedInStaff())) as string;
    expect(customer).not.toBeNull();
    expect((await client.send('/', { headers: { Cookie: customer } })).status).toBe(200);
    expect((await client.call(customer, 'app:info', {})).status).toBe(200);
    const rating = await client.call(customer, 'ratings:ticket', { ticket: 'A'.repeat(43) });
    expect(rating.status).toBe(200);
    expect(rating.json).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // The 人证比对 notice reaches the customer display through the same pairing (decision 0190).
    const notice = await client.call(customer, 'identity:faceNoticeView', { ticket: 'A'.repeat(43) });
    expect(notice.json).toMatchObject({ ok: false, error: { code: 'not-found' } });
    for (const [name, input] of [
      ['identity:openFaceNotice', { caseId: '00000000-0000-7000-8000-000000000001', role: 'applicant' }],
      ['auth:login', ADMIN],
      ['auth:session', {}],
      ['cases:list', {}],
      ['users:list', {}],
      ['ratings:open', { caseId: '00000000-0000-7000-8000-000000000001' }],
      ['security:recoveryCode', { password: ADMIN.password }],
      ['no:such-command', {}],
    ] as const) {
      const res = await client.call(customer, name, input);
      expect(res.status, name).toBe(403);
      expect(res.json, name).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(app.services.auth.isSignedIn(`host:${customer.split('=')[1]}`)).toBe(false);
    // A customer screen cannot pair another one either.
    expect((await client.requestPairing(customer)).status).toBe(403);
  });
});
