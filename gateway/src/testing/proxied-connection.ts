// One proxied HTTP/1.1 connection of the fault proxy: finds request boundaries (head +
// Content-Length), applies the fault drawn for each request, and relays the replies.
import { createConnection, type Socket } from 'node:net';
import type { FaultMode } from './fault-proxy';

const MAX_HEAD = 64 * 1024;

const BODY_503 = JSON.stringify({ error: { code: 'unavailable', message: 'injected by the fault proxy' } });
const RESPONSE_503 =
  'HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nRetry-After: 1\r\n' +
  `Content-Length: ${Buffer.byteLength(BODY_503)}\r\nConnection: close\r\n\r\n${BODY_503}`;

/** What one proxied connection needs from its proxy. */
export interface ProxyContext {
  target: { host: string; port: number };
  delayMs: number;
  isDark(): boolean;
  draw(): FaultMode;
  random(): number;
  count(what: FaultMode | 'blackout'): void;
  track(s: Socket): Socket;
}

type ConnectionState = 'head' | 'body' | 'raw' | 'dead';

/** One client connection and its upstream connection to the gateway. */
export class ProxiedConnection {
  private upstream: Socket | null = null;
  private pending: Buffer = Buffer.alloc(0);
  private state: ConnectionState = 'head';
  private remaining = 0;
  private mode: FaultMode = 'pass';
  private truncateAt = 0;
  private sent = 0;
  private held: Buffer[] | null = null;
  private upstreamClosed = false;

  constructor(
    private readonly ctx: ProxyContext,
    private readonly client: Socket,
  ) {
    client.on('data', (chunk: Buffer) => this.onClientData(chunk));
    client.on('close', () => this.upstream?.destroy());
  }

  private kill(): void {
    this.state = 'dead';
    this.client.resetAndDestroy();
    this.upstream?.resetAndDestroy();
  }

  private connectUpstream(): Socket {
    if (this.upstream) return this.upstream;
    const up = this.ctx.track(createConnection(this.ctx.target));
    up.on('data', (chunk: Buffer) => this.onUpstreamData(chunk));
    up.on('close', () => {
      this.upstreamClosed = true;
      if (!this.held) this.client.end();
    });
    up.on('error', () => this.client.resetAndDestroy());
    this.upstream = up;
    return up;
  }

  private onUpstreamData(chunk: Buffer): void {
    if (this.mode === 'drop-reply') {
      this.ctx.count('drop-reply'); // the gateway has answered, so it has committed; the client never hears it
      this.kill();
    } else if (this.mode === 'delay-reply') {
      if (!this.held) {
        this.ctx.count('delay-reply');
        this.held = [];
        setTimeout(() => this.flushHeld(), this.ctx.delayMs);
      }
      this.held.push(chunk);
    } else if (!this.client.destroyed) {
      this.client.write(chunk);
    }
  }

  private flushHeld(): void {
    const held = this.held ?? [];
    this.held = null;
    this.mode = 'pass';
    if (this.client.destroyed) return;
    for (const c of held) this.client.write(c);
    if (this.upstreamClosed) this.client.end();
  }

  /** Decides the fault of a request from its head; false when the request goes no further. */
  private startRequest(head: Buffer): boolean {
    const text = head.toString('latin1');
    const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(text)?.[1] ?? 0);
    const chunked = /\r\ntransfer-encoding:\s*chunked/i.test(text);
    if (this.ctx.isDark()) {
      this.ctx.count('blackout');
      this.kill();
      return false;
    }
    this.mode = this.ctx.draw();
    if (this.mode === 'truncate-request' && (length < 2 || chunked)) this.mode = 'pass';
    if (this.mode !== 'drop-reply' && this.mode !== 'delay-reply') this.ctx.count(this.mode); // those two count when they fire
    if (this.mode === 'reset') {
      this.kill();
      return false;
    }
    if (this.mode === 'inject-503') {
      this.state = 'dead';
      this.client.end(RESPONSE_503);
      this.upstream?.destroy();
      return false;
    }
    this.sent = 0;
    this.truncateAt =
      this.mode === 'truncate-request' ? Math.max(1, Math.floor(length * (0.2 + 0.6 * this.ctx.random()))) : Infinity;
    this.connectUpstream().write(head);
    this.state = chunked ? 'raw' : 'body';
    this.remaining = length;
    return true;
  }

  private forwardBody(part: Buffer): void {
    const upstream = this.connectUpstream();
    const slice = part.subarray(0, Math.max(0, this.truncateAt - this.sent));
    this.sent += slice.length;
    if (this.sent < this.truncateAt) {
      upstream.write(slice);
      return;
    }
    // Part of the body reached the gateway; now cut both sides, as a dropped upload would.
    this.state = 'dead';
    upstream.write(slice, () => setTimeout(() => this.kill(), 20));
  }

  private onClientData(chunk: Buffer): void {
    if (this.state === 'dead') return;
    if (this.state === 'raw') {
      this.upstream?.write(chunk);
      return;
    }
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      if (this.state === 'head') {
        const end = this.pending.indexOf('\r\n\r\n');
        if (end < 0) {
          if (this.pending.length > MAX_HEAD) this.kill();
          return;
        }
        const head = this.pending.subarray(0, end + 4);
        this.pending = this.pending.subarray(end + 4);
        if (!this.startRequest(head)) return;
        if ((this.state as ConnectionState) === 'raw') {
          if (this.pending.length) this.upstream?.write(this.pending);
          this.pending = Buffer.alloc(0);
          return;
        }
      } else if (this.state === 'body') {
        if (this.remaining === 0) {
          this.state = 'head';
          continue;
        }
        if (this.pending.length === 0) return;
        const take = Math.min(this.remaining, this.pending.length);
        const part = this.pending.subarray(0, take);
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        this.forwardBody(part);
      } else {
        return;
      }
    }
  }
}
