// Long operations report progress through the event bus (to the caller who started them, or to
// everyone for background work) and can be cancelled by that caller where it is safe.
import { randomUUID } from 'node:crypto';
import { AppError } from '@common/errors';
import type { ProgressEvent } from '@common/progress';
import type { EventBus } from './event-bus';
import { ENCRYPT_STEPS, type EncryptStep } from '../db/encryption';
import type { Logger } from '../log/logger';

/** Reports at most this often while running (the first and last reports always go out). */
const MIN_INTERVAL_MS = 100;

/** One running operation. */
export class ProgressTask {
  readonly id = randomUUID();
  private readonly abort = new AbortController();
  private lastEmit = 0;
  private done = 0;

  constructor(
    private readonly owner: ProgressTracker,
    readonly callerId: string | null,
    readonly spec: Pick<ProgressEvent, 'kind' | 'unit' | 'cancellable'>,
    private total: number | null,
  ) {}

  get cancelled(): boolean {
    return this.abort.signal.aborted;
  }

  /** Throws `cancelled` once the caller has asked to stop (call it where stopping is safe). */
  throwIfCancelled(): void {
    if (this.cancelled) throw new AppError('cancelled', 'cancelled by the user');
  }

  update(done: number, total: number | null = this.total): void {
    const newTotal = total !== this.total;
    this.done = done;
    this.total = total;
    const now = Date.now();
    // A newly known total always goes out (the bar changes from indeterminate to counted).
    if (!newTotal && now - this.lastEmit < MIN_INTERVAL_MS && (total === null || done < total)) return;
    this.lastEmit = now;
    this.emit('running');
  }

  /** Ends the task: done, failed, or cancelled (when the error is the cancellation). */
  end(error?: unknown): void {
    const phase =
      error === undefined ? 'done' : error instanceof AppError && error.code === 'cancelled' ? 'cancelled' : 'failed';
    if (phase === 'done' && this.total !== null) this.done = this.total;
    this.emit(phase);
    this.owner.forget(this);
  }

  requestCancel(): void {
    this.abort.abort();
  }

  /** Runs `work` as this task: reports the start, then the end whatever happens. */
  async run<T>(work: (task: ProgressTask) => Promise<T>): Promise<T> {
    this.emit('running');
    try {
      const result = await work(this);
      this.end();
      return result;
    } catch (err) {
      this.end(err);
      throw err;
    }
  }

  private emit(phase: ProgressEvent['phase']): void {
    this.owner.emit({ taskId: this.id, ...this.spec, done: this.done, total: this.total, phase }, this.callerId);
  }
}

/** The running tasks of this process. */
export class ProgressTracker {
  private readonly tasks = new Map<string, ProgressTask>();

  constructor(private readonly events: EventBus) {}

  start(
    callerId: string | null,
    spec: Pick<ProgressEvent, 'kind' | 'unit' | 'cancellable'>,
    total: number | null = null,
  ): ProgressTask {
    const task = new ProgressTask(this, callerId, spec, total);
    this.tasks.set(task.id, task);
    return task;
  }

  /** A caller cancels its own cancellable task; anything else is not found (nothing changes). */
  cancel(callerId: string, taskId: string): void {
    const task = this.tasks.get(taskId);
    if (!task || task.callerId !== callerId) throw new AppError('not-found', 'no such task');
    if (!task.spec.cancellable)
      throw new AppError('invalid-input', 'this task cannot be cancelled', {
        fields: [{ path: 'taskId', code: 'not-cancellable' }],
      });
    task.requestCancel();
  }

  emit(event: ProgressEvent, callerId: string | null): void {
    this.events.emit('progress', event, callerId);
  }

  forget(task: ProgressTask): void {
    this.tasks.delete(task.id);
  }
}

/**
 * Progress of encrypting an existing plaintext database at start-up (once, on the upgrade to encryption at
 * rest), reported to everyone and logged. Not cancellable: the app cannot open the database until it is done;
 * a kill at any step is safe (encryption.ts), and the next start simply does it again.
 */
export function encryptionProgress(
  progress: ProgressTracker,
  log: Logger,
): { onStep: (step: EncryptStep | 'started') => void; failed: (err: unknown) => void } {
  let task: ProgressTask | null = null;
  return {
    onStep: (step) => {
      if (step === 'started') {
        // A second start (the worker failed and the main thread takes over) continues the same bar.
        task ??= progress.start(null, { kind: 'encryption', unit: 'steps', cancellable: false }, ENCRYPT_STEPS.length);
        task.update(0);
        log.info('encrypting the existing database', { steps: ENCRYPT_STEPS.length });
        return;
      }
      task?.update(ENCRYPT_STEPS.indexOf(step) + 1);
      if (step === 'renamed') {
        task?.end();
        task = null;
        log.info('database encrypted in place');
      }
    },
    failed: (err) => {
      task?.end(err);
      task = null;
    },
  };
}
