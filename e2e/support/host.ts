import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = resolve(__dirname, '..', '..');
const HOST_SCRIPT = join(ROOT, 'out', 'main', 'host.js');
const READY_LINE = /^tongban host: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/;

/** A browser host running on its own fresh data folder. */
export interface RunningHost {
  /** The one-time token URL the host printed. */
  url: string;
  origin: string;
  dataDir: string;
  /** Stops the host and deletes its data folder. */
  stop(): Promise<void>;
  /** Kills the host process at once (as in a crash or power loss) and keeps the data folder for a new host. */
  kill(): Promise<void>;
}

/** Starts `node out/main/host.js` on a new temp data folder (or on `dataDir`, to restart) and resolves once it prints its URL. */
export async function startHost(options: { dataDir?: string; args?: string[] } = {}): Promise<RunningHost> {
  if (!existsSync(HOST_SCRIPT) || !existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
    throw new Error(
      `${HOST_SCRIPT} or out/renderer/index.html is missing: run \`npm run build\` (electron-vite build) before the e2e tests.`,
    );
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tongban-e2e-'));
  const child = spawn(process.execPath, [HOST_SCRIPT, '--data', dataDir, '--port', '0', ...(options.args ?? [])], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        const match = READY_LINE.exec(line.trim());
        if (match?.[1]) resolveUrl(match[1]);
      });
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`host exited before it was ready (code ${code}, signal ${signal}):\n${stderr}`)),
      );
    });
    return {
      url,
      origin: new URL(url).origin,
      dataDir,
      stop: () => stopHost(child, dataDir),
      kill: () => stopHost(child, null, 'SIGKILL'),
    };
  } catch (err) {
    await stopHost(child, options.dataDir ? null : dataDir);
    throw err;
  }
}

async function stopHost(
  child: ChildProcess,
  dataDir: string | null,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill(signal);
    const forced = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(forced);
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
