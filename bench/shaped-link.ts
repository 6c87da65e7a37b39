// A TCP proxy that behaves like a hall's link to a department in another province: every byte
// towards the server shares one uplink of fixed bandwidth (a queue, as on a real access line), and
// every chunk in either direction arrives half a round trip late. tc/netem is not available here.
import { createServer, connect, type Server, type Socket } from 'node:net';

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
    // Upstream: wait for the shared uplink, then for the propagation delay. Order is kept per connection
    // because a later chunk never leaves the queue before an earlier one.
    let lastUpAt = 0;
    client.on('data', (chunk: Buffer) => {
      const now = performance.now();
      lastUpAt = Math.max(now, this.uplinkFreeAt) + chunk.length / bytesPerMs + oneWay;
      this.uplinkFreeAt = lastUpAt - oneWay;
      this.deliver(server, chunk, lastUpAt - now);
    });
    // Downstream (small replies): the propagation delay only.
    server.on('data', (chunk: Buffer) => this.deliver(client, chunk, oneWay));
    client.on('end', () => setTimeout(() => server.end(), Math.max(oneWay, lastUpAt - performance.now())));
    server.on('end', () => setTimeout(() => client.end(), oneWay));
  }

  private deliver(to: Socket, chunk: Buffer, afterMs: number): void {
    setTimeout(
      () => {
        if (!to.destroyed) to.write(chunk);
      },
      Math.max(0, afterMs),
    );
  }
}
