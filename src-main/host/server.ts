import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../app/app';
import {
  cacheControlOf,
  contentTypeOf,
  negotiateEncoding,
  resolveUiFile,
  UI_SECURITY_HEADERS,
} from '../app/static-files';
import { commands, DEFAULT_MAX_INPUT_BYTES, isCommandName } from '@common/contract';

/** Options of the browser host. */
export interface HostOptions {
  app: App;
  rendererDir: string;
  /** The shipped resources/: the UI loads the rare-character font chunks from its fonts/rare. */
  resourcesDir?: string;
  port: number;
  /** The per-start secret; random when omitted. */
  token?: string;
}

/** A running browser host. */
export interface RunningHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'tongban_session';
const SECURITY_HEADERS = UI_SECURITY_HEADERS;

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store', ...extra });
  res.end(body);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieOf(req: IncomingMessage): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return null;
}

/** Reads a body up to `limit` bytes; null when it is larger. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? '0');
    if (declared > limit) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Serves the built renderer and the contract on 127.0.0.1 only. A per-start token is
 * exchanged for an HttpOnly, SameSite=Strict cookie; every request must carry that cookie
 * and a loopback Host, and writes must come from the page's own Origin.
 */
export function startHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const sessions = new Set<string>();
  const streams = new Map<string, Set<ServerResponse>>();
  let port = opts.port;

  const unsubscribe = opts.app.services.events.subscribe((event) => {
    const data = `event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`;
    for (const [sessionId, set] of streams) {
      if (event.callerId !== null && event.callerId !== `host:${sessionId}`) continue;
      // Broadcast events (card reads, sync, devices) reach signed-in staff only: never the customer screen or a
      // signed-out or locked page. Events addressed to one caller (its own session changes) still reach it.
      if (event.callerId === null && !opts.app.services.auth.isSignedIn(`host:${sessionId}`)) continue;
      for (const res of set) res.write(data);
    }
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.app.services.log.error('host request failed', { error: err });
      if (!res.headersSent) send(res, 500, 'internal error');
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 421, 'wrong host');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin))
      return send(res, 403, 'foreign origin');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

    if (req.method === 'GET' && url.searchParams.has('token')) {
      if (!sameSecret(url.searchParams.get('token') ?? '', token))
        return send(res, 403, '链接无效：请使用启动时打印的地址。');
      const sessionId = randomBytes(24).toString('base64url');
      sessions.add(sessionId);
      return send(res, 303, '', 'text/plain', {
        Location: '/',
        'Set-Cookie': `${COOKIE}=${sessionId}; HttpOnly; SameSite=Strict; Path=/`,
      });
    }

    const sessionId = cookieOf(req);
    if (!sessionId || !sessions.has(sessionId)) {
      return send(
        res,
        401,
        '<!doctype html><meta charset="utf-8"><title>跨省通办窗口</title><p>请使用启动时打印的地址打开本程序。</p>',
        'text/html; charset=utf-8',
      );
    }
    const callerId = `host:${sessionId}`;

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return send(res, 405, 'method not allowed', 'text/plain', { Allow: 'POST' });
      if (origin === undefined) return send(res, 403, 'origin required');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'json only');
      const name = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      const limit = isCommandName(name) ? commands[name].maxInputBytes : DEFAULT_MAX_INPUT_BYTES;
      const body = await readBody(req, limit);
      if (body === null) return send(res, 413, 'payload too large');
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return send(res, 400, 'malformed json');
      }
      const result = await opts.app.call(callerId, name, input, body.length);
      return send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
    }

    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      const set = streams.get(sessionId) ?? new Set<ServerResponse>();
      set.add(res);
      streams.set(sessionId, set);
      req.on('close', () => set.delete(res));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    const file = resolveUiFile(opts.rendererDir, opts.resourcesDir, url.pathname);
    if (!file) return send(res, 404, 'not found');
    // Precompressed at build time (scripts/precompress.ts); hashed assets cached for good.
    const body = negotiateEncoding(file, req.headers['accept-encoding']);
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': contentTypeOf(file),
      'Cache-Control': cacheControlOf(opts.rendererDir, file),
      'Content-Length': String(statSync(body.path).size),
      Vary: 'Accept-Encoding',
      ...(body.encoding ? { 'Content-Encoding': body.encoding } : {}),
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(body.path).pipe(res);
  }

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/?token=${token}`,
        port,
        token,
        close: () =>
          new Promise<void>((done) => {
            unsubscribe();
            for (const set of streams.values()) for (const res of set) res.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
