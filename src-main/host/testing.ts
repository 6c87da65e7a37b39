// Test support: a browser host over a real app, and a tiny HTTP client that speaks to it as the page does.
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../app/app';
import { PAIRING_PATH, startHost, type RunningHost } from './server';

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  raw: Buffer;
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One HTTP request to a host on 127.0.0.1, as the page would send it (Host header set). */
export function sendToHost(port: number, path: string, opts: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? 'GET',
        headers: { Host: `127.0.0.1:${port}`, ...opts.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: raw.toString('utf8'), raw });
        });
      },
    );
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

/** Starts a host over `app` with a stub renderer folder. */
export async function testHost(app: App): Promise<RunningHost> {
  const rendererDir = mkdtempSync(join(tmpdir(), 'tongban-renderer-'));
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  return startHost({ app, rendererDir, port: 0 });
}

/** A client of one running host. */
export function hostClient(host: RunningHost) {
  const origin = `http://127.0.0.1:${host.port}`;
  const send = (path: string, opts: SendOptions = {}): Promise<Reply> => sendToHost(host.port, path, opts);
  const cookieOf = (res: Reply): string | null =>
    res.status === 303 ? (String(res.headers['set-cookie']).split(';')[0] as string) : null;
  /** Exchanges the (one-time) start token for a staff session cookie (`null` when refused). */
  const exchange = async (token = host.token): Promise<string | null> => cookieOf(await send(`/?token=${token}`));
  /** Another staff page: a new one-time start address, exchanged at once. */
  const newSession = async (): Promise<string> =>
    (await exchange(new URL(host.newStartUrl()).searchParams.get('token') as string)) as string;
  /** A pairing address asked for by the staff page of `cookie` (status and body as the host answered). */
  const requestPairing = (cookie: string) =>
    send(PAIRING_PATH, { method: 'POST', headers: { Cookie: cookie, Origin: origin } });
  /** A customer-screen session: paired by the signed-in staff page of `staffCookie`. */
  const pairCustomerScreen = async (staffCookie: string): Promise<string | null> => {
    const res = await requestPairing(staffCookie);
    if (res.status !== 200) return null;
    const url = new URL((JSON.parse(res.body) as { url: string }).url);
    return cookieOf(await send(`${url.pathname}${url.search}`));
  };
  const call = async (cookie: string, name: string, input: unknown): Promise<{ status: number; json: unknown }> => {
    const res = await send(`/api/call/${name}`, {
      method: 'POST',
      headers: { Cookie: cookie, Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    let json: unknown;
    try {
      json = JSON.parse(res.body);
    } catch {
      json = res.body;
    }
    return { status: res.status, json };
  };
  return { origin, send, exchange, newSession, requestPairing, pairCustomerScreen, call };
}
