// Starts the built browser host as a child process and resolves with its printed URL.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** A running host process. */
export interface HostProcess {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The repository root. */
export const ROOT = join(__dirname, '..');

/** Spawns `node out/main/host.js --data dataDir --port 0` (of `root`) and waits for its `tongban host:` line. */
export function startHostProcess(dataDir: string, root = ROOT): Promise<HostProcess> {
  const child = spawn(process.execPath, [join(root, 'out', 'main', 'host.js'), '--data', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => reject(new Error(`host exited (${code}): ${err}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /tongban host: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))/.exec(out);
      if (!m) return;
      child.removeAllListeners('exit');
      resolve({
        url: m[1] as string,
        origin: `http://127.0.0.1:${m[2]}`,
        token: m[3] as string,
        child,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
