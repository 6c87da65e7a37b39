// Encrypting an existing plaintext database takes minutes on a large one (1,000,000 cases: 133 s). On the
// main thread that would freeze every window of the Electron shell (Windows marks it 未响应) and no progress
// could be drawn; here it runs in a worker thread and reports its steps as they happen (issue #17, item 8).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EncryptStep } from './encryption';

/** The worker's module: the TypeScript source through tsx when running from source (tests, dev), else the built entry. */
export function encryptWorkerScript(dir: string, fromSource: boolean): { file: string; execArgv: string[] } {
  const source = join(dir, 'encrypt-worker.ts');
  if (fromSource && existsSync(source)) return { file: source, execArgv: ['--import', 'tsx'] };
  // The main build emits it as its own entry in out/main/: next to this code, or one folder up from chunks/.
  const built = [join(dir, 'encrypt-worker.js'), join(dir, '..', 'encrypt-worker.js')];
  return { file: built.find((p) => existsSync(p)) ?? built[0]!, execArgv: [] };
}

/** Runs encryptInPlace(file, key) in a worker thread; `onStep` sees 'started' and then every step. */
export function encryptInWorker(
  file: string,
  key: Buffer,
  onStep: (step: EncryptStep | 'started') => void = () => undefined,
): Promise<void> {
  const script = encryptWorkerScript(__dirname, __filename.endsWith('.ts'));
  const workerData = { file, keyHex: key.toString('hex') };
  const worker = new Worker(script.file, { workerData, execArgv: script.execArgv });
  onStep('started');
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (err?: Error) => {
      if (settled) return;
      settled = true;
      if (err) reject(err);
      else resolve();
    };
    worker.on('message', (m: { step?: EncryptStep; done?: true; error?: { message: string } }) => {
      if (m.step) onStep(m.step);
      if (m.done) settle();
      if (m.error) settle(new Error(m.error.message));
    });
    worker.on('error', (err) => settle(err));
    worker.on('exit', (code) => settle(code === 0 ? undefined : new Error(`encryption worker exited with ${code}`)));
  });
}
