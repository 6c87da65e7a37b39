// The shaped hall link's part of the sync and capacity benches: the real window loop drains a backlog over
// loopback and through the shaped link (bench/shaped-link.ts, a process of its own), next to the bare upload of
// the same bytes over the same link, with the window's CPU per case.
import type { createApp } from '../../src-main/app/app';
import { startShapedLink, type LinkShape } from '../shaped-link';
import { since } from '../lib';
import { cpuMs, selfCpuMs } from '../processes';
import { bareUpload, cloneBacklog } from './sync';

/** A hall's link to a department in another province: 100 Mbit/s up, 30 ms round trip. */
export const LINK: LinkShape = { uplinkBitsPerSecond: 100e6, rttMs: 30 };
export const LINK_CASES = Number(process.env.BENCH_SYNC_LINK_CASES ?? 1_000);

/** Runs sync rounds until nothing is pending; the time it took (ms). */
export async function drain(app: Awaited<ReturnType<typeof createApp>>): Promise<number> {
  const start = performance.now();
  let rounds = 0;
  while (app.services.sync.statusView().pending > 0) {
    rounds++;
    await app.services.sync.syncNow();
  }
  const ms = since(start);
  // A drain counts only if every case arrived: a refused case leaves the backlog too (needs attention).
  const refused = app.services.db
    .prepare("SELECT count(*) AS n, group_concat(DISTINCT last_error) AS errors FROM outbox WHERE state = 'failed'")
    .get() as { n: number; errors: string | null };
  if (refused.n > 0) throw new Error(`drain: ${refused.n} operations refused by the gateway (${refused.errors})`);
  const retried = app.services.db
    .prepare("SELECT count(*) AS n FROM outbox WHERE attempts > 0 AND state = 'done'")
    .get() as { n: number };
  process.stderr.write(`drain: ${rounds} round(s), ${ms.toFixed(0)} ms, ${retried.n} operation(s) retried\n`);
  return ms;
}

/**
 * A fresh backlog of `LINK_CASES` cases drained over loopback to the gateway on `port`, then another through the
 * shaped link, and the bare upload of the same bytes over the same link.
 */
export async function drainOverLink(
  app: Awaited<ReturnType<typeof createApp>>,
  template: string,
  port: number,
  firstCase: number,
  manifestBytes: number,
): Promise<{
  drainMs: number;
  bareMs: number;
  barePerRequestMs: number;
  loopbackMs: number;
  cases: number;
  /** The window process's CPU per case (ms) in the drain over loopback and over the link, and the link's own. */
  windowCpu: { loopback: number; link: number; shaper: number };
}> {
  // The same drain without the link first: when it is no faster, the machine's CPU bounds the drain, not the link.
  cloneBacklog(app.services.db, template, LINK_CASES, firstCase + LINK_CASES);
  const cpu0 = selfCpuMs();
  const loopbackMs = await drain(app);
  const cpu1 = selfCpuMs();
  // The status events of the loopback batch (one per case) are pulled now, untimed: otherwise the link drain's round
  // would begin by pulling and applying 300 events of cases that are not part of its backlog (0.4-0.7 s, load 6-9).
  await app.services.sync.syncNow();
  const link = await startShapedLink({ host: '127.0.0.1', port }, LINK);
  const linkPort = link.port;
  const before = app.services.db.prepare('SELECT gateway_url AS url FROM sync_device').get() as { url: string };
  cloneBacklog(app.services.db, template, LINK_CASES, firstCase);
  app.services.db.prepare('UPDATE sync_device SET gateway_url = ?').run(`http://127.0.0.1:${linkPort}`);
  const cpu2 = selfCpuMs();
  const drainMs = await drain(app);
  const cpu3 = selfCpuMs();
  const shaper = cpuMs(link.pid) / LINK_CASES;
  await link.close();
  app.services.db.prepare('UPDATE sync_device SET gateway_url = ?').run(before.url);
  const bareMs = await bareUpload(LINK_CASES, manifestBytes, LINK, 'bundle');
  const barePerRequestMs = await bareUpload(LINK_CASES, manifestBytes, LINK, 'per-request');
  const windowCpu = { loopback: (cpu1 - cpu0) / LINK_CASES, link: (cpu3 - cpu2) / LINK_CASES, shaper };
  return { drainMs, bareMs, barePerRequestMs, loopbackMs, cases: LINK_CASES, windowCpu };
}
