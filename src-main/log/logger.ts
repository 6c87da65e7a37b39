// The main-process logger: pino writing JSON lines asynchronously to size-rotated files
// (logs/main.1.log, main.2.log, …; the highest number is the current file), with personal data
// redacted before anything is written (./redaction.ts). Decision record: docs/decisions/0080-pino-logger.md.
import pino from 'pino';
import pinoRoll from 'pino-roll';
import { REDACT, scrubLine } from './redaction';

/** A small structured logger; everything it writes passes through personal-data redaction. */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

/** The app's logger: writes are queued and return at once; flush or close make them durable. */
export interface AppLogger extends Logger {
  /** Resolves once every line logged so far is written and fsynced. */
  flush(): Promise<void>;
  /** Writes what is queued synchronously (a best effort for synchronous shutdown paths). */
  flushSync(): void;
  /** Flushes and closes the file; later calls to info/warn/error are dropped. */
  close(): Promise<void>;
}

/** Size-based rotation: a file is closed at `maxBytes`, and `files` files are kept (the current one included). */
export interface LogRotation {
  maxBytes: number;
  files: number;
}

/** 10 MB × 10 files: about a month of a busy hall's log, 100 MB at most. */
export const DEFAULT_LOG_ROTATION: LogRotation = { maxBytes: 10 * 1024 * 1024, files: 10 };

export interface FileLoggerOptions {
  /** Base path without the rotation number: `<dataDir>/logs/main` → main.1.log, main.2.log, … */
  file: string;
  now?: () => Date;
  /** Also write every line to stderr (development). */
  echo?: boolean;
  rotation?: LogRotation;
}

/** How long close() waits for the file before giving up (shutdown must not hang on a stuck disk). */
const CLOSE_TIMEOUT_MS = 3000;

/** Opens the rotating log file and returns the logger writing to it. */
export async function openFileLogger(options: FileLoggerOptions): Promise<AppLogger> {
  const now = options.now ?? (() => new Date());
  const rotation = options.rotation ?? DEFAULT_LOG_ROTATION;
  if (!Number.isInteger(rotation.files) || rotation.files < 2)
    throw new RangeError('log rotation: files must be an integer ≥ 2');
  if (!Number.isInteger(rotation.maxBytes) || rotation.maxBytes < 1024)
    throw new RangeError('log rotation: maxBytes must be an integer ≥ 1024');
  const file = await pinoRoll({
    file: options.file,
    extension: '.log',
    size: `${Math.max(1, Math.floor(rotation.maxBytes / 1024))}k`,
    mkdir: true,
    // `count` old files besides the one being written, earlier sessions' files included.
    limit: { count: rotation.files - 1, removeOtherLogFiles: true },
    // Asynchronous: a write is queued and the call returns. minLength 1 still writes every line at once
    // (nothing waits in memory for a crash to lose), but lets flush() wait for the queue (with 0 it is a no-op).
    sync: false,
    minLength: 1,
  });
  // A failed write must never take the app down; the next write tries again.
  file.on('error', () => undefined);
  const destination = options.echo ? pino.multistream([{ stream: file }, { stream: process.stderr }]) : file;
  const logger = pino(
    {
      base: null,
      messageKey: 'message',
      timestamp: () => `,"at":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { error: pino.stdSerializers.errWithCause, err: pino.stdSerializers.errWithCause },
      redact: REDACT,
      hooks: { streamWrite: scrubLine },
    },
    destination,
  );
  let closed = false;
  let closing: Promise<void> | null = null;
  const write = (level: 'info' | 'warn' | 'error') => (message: string, data?: Record<string, unknown>) => {
    if (closed) return;
    if (data) logger[level](data, message);
    else logger[level](message);
  };
  const flush = (): Promise<void> =>
    closing ?? new Promise<void>((resolve, reject) => file.flush((err) => (err ? reject(err) : resolve())));
  return {
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    flush,
    flushSync() {
      try {
        file.flushSync();
      } catch {
        // Not open yet or already closed: nothing that could be written synchronously.
      }
    },
    close() {
      closed = true;
      closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, CLOSE_TIMEOUT_MS);
        timer.unref();
        file.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        file.end();
      });
      return closing;
    },
  };
}
