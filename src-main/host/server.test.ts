import { request } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync, gzipSync, gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialised, testApp, type TestApp } from '../testing/test-app';
import { startHost, type RunningHost } from './server';
import { sendToHost, type Reply, type SendOptions } from './testing';

let app: TestApp;
let host: RunningHost;

/** A request to the host; a connection the host cuts (an oversized body) reads as 413. */
function send(path: string, opts: SendOptions = {}): Promise<Reply> {
  return sendToHost(host.port, path, opts).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE')
      return { status: 413, headers: {}, body: '', raw: Buffer.alloc(0) };
    throw err;
  });
}

async function sessionCookie(): Promise<string> {
  const res = await send(`/?token=${host.token}`);
  expect(res.status).toBe(303);
  const cookie = String(res.headers['set-cookie']);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(';')[0] as string;
}

const origin = () => `http://127.0.0.1:${host.port}`;
const call = (cookie: string, name: string, body: unknown, headers: Record<string, string> = {}) =>
  send(`/api/call/${name}`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: origin(), 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

const BUNDLE = `export const words = ${JSON.stringify('受理 '.repeat(2000))};`;

beforeEach(async () => {
  app = await testApp();
  const rendererDir = mkdtempSync(join(tmpdir(), 'tongban-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets', 'index-Ca0JO5eD.js'), BUNDLE);
  writeFileSync(join(rendererDir, 'assets', 'index-Ca0JO5eD.js.br'), brotliCompressSync(BUNDLE));
  writeFileSync(join(rendererDir, 'assets', 'index-Ca0JO5eD.js.gz'), gzipSync(BUNDLE));
  host = await startHost({ app, rendererDir, port: 0 });
});
afterEach(async () => {
  await host.close();
  app.dispose();
});

describe('browser host security', () => {
  it('listens on loopback and prints a token URL', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses requests without a session, and a wrong token', async () => {
    expect((await send('/')).status).toBe(401);
    expect((await send('/assets/app.js')).status).toBe(401);
    expect(
      (
        await send('/api/call/app:info', {
          method: 'POST',
          headers: { Origin: origin(), 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(401);
    expect((await send('/?token=wrong')).status).toBe(403);
  });

  it('serves the page and the contract with a session', async () => {
    const cookie = await sessionCookie();
    const page = await send('/', { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['permissions-policy']).toMatch(/camera=\(self\), microphone=\(\)/);
    const info = await call(cookie, 'app:info', {});
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, value: { initialized: false, runtime: 'browser-host' } });
  });

  it('refuses a foreign Origin and a foreign Host, even with a session', async () => {
    const cookie = await sessionCookie();
    expect((await call(cookie, 'app:info', {}, { Origin: 'http://evil.example' })).status).toBe(403);
    expect((await call(cookie, 'app:info', {}, { Origin: 'null' })).status).toBe(403);
    expect((await send('/', { headers: { Cookie: cookie, Host: 'evil.example' } })).status).toBe(421);
    expect((await send('/', { headers: { Cookie: cookie, Host: `127.0.0.1.nip.io:${host.port}` } })).status).toBe(421);
    const noOrigin = await send('/api/call/app:info', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
  });

  it('refuses oversized bodies, wrong content types and malformed JSON, storing nothing', async () => {
    const cookie = await sessionCookie();
    const auditBefore = app.services.audit.verify().count;
    const huge = JSON.stringify({ username: 'a'.repeat(200_000), password: 'x' });
    expect(
      (
        await send('/api/call/auth:login', {
          method: 'POST',
          headers: { Cookie: cookie, Origin: origin(), 'Content-Type': 'application/json' },
          body: huge,
        })
      ).status,
    ).toBe(413);
    expect((await call(cookie, 'app:info', {}, { 'Content-Type': 'text/plain' })).status).toBe(415);
    expect(
      (
        await send('/api/call/app:info', {
          method: 'POST',
          headers: { Cookie: cookie, Origin: origin(), 'Content-Type': 'application/json' },
          body: '{nope',
        })
      ).status,
    ).toBe(400);
    expect((await send('/api/call/app:info', { headers: { Cookie: cookie } })).status).toBe(405);
    expect(app.services.audit.verify().count).toBe(auditBefore);
  });

  it('does not serve files outside the renderer folder', async () => {
    const cookie = await sessionCookie();
    for (const path of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json', '/%00']) {
      const res = await send(path, { headers: { Cookie: cookie } });
      expect(res.body, path).not.toMatch(/"name"/);
    }
  });

  it('pushes events to the page over server-sent events', async () => {
    await initialised(app);
    const cookie = await sessionCookie();
    await call(cookie, 'auth:login', { username: 'admin', password: 'Chongqing2026' });
    const received = new Promise<string>((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: host.port,
          path: '/api/events',
          headers: { Host: `127.0.0.1:${host.port}`, Cookie: cookie },
        },
        (res) => {
          res.on('data', (chunk: Buffer) => {
            const text = chunk.toString('utf8');
            if (text.includes('connected'))
              app.services.events.emit('sync:status', {
                state: 'offline',
                pending: 3,
                lastSuccessAt: null,
                numberingUnverified: false,
              });
            if (text.includes('event: sync:status')) {
              resolve(text);
              req.destroy();
            }
          });
        },
      );
      req.end();
    });
    expect(await received).toContain('"pending":3');
  });
});

describe('browser host static files', () => {
  it('sends the precompressed copy the browser accepts, and the plain file otherwise', async () => {
    const cookie = await sessionCookie();
    const path = '/assets/index-Ca0JO5eD.js';
    const br = await send(path, { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip, deflate, br, zstd' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.raw).toString('utf8')).toBe(BUNDLE);
    expect(Number(br.headers['content-length'])).toBeLessThan(BUNDLE.length / 10);
    const gz = await send(path, { headers: { Cookie: cookie, 'Accept-Encoding': 'gzip, br;q=0' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.raw).toString('utf8')).toBe(BUNDLE);
    const plain = await send(path, { headers: { Cookie: cookie } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(BUNDLE);
  });

  it('lets the browser keep hashed assets for good and revalidate the page', async () => {
    const cookie = await sessionCookie();
    const asset = await send('/assets/index-Ca0JO5eD.js', { headers: { Cookie: cookie } });
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const page = await send('/', { headers: { Cookie: cookie } });
    expect(page.headers['cache-control']).toBe('no-cache');
    // A file whose name carries no content hash may change under the same name.
    expect((await send('/assets/app.js', { headers: { Cookie: cookie } })).headers['cache-control']).toBe('no-cache');
  });
});
