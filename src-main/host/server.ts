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
import { commands, DEFAULT_MAX_INPUT_BYTES, isCommandName, type CommandName } from '@common/contract';
import { HostSessions, type Exchange } from './host-sessions';
import { page } from './pages';

/** Options of the browser host. */
export interface HostOptions {
  app: App;
  rendererDir: string;
  /** The shipped resources/: the UI loads the rare-character font chunks from its fonts/rare. */
  resourcesDir?: string;
  port: number;
  /** The first one-time start token; random when omitted. */
  token?: string;
  /** Milliseconds now, for session expiry (default: the app's clock). */
  nowMs?: () => number;
}

/** A running browser host. */
export interface RunningHost {
  /** The one-time start address (opens one staff session). */
  url: string;
  port: number;
  /** The first start token (spent on first use). */
  token: string;
  /** A new one-time start address; an earlier unused one stops working. */
  newStartUrl(): string;
  close(): Promise<void>;
}

/** What a customer-screen session may call: the rating screen's own commands, nothing of the staff's. */
export const CUSTOMER_SCREEN_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>([
  'app:info',
  'ratings:ticket',
  'ratings:submit',
  'ratings:decline',
  'signatures:ticket',
  'signatures:sign',
  'identity:faceNoticeView',
  'identity:faceNoticeAnswer',
]);

/** Where a staff page asks the host for a customer-screen pairing address. */
export const PAIRING_PATH = '/api/customer-screen/pair';

const COOKIE = 'tongban_session';
const SECURITY_HEADERS = UI_SECURITY_HEADERS;
const HTML = 'text/html; charset=utf-8';

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
  const { auth, settings } = opts.app.services;
  const streams = new Map<string, Set<ServerResponse>>();
  const sessions = new HostSessions({
    nowMs: opts.nowMs ?? (() => opts.app.services.now().getTime()),
    staffIdleMs: () => settings.security().idleLockMinutes * 60_000,
    startToken: opts.token,
    onExpire: (sessionId) => {
      // The staff sign-in of an expired cookie ends with it (audited as a sign-out).
      auth.logout(`host:${sessionId}`);
      for (const res of streams.get(sessionId) ?? []) res.end();
      streams.delete(sessionId);
    },
  });
  const token = sessions.currentStartToken as string;
  const streaming = (id: string) => (streams.get(id)?.size ?? 0) > 0;
  let port = opts.port;
  const sweeper = setInterval(() => sessions.sweep(streaming), 60_000);
  sweeper.unref();

  /** 303 to the page with a new session cookie, or a Chinese 403 page saying why the address does not open. */
  const answerExchange = (
    req: IncomingMessage,
    res: ServerResponse,
    result: Exchange,
    what: 'start' | 'pair',
  ): void => {
    if (!result.ok)
      return send(
        res,
        403,
        page(what === 'pair' ? 'pair-refused' : result.reason === 'used' ? 'start-used' : 'start-invalid'),
        HTML,
      );
    const cookie = `${COOKIE}=${result.sessionId}; HttpOnly; SameSite=Strict; Path=/`;
    // Opened from another site (npm start's file:// launch page): a redirect would keep the cross-site
    // initiator and the browser would hold back the SameSite=Strict cookie on `/`; a page of our own that
    // moves on to `/` makes the next request same-origin.
    if (['cross-site', 'same-site'].includes(String(req.headers['sec-fetch-site'])))
      return send(res, 200, page('opening'), HTML, { 'Set-Cookie': cookie, Refresh: '0;url=/' });
    return send(res, 303, '', 'text/plain', { Location: '/', 'Set-Cookie': cookie });
  };

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

    if (req.method === 'GET' && url.searchParams.has('token'))
      return answerExchange(req, res, sessions.exchangeStart(url.searchParams.get('token') ?? ''), 'start');
    if (req.method === 'GET' && url.searchParams.has('pair'))
      return answerExchange(req, res, sessions.exchangePairing(url.searchParams.get('pair') ?? ''), 'pair');

    const sessionId = cookieOf(req);
    const session = sessions.use(sessionId, streaming);
    if (!sessionId || !session) return send(res, 401, page(sessionId ? 'expired' : 'no-session'), HTML);
    const callerId = `host:${sessionId}`;

    if (url.pathname === PAIRING_PATH) {
      if (req.method !== 'POST') return send(res, 405, 'method not allowed', 'text/plain', { Allow: 'POST' });
      if (origin === undefined) return send(res, 403, 'origin required');
      // Only a signed-in, unlocked staff page pairs a customer screen; a customer screen never pairs another.
      if (session.kind !== 'staff' || !auth.isSignedIn(callerId)) return send(res, 403, 'staff sign-in required');
      const pairing = sessions.issuePairing();
      const actor = auth.resolve(callerId);
      if (actor)
        opts.app.services.audit.append({
          actor: { id: actor.user.id, name: actor.user.username },
          action: 'host.customer-screen-paired',
          target: 'customer-screen',
        });
      return send(
        res,
        200,
        JSON.stringify({
          url: `http://127.0.0.1:${port}/?pair=${pairing.token}`,
          expiresAt: new Date(pairing.expiresAt).toISOString(),
        }),
        'application/json; charset=utf-8',
      );
    }

    if (url.pathname.startsWith('/api/call/')) {
      if (req.method !== 'POST') return send(res, 405, 'method not allowed', 'text/plain', { Allow: 'POST' });
      if (origin === undefined) return send(res, 403, 'origin required');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'json only');
      const name = decodeURIComponent(url.pathname.slice('/api/call/'.length));
      if (session.kind === 'customer' && !(isCommandName(name) && CUSTOMER_SCREEN_COMMANDS.has(name)))
        return send(
          res,
          403,
          JSON.stringify({
            ok: false,
            error: { code: 'forbidden', message: '顾客屏只能用于评价，不能调用工作人员功能' },
          }),
          'application/json; charset=utf-8',
        );
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
        newStartUrl: () => `http://127.0.0.1:${port}/?token=${sessions.issueStartToken()}`,
        close: () =>
          new Promise<void>((done) => {
            clearInterval(sweeper);
            unsubscribe();
            for (const set of streams.values()) for (const res of set) res.end();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
