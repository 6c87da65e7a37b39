// The sdtapi driver, app side: runs sdtapi-helper in a child process and talks to it over IPC with
// a time-out on every request. A helper that crashes, hangs or cannot load its library becomes a
// reader error; the next read starts a fresh helper.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { CardRead } from '@common/identity/card';
import type { sdtapiReaderSettingsSchema } from '@common/identity/settings';
import { parseTextBlock } from '@common/identity/text-block';
import { AppError } from '@common/errors';
import type { CardReader, DecodePhoto, ReaderProbe } from './reader';
import { probeOfError } from './reader';
import type { HelperMessage, HelperRequest } from './sdtapi-protocol';

/** Settings of this driver. */
export type SdtapiSettings = z.output<typeof sdtapiReaderSettingsSchema>;

/** How to start the helper: a module, the Node options it needs, and optionally the Node runtime. */
export interface HelperCommand {
  modulePath: string;
  execArgv: string[];
  execPath?: string;
}

/** Options besides the settings: test seams (fake library, environment), the WLT decoder, a log sink. */
export interface SdtapiOptions {
  fakeLibrary?: string;
  env?: Record<string, string>;
  helper?: HelperCommand;
  decodePhoto?: DecodePhoto;
  today: () => Date;
  log?: (line: string) => void;
}

/** Startup allowance on top of the request time-out (Node start; tsx when run from source). */
const STARTUP_MS = 15_000;

/**
 * The helper next to this module: the TypeScript source through tsx when running from source
 * (tests, dev), else the built `sdtapi-helper.js`, which the main build must emit as its own entry.
 */
export function defaultHelperCommand(): HelperCommand {
  const source = join(__dirname, 'sdtapi-helper.ts');
  if (__filename.endsWith('.ts') && existsSync(source)) return { modulePath: source, execArgv: ['--import', 'tsx'] };
  return { modulePath: join(__dirname, 'sdtapi-helper.js'), execArgv: [] };
}

type Result = Extract<HelperMessage, { type: 'result' }>;
interface Pending {
  resolve(result: Result): void;
  reject(err: AppError): void;
  timer: NodeJS.Timeout;
}

/** Reads cards through the standard library in a helper process. */
export class SdtapiReader implements CardReader {
  private child: ChildProcess | null = null;
  private started: Promise<ChildProcess> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly settings: SdtapiSettings,
    private readonly options: SdtapiOptions,
  ) {}

  async status(): Promise<ReaderProbe> {
    try {
      const result = await this.call('probe');
      if (!result.ok) throw new AppError(result.code, result.message, { reason: result.reason ?? null });
      return { state: 'ready' };
    } catch (err) {
      return probeOfError(err);
    }
  }

  async read(signal: AbortSignal): Promise<CardRead> {
    const onAbort = () => this.stopHelper(new AppError('reader-error', 'read aborted', { reason: 'aborted' }));
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      const result = await this.call('read');
      if (!result.ok)
        throw new AppError(result.code, result.message, {
          reason: result.reason ?? null,
          status: result.status ?? null,
        });
      const parsed = parseTextBlock(Buffer.from(result.text ?? '', 'base64'), { today: this.options.today() });
      if (!parsed.ok)
        throw new AppError('reader-error', `card text unusable at ${parsed.field}`, {
          reason: 'card-data-invalid',
          field: parsed.field,
          code: parsed.code,
        });
      const photo =
        result.photo && this.options.decodePhoto
          ? await this.options.decodePhoto(Buffer.from(result.photo, 'base64'))
          : undefined;
      return photo ? { ...parsed.card, photo } : parsed.card;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  close(): void {
    this.stopHelper(new AppError('reader-error', 'reader closed', { reason: 'aborted' }));
  }

  private async call(op: HelperRequest['op']): Promise<Result> {
    const child = await this.helper();
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A library call that does not return is stuck inside the vendor code: only killing the helper frees the reader.
        this.stopHelper(
          new AppError('reader-timeout', `reader library gave no answer within ${this.settings.timeoutMs} ms`),
        );
      }, this.settings.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      child.send({ id, op, port: this.settings.port } satisfies HelperRequest);
    });
  }

  private helper(): Promise<ChildProcess> {
    if (this.started) return this.started;
    const command = this.options.helper ?? defaultHelperCommand();
    const execPath = this.settings.helperExecPath || command.execPath;
    // Inside Electron, fork() would start the Electron binary, and the runAsNode fuse is off: that
    // would open a second app, not a helper. The desktop app needs a Node runtime for the helper.
    if (!execPath && process.versions.electron) {
      return Promise.reject(
        new AppError('reader-library-missing', 'set a Node runtime for the reader helper (helperExecPath)', {
          reason: 'helper-runtime-missing',
        }),
      );
    }
    const args = this.options.fakeLibrary
      ? ['--fake-library', this.options.fakeLibrary]
      : ['--library', this.settings.libraryPath];
    const started = new Promise<ChildProcess>((resolve, reject) => {
      const child = fork(command.modulePath, args, {
        execArgv: command.execArgv,
        ...(execPath ? { execPath } : {}),
        env: { ...process.env, ...this.options.env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        serialization: 'json',
      });
      this.child = child;
      const log = (chunk: Buffer) => this.options.log?.(chunk.toString('utf8').slice(0, 2000));
      child.stdout?.on('data', log);
      child.stderr?.on('data', log);
      const startup = setTimeout(() => {
        const err = new AppError('reader-timeout', 'reader helper did not start');
        reject(err);
        this.stopHelper(err);
      }, this.settings.timeoutMs + STARTUP_MS);
      child.on('message', (message: HelperMessage) => {
        if (message.type === 'ready') {
          clearTimeout(startup);
          resolve(child);
        } else if (message.type === 'fatal') {
          clearTimeout(startup);
          reject(new AppError('reader-library-missing', message.message));
        } else {
          const p = this.pending.get(message.id);
          if (!p) return;
          this.pending.delete(message.id);
          clearTimeout(p.timer);
          p.resolve(message);
        }
      });
      child.on('error', (err) => {
        clearTimeout(startup);
        reject(new AppError('reader-library-missing', `reader helper cannot start: ${err.message}`));
      });
      child.on('exit', (code, signal) => {
        clearTimeout(startup);
        if (this.child === child) this.forget();
        const crash = new AppError('reader-error', `reader helper ended (${signal ?? code})`, {
          reason: 'helper-crashed',
          exitCode: code,
          signal,
        });
        reject(crash);
        this.rejectAll(crash);
      });
    });
    this.started = started;
    started.catch(() => this.forget());
    return started;
  }

  private forget(): void {
    this.child = null;
    this.started = null;
  }

  private rejectAll(err: AppError): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(err);
    }
  }

  private stopHelper(reason: AppError): void {
    const child = this.child;
    this.forget();
    this.rejectAll(reason);
    child?.kill('SIGKILL');
  }
}
