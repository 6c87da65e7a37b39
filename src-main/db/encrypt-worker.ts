// Worker-thread entry (built as out/main/encrypt-worker.js): encrypts a plaintext database in place off
// the main thread, so the Electron shell's windows stay responsive and its splash shows each step.
import { parentPort, workerData } from 'node:worker_threads';
import { encryptInPlace } from './encryption';

interface EncryptJob {
  file: string;
  keyHex: string;
}

const port = parentPort;
if (port) {
  const job = workerData as EncryptJob;
  try {
    encryptInPlace(job.file, Buffer.from(job.keyHex, 'hex'), (step) => port.postMessage({ step }));
    port.postMessage({ done: true });
  } catch (err) {
    port.postMessage({ error: { message: err instanceof Error ? err.message : String(err) } });
  }
}
