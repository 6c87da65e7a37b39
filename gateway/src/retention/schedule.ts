// The serve process runs retention by itself: shortly after start, then every few hours. Several processes
// may do so on one database; runRetention lets one run at a time and the others skip.
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import type { BlobStore } from '../attachments/blob-store';
import { runRetention } from './retention';

const FIRST_RUN_MS = 60_000;
const DEFAULT_EVERY_MS = 6 * 3600_000;

/** Starts the periodic job; `stop` waits for a run in progress. */
export function scheduleRetention(
  pool: pg.Pool,
  store: BlobStore,
  opts: { days: number; everyMs?: number },
  log: FastifyBaseLogger,
): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = runRetention(pool, store, { days: opts.days })
      .then((counts) => {
        if (counts && counts.cases + counts.filesDeleted + counts.orphansDeleted > 0)
          log.info({ retention: counts }, 'retention run');
      })
      .catch((err: unknown) => log.error({ err }, 'retention run failed'))
      .finally(() => {
        running = null;
      });
  };
  const every = opts.everyMs ?? DEFAULT_EVERY_MS;
  const first = setTimeout(run, Math.min(FIRST_RUN_MS, every));
  const timer = setInterval(run, every);
  first.unref();
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
