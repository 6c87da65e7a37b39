// A round-robin TCP load balancer on 127.0.0.1, as an operator would put in front of several gateway
// processes (nginx `upstream`, HAProxy): each new connection goes to the next backend; one that refuses
// the connection is skipped for the next. Keep-alive connections stay with the backend they reached.
import { connect, createServer, type Server, type Socket } from 'node:net';

/** The balancer; `listen()` gives the port to point clients at. */
export class RoundRobin {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private next = 0;
  /** Connections handed to each backend (by index). */
  readonly connections: number[];

  constructor(private readonly backends: { host: string; port: number }[]) {
    this.connections = backends.map(() => 0);
    this.server = createServer((client) => this.accept(client, 0));
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

  private track(s: Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
  }

  private accept(client: Socket, tried: number): void {
    if (tried === 0) {
      this.track(client);
      client.pause();
      client.on('error', () => client.destroy());
    }
    const index = this.next++ % this.backends.length;
    const upstream = connect(this.backends[index]!);
    this.track(upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      this.connections[index]! += 1;
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      // A backend that is down: try the next one, as a balancer's health-less retry does; give up after all.
      if (!connected && tried + 1 < this.backends.length && !client.destroyed) this.accept(client, tried + 1);
      else client.destroy();
    });
    upstream.on('close', () => {
      if (connected) client.destroy();
    });
    client.on('close', () => upstream.destroy());
  }
}
