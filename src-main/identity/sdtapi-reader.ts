// The sdtapi driver, app side: runs sdtapi-helper in its own process (a utility process under
// Electron, a Node child process in the browser host: ./helper-process.ts) and talks to it with a
// time-out on every request. A helper that crashes, hangs or cannot load its library becomes a reader
// error; the next read starts a fresh helper.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { CardRead } from '@common/identity/card';
import type { sdtapiReaderSettingsSchema } from '@common/identity/settings';
import { parseTextBlock } from '@common/identity/text-block';
import { AppError } from '@common/errors';
import { forkLauncher, type HelperLauncher, type HelperProcess } from './helper-process';
import type { CardReader, DecodePhoto, ReaderProbe } from './reader';
import { probeOfError } from './reader';
import type { HelperMessage, HelperRequest } from './sdtapi-protocol';

/** Settings of this driver. */
export type SdtapiSettings = z.output<typeof sdtapiReaderSettingsSchema>;

/** Which helper module to start and the runtime options it needs. */
export interface HelperCommand {
  modulePath: string;
  execArgv: string[];
}

/** Options besides the settings: test seams (fake library, environment), the launcher, the WLT decoder, a log sink. */
export interface SdtapiOptions {
  fakeLibrary?: string;
  env?: Record<string, string>;
  helper?: HelperCommand;
  /** How the helper process is started; a Node child process unless the shell provides another. */
  launch?: HelperLauncher;
  decodePhoto?: DecodePhoto;
  today: () => Date;
  log?: (line: string) => void;
}

/** Startup allowance on top of the request time-out (process start; tsx when run from source). */
const STARTUP_MS = 15_000;

/**
 * The helper for code in `dir`: the TypeScript source through tsx when running from source (tests,
 * dev), else the built `sdtapi-helper.js`, which the main build emits as its own entry in out/main/ —
 * next to this code, or one folder up when the bundler put this code in out/main/chunks/.
 */
export function helperCommandFor(dir: string, fromSource: boolean, exists: (path: string) => boolean): HelperCommand {
  const source = join(dir, 'sdtapi-helper.ts');
  if (fromSource && exists(source)) return { modulePath: source, execArgv: ['--import', 'tsx'] };
  const built = [join(dir, 'sdtapi-helper.js'), join(dir, '..', 'sdtapi-helper.js')];
  return { modulePath: built.find(exists) ?? built[0]!, execArgv: [] };
}

/** The helper for this module (under Electron, existsSync sees inside the asar). */
export function defaultHelperCommand(): HelperCommand {
  return helperCommandFor(__dirname, __filename.endsWith('.ts'), existsSync);
}

type Result = Extract<HelperMessage, { type: 'result' }>;
interface Pending {
  resolve(result: Result): void;
  reject(err: AppError): void;
  timer: NodeJS.Timeout;
}

/** Reads cards through the standard library in a helper process. */
export class SdtapiReader implements CardReader {
  private child: HelperProcess | null = null;
  private started: Promise<HelperProcess> | null = null;
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

  private helper(): Promise<HelperProcess> {
    if (this.started) return this.started;
    const command = this.options.helper ?? defaultHelperCommand();
    const launch = this.options.launch ?? forkLauncher;
    const args = this.options.fakeLibrary
      ? ['--fake-library', this.options.fakeLibrary]
      : ['--library', this.settings.libraryPath];
    const started = new Promise<HelperProcess>((resolve, reject) => {
      let child: HelperProcess | null = null;
      const startup = setTimeout(() => {
        const err = new AppError('reader-timeout', 'reader helper did not start');
        reject(err);
        this.stopHelper(err);
      }, this.settings.timeoutMs + STARTUP_MS);
      try {
        child = launch(
          {
            modulePath: command.modulePath,
            args,
            execArgv: command.execArgv,
            env: { ...process.env, ...this.options.env },
          },
          {
            output: (text) => this.options.log?.(text.slice(0, 2000)),
            message: (message: HelperMessage) => {
              if (message.type === 'ready') {
                clearTimeout(startup);
                if (child) resolve(child);
              } else if (message.type === 'fatal') {
                clearTimeout(startup);
                reject(new AppError('reader-library-missing', message.message));
                // A helper without its library is of no use: end it (a utility process does not end by itself).
                if (this.child === child) this.forget();
                child?.kill();
              } else {
                const p = this.pending.get(message.id);
                if (!p) return;
                this.pending.delete(message.id);
                clearTimeout(p.timer);
                p.resolve(message);
              }
            },
            error: (err) => {
              clearTimeout(startup);
              reject(new AppError('reader-library-missing', `reader helper cannot start: ${err.message}`));
            },
            exit: (description, exitCode, signal) => {
              clearTimeout(startup);
              if (child && this.child === child) this.forget();
              const crash = new AppError('reader-error', `reader helper ended (${description})`, {
                reason: 'helper-crashed',
                exitCode,
                signal,
              });
              reject(crash);
              this.rejectAll(crash);
            },
          },
        );
      } catch (err) {
        clearTimeout(startup);
        reject(
          new AppError(
            'reader-library-missing',
            `reader helper cannot start: ${err instanceof Error ? err.message : String(err)}`,
          ),
        );
        return;
      }
      this.child = child;
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
    child?.kill();
  }
}
