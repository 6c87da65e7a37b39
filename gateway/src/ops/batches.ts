// The push path's deferred work (decision 0243), applied in batches: the audit chain links the rows appended
// unchained, the supervision rollups take in the queued case changes. Every process of a gateway runs it every
// second; the database lets one linker and one flusher work at a time, so several processes never conflict.
// Readers of the chain or the rollups run the same step first, so the interval bounds only how long a row waits.
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import { linkAuditChain } from '../audit';
import { flushRollups } from '../supervision/rollups';

export const DEFAULT_BATCH_EVERY_MS = 1000;

/** One batch: the audit chain, then the rollups. */
export async function runBatches(pool: pg.Pool): Promise<{ linked: number; flushed: number }> {
  const linked = await linkAuditChain(pool);
  const flushed = await flushRollups(pool);
  return { linked, flushed };
}

/**
 * Starts the periodic batch (0 = never: a test that runs it itself); `stop` waits for a run in progress. Give it a
 * pool of its own (one connection): the functions are then compiled and their statements planned once.
 */
export function scheduleBatches(pool: pg.Pool, everyMs: number, log: FastifyBaseLogger): { stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = () => {
    if (running || stopped) return;
    running = runBatches(pool)
      .then(() => undefined)
      .catch((err: unknown) => log.error({ err }, 'push batch failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = everyMs > 0 ? setInterval(run, everyMs) : null;
  timer?.unref();
  return {
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
      // What the last interval left: chained and added before the pool closes.
      await runBatches(pool).catch(() => undefined);
    },
  };
}
