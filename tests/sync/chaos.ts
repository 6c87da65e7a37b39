// Processes for the fault test: gateway and window clients that can be SIGKILLed and restarted.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A child process that prints `marker` when ready; `kill()` is SIGKILL, `start()` starts it again. */
export class Restartable {
  private child: ChildProcess | null = null;
  kills = 0;
  starts = 0;

  constructor(
    private readonly args: string[],
    private readonly marker: string,
    private readonly env: NodeJS.ProcessEnv = {},
  ) {}

  start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', ...this.args], {
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
      child.once('exit', (code, signal) =>
        reject(new Error(`${this.args.join(' ')} exited (${code ?? signal}) before ready: ${err}`)),
      );
      child.stdout?.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes(this.marker)) {
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
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
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

export { freePort } from '../../gateway/src/db/embedded';
export { seededRandom as seeded } from '@tongban/protocol/seeded-random';
