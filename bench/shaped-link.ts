// A TCP proxy that behaves like a hall's link to a department in another province: every byte
// towards the server shares one uplink of fixed bandwidth (a queue, as on a real access line), and
// every chunk in either direction arrives half a round trip late. tc/netem is not available here.
import { spawn } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { ROOT } from './host-process';

/** The link: uplink bandwidth (bits per second, shared by all connections) and round-trip time. */
export interface LinkShape {
  uplinkBitsPerSecond: number;
  rttMs: number;
}

/** One shaped link in front of `target`; `listen()` gives the port to point clients at. */
export class ShapedLink {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** When the uplink is free again (ms, performance.now() clock). */
  private uplinkFreeAt = 0;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly shape: LinkShape,
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  listen(): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as { port: number }).port)),
    );
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const server = connect(this.target);
    for (const s of [client, server]) {
      this.sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => this.sockets.delete(s));
      s.on('error', () => {
        client.destroy();
        server.destroy();
      });
    }
    const oneWay = this.shape.rttMs / 2;
    const bytesPerMs = this.shape.uplinkBitsPerSecond / 8 / 1000;
    const up = new DelayedPipe(server);
    const down = new DelayedPipe(client);
    // Upstream: wait for the shared uplink, then for the propagation delay. Each direction of a connection is one
    // ordered queue: separate timers per chunk could fire out of order (timers start from the event loop's cached
    // millisecond, not performance.now()), which reordered bytes and made servers drop the connection.
    client.on('data', (chunk: Buffer) => {
      const now = performance.now();
      const at = Math.max(now, this.uplinkFreeAt) + chunk.length / bytesPerMs + oneWay;
      this.uplinkFreeAt = at - oneWay;
      up.push(chunk, at);
    });
    // Downstream (small replies): the propagation delay only.
    server.on('data', (chunk: Buffer) => down.push(chunk, performance.now() + oneWay));
    client.on('end', () => up.end(performance.now() + oneWay));
    server.on('end', () => down.end(performance.now() + oneWay));
  }
}

/** Writes chunks to a socket in arrival order, each not before its due time; then ends it when asked. */
class DelayedPipe {
  private readonly queue: { chunk: Buffer | null; at: number }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly to: Socket) {}

  push(chunk: Buffer | null, at: number): void {
    this.queue.push({ chunk, at });
    this.schedule();
  }

  /** Ends the socket after every queued chunk (and not before `at`). */
  end(at: number): void {
    this.push(null, at);
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    const head = this.queue[0] as { at: number };
    this.timer = setTimeout(() => this.flush(), Math.max(0, head.at - performance.now()));
  }

  private flush(): void {
    this.timer = null;
    const now = performance.now();
    while (this.queue.length > 0 && (this.queue[0] as { at: number }).at <= now + 0.5) {
      const { chunk } = this.queue.shift() as { chunk: Buffer | null };
      if (this.to.destroyed) continue;
      if (chunk === null) this.to.end();
      else this.to.write(chunk);
    }
    this.schedule();
  }
}

/**
 * A shaped link in front of `target` run by a process of its own (shaped-link-process.ts), as the network is
 * apart from both ends: its timers fire on time whatever the client's event loop is doing. The same for a
 * drain and its bare upload.
 */
export function startShapedLink(
  target: { host: string; port: number },
  shape: LinkShape,
): Promise<{ port: number; pid: number; close: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/shaped-link-process.ts',
      target.host,
      String(target.port),
      String(shape.uplinkBitsPerSecond),
      String(shape.rttMs),
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`shaped link exited (${code})`)));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /LINK (\d+)\n/.exec(out);
      if (m)
        resolve({
          port: Number(m[1]),
          pid: child.pid!,
          close: () => {
            process.off('exit', kill);
            child.kill('SIGTERM');
            return exited;
          },
        });
    });
  });
}
