// A seeded fault-injecting TCP proxy for HTTP/1.1 on loopback (tc netem and toxiproxy are not
// available here). It reads just enough of each request (head + Content-Length) to find request
// boundaries and draws a fault for every request from a seeded PRNG, so a kept-alive connection
// gets a fresh draw per request. A request with a chunked body switches its connection to plain
// pass-through. Clients must not pipeline (fetch/undici does not by default).
import { createServer, type Server, type Socket } from 'node:net';
import { ProxiedConnection, type ProxyContext } from './proxied-connection';
import { seededRandom } from './seeded-random';

/** Faults the proxy can inject ('pass' forwards untouched). */
export type FaultMode = 'pass' | 'reset' | 'drop-reply' | 'delay-reply' | 'inject-503' | 'truncate-request';
/** A fault other than pass. */
export type Fault = Exclude<FaultMode, 'pass'>;
/** How often each mode fired; `blackout` counts connections and requests refused during a blackout. */
export type FaultStats = Record<FaultMode | 'blackout', number>;

/** Options of a fault proxy. */
export interface FaultProxyOptions {
  target: { host: string; port: number };
  seed: number;
  /** Probability of each fault per request; the rest passes. */
  probabilities?: Partial<Record<Fault, number>>;
  /** How long delay-reply holds a response (make it longer than the client's timeout). */
  delayMs?: number;
}

const FAULTS: Fault[] = ['reset', 'drop-reply', 'delay-reply', 'inject-503', 'truncate-request'];

/** The fault proxy: listen(), then point clients at its port. */
export class FaultProxy {
  private readonly server: Server;
  private readonly random: () => number;
  private readonly sockets = new Set<Socket>();
  private readonly counts: FaultStats = {
    pass: 0,
    reset: 0,
    'drop-reply': 0,
    'delay-reply': 0,
    'inject-503': 0,
    'truncate-request': 0,
    blackout: 0,
  };
  private dark = false;
  /** Fault probabilities per request; may be changed while running. */
  probabilities: Partial<Record<Fault, number>>;

  constructor(private readonly opts: FaultProxyOptions) {
    this.random = seededRandom(opts.seed);
    this.probabilities = { ...opts.probabilities };
    const ctx: ProxyContext = {
      target: opts.target,
      delayMs: opts.delayMs ?? 5000,
      isDark: () => this.dark,
      draw: () => this.draw(),
      random: () => this.random(),
      count: (what) => void this.counts[what]++,
      track: (s) => this.track(s),
    };
    this.server = createServer((client) => {
      this.track(client);
      if (this.dark) {
        this.counts.blackout++;
        client.resetAndDestroy();
        return;
      }
      new ProxiedConnection(ctx, client);
    });
  }

  /** Starts listening on 127.0.0.1 (port 0 = any free port); returns the port. */
  listen(port = 0): Promise<number> {
    return new Promise((resolve) =>
      this.server.listen(port, '127.0.0.1', () => resolve((this.server.address() as { port: number }).port)),
    );
  }

  /** Turns the blackout on (open connections are cut, new ones refused) or off. */
  blackout(on: boolean): void {
    this.dark = on;
    if (on) for (const s of this.sockets) s.resetAndDestroy();
  }

  /** How many times each mode fired so far. */
  stats(): FaultStats {
    return { ...this.counts };
  }

  /** Stops listening and cuts every connection. */
  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private draw(): FaultMode {
    const r = this.random();
    let acc = 0;
    for (const f of FAULTS) {
      acc += this.probabilities[f] ?? 0;
      if (r < acc) return f;
    }
    return 'pass';
  }

  private track(s: Socket): Socket {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => undefined);
    return s;
  }
}
