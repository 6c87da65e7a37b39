// Processes for the fault test: gateway and window clients that can be SIGKILLed and restarted.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { bundleTestChild } from '../../src-main/testing/bundle-child';

const ROOT = join(__dirname, '..', '..');

/** Each entry bundled once per test process (bundle-child.ts): a restart then starts in under a second. */
const bundles = new Map<string, Promise<string>>();
function bundled(entry: string): Promise<string> {
  let file = bundles.get(entry);
  if (!file) bundles.set(entry, (file = bundleTestChild(join(ROOT, entry))));
  return file;
}

/**
 * A child process (`args`: a TypeScript entry and its arguments) that prints `marker` when ready; `kill()` is
 * SIGKILL, `start()` starts it again.
 */
export class Restartable {
  private child: ChildProcess | null = null;
  kills = 0;
  starts = 0;

  constructor(
    private readonly args: string[],
    private readonly marker: string,
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  /** Starts it and waits for the marker; a child that prints nothing for `timeoutMs` is killed and reported. */
  async start(timeoutMs = 120_000): Promise<void> {
    const [entry, ...args] = this.args as [string, ...string[]];
    const child = spawn(process.execPath, [await bundled(entry), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
    return new Promise((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => {
        child.removeAllListeners('exit');
        child.kill('SIGKILL');
        reject(
          new Error(
            `${this.args.join(' ')} not ready after ${timeoutMs} ms; stdout: ${out.slice(-2000)} stderr: ${err}`,
          ),
        );
      }, timeoutMs);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.args.join(' ')} exited (${code ?? signal}) before ready: ${err}`));
      });
      let ready = false;
      child.stdout?.on('data', (c: Buffer) => {
        if (ready) return; // keep draining the pipe, but a gateway's access log is not kept
        out = (out + c.toString()).slice(-8000);
        if (out.includes(this.marker)) {
          ready = true;
          clearTimeout(timer);
          child.removeAllListeners('exit');
          resolve();
        }
      });
    });
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.kills += 1;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.args.join(' ')} did not exit after SIGKILL`)), 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGKILL');
    });
  }

  /** Stops it gently (SIGTERM), for the end of the test. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  }
}

/** `promise`, or an error naming `what` after `ms`: a phase that hangs fails with its name, not a bare time-out. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer after ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * A free port below the kernel's ephemeral range (32768–60999 on Linux), for a server that is killed and
 * restarted on the same port: while it is down, an outgoing connection (windows, balancer, pool) can be given
 * an ephemeral port, and one equal to the server's would make its restart fail with EADDRINUSE.
 */
export async function restartablePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer();
      srv.once('error', () => resolve(false));
      srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port below the ephemeral range');
}

export { freePort } from '../../gateway/src/db/embedded';
export { seededRandom as seeded } from '@tongban/protocol/seeded-random';
