// The sync round's sending: `concurrency` workers, each taking the oldest due operation of a case no other
// worker holds (operations of one case stay in order), under the outbox lease; a backlog shows progress.
import type { ProgressTracker } from '../events/progress';
import type { OutboxOp, SyncRepo } from './sync-repo';

/** A push with this many cases waiting shows a progress bar (a normal round sends one or two). */
export const BACKLOG_CASES = 10;

/** A backlog's progress is counted at most this often (a scan of the outbox; a backlog takes minutes). */
const PROGRESS_INTERVAL_MS = 1000;

/** What the workers need from the engine. */
export interface PushWorkers {
  repo: SyncRepo;
  progress?: ProgressTracker;
  concurrency: number;
  now: () => Date;
  /** Renews the outbox lease at `at`; false when another process holds it. */
  lease: (at: Date) => boolean;
}

/** Sends what is due; with a backlog at the start, reports the cases delivered of it as progress. */
export async function pushWithProgress(
  w: PushWorkers,
  send: (op: OutboxOp) => Promise<'next' | 'stop'>,
): Promise<'done' | 'stop'> {
  const backlog = w.repo.pendingSummary().cases;
  if (backlog < BACKLOG_CASES || !w.progress) return pushDue(w, send, () => undefined);
  const task = w.progress.start(null, { kind: 'sync', unit: 'cases', cancellable: false }, backlog);
  // Cases delivered so far of the backlog at the start (new cases taken meanwhile are not counted). Counting the
  // pending cases reads the whole outbox: at most once per PROGRESS_INTERVAL_MS, not once per case sent.
  let countedAt = -Infinity;
  return task.run(() =>
    pushDue(w, send, () => {
      const now = performance.now();
      if (now - countedAt < PROGRESS_INTERVAL_MS) return;
      countedAt = now;
      task.update(Math.max(0, backlog - w.repo.pendingSummary().cases));
    }),
  );
}

/**
 * Sends due operations with `concurrency` workers. A worker stops when nothing is due; all stop when the
 * lease is lost or an outcome says the round must end.
 */
async function pushDue(
  w: PushWorkers,
  send: (op: OutboxOp) => Promise<'next' | 'stop'>,
  onSent: () => void,
): Promise<'done' | 'stop'> {
  const busy = new Set<string>();
  let stopped = false;
  const worker = async (): Promise<void> => {
    while (!stopped) {
      const now = w.now();
      if (!w.lease(now)) {
        stopped = true;
        return;
      }
      const op = w.repo.dueOps(now.toISOString(), w.concurrency * 2).find((o) => !busy.has(o.caseId));
      if (!op) return;
      busy.add(op.caseId);
      try {
        if ((await send(op)) === 'stop') stopped = true;
        onSent();
      } finally {
        busy.delete(op.caseId);
      }
    }
  };
  await Promise.all(Array.from({ length: w.concurrency }, worker));
  return stopped ? 'stop' : 'done';
}
