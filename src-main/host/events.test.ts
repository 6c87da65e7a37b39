// Staff events (card reads, sync status) reach signed-in staff sessions only: a page that never signed in —
// the customer screen in its own browser profile — and a signed-out page get none.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { initialised, testApp, type TestApp } from '../testing/test-app';
import type { RunningHost } from './server';
import { hostClient, testHost } from './testing';

let app: TestApp;
let host: RunningHost;
afterEach(async () => {
  await host?.close();
  app?.dispose();
});

/** Listens to the event stream of a session; `text()` is what arrived so far. */
function listen(cookie: string): Promise<{ text: () => string; close: () => void }> {
  return new Promise((resolve) => {
    let text = '';
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: '/api/events',
        headers: { Host: `127.0.0.1:${host.port}`, Cookie: cookie },
      },
      (res) => {
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
          if (text.includes('connected')) resolve({ text: () => text, close: () => req.destroy() });
        });
      },
    );
    req.on('error', () => undefined);
    req.end();
  });
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('browser host event fan-out', () => {
  it('card-read and sync events reach only signed-in staff sessions', async () => {
    app = await testApp();
    await initialised(app);
    host = await testHost(app);
    const client = hostClient(host);
    const staff = (await client.exchange()) as string;
    const signedOut = await client.newSession();
    await client.call(staff, 'auth:login', { username: 'admin', password: 'Chongqing2026' });
    const customer = (await client.pairCustomerScreen(staff)) as string;
    await client.call(signedOut, 'auth:login', { username: 'admin', password: 'Chongqing2026' });
    await client.call(signedOut, 'auth:logout', {});
    const streams = await Promise.all([staff, customer, signedOut].map(listen));
    app.services.events.emit('reader:card', { at: 'now', summary: '张* 5001**********0014' } as never);
    app.services.events.emit('sync:status', {
      state: 'offline',
      pending: 1,
      lastSuccessAt: null,
      numberingUnverified: false,
    });
    await until(() => streams[0]!.text().includes('event: sync:status'));
    await new Promise((r) => setTimeout(r, 200));
    expect(streams[0]!.text()).toContain('event: reader:card');
    expect(streams[0]!.text()).toContain('event: sync:status');
    for (const s of streams.slice(1)) expect(s.text()).not.toContain('event:');
    // A locked (idle) staff screen gets none either.
    app.clock.advanceMinutes(11);
    app.services.events.emit('sync:status', {
      state: 'online',
      pending: 0,
      lastSuccessAt: null,
      numberingUnverified: false,
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(streams[0]!.text()).not.toContain('"state":"online"');
    for (const s of streams) s.close();
  });
});
