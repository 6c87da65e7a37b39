// The capacity bench's shaped-link part alone (`npx tsx bench/link-drain.ts`): the real window loop drains a
// backlog over loopback and over the shaped hall link to the S3 gateway, next to the bare upload of the same
// bytes over the same link; prints the window's own CPU per case for each drain. Cases: BENCH_SYNC_LINK_CASES.
// Profile the window side with `node --cpu-prof --import tsx bench/link-drain.ts`.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { createPool } from '../gateway/src/db/pool';
import { startTestPostgres } from '../gateway/src/testing/pg';
import { canonicalJson } from '@tongban/protocol/canonical-json';
import { socialSecurityCardApplication } from '../src-main/cases/testing/intake-fixtures';
import { freePort } from '../tests/sync/chaos';
import { startS3Process } from './suites/capacity';
import { startShapedLink } from './shaped-link';
import { cpuMs, postgresCpu, selfCpuMs, startGatewayProcess } from './processes';
import { backlogWindow, cloneBacklog } from './suites/sync';
import { drain, drainOverLink, LINK } from './suites/sync-link';

async function main(): Promise<void> {
  const pg = await startTestPostgres();
  const s3 = await startS3Process();
  const port = await freePort();
  const gateway = await startGatewayProcess(pg.url, port, s3.env);
  const pool = createPool(pg.url, 4);
  const { app, template, close } = await backlogWindow(`http://127.0.0.1:${port}`, pool);
  const manifestBytes = canonicalJson(socialSecurityCardApplication(template)).length * 2;
  const pgDir = join(pg.dir, 'data', 'pg');
  const profileTo = process.env.BENCH_LINK_PROFILE;
  if (profileTo !== undefined) {
    // One loopback drain alone (setup excluded): the window process's CPU per case, and its CPU profile when a
    // file is named.
    const n = Number(process.env.BENCH_SYNC_LINK_CASES ?? 300);
    cloneBacklog(app.services.db, template, n, 0);
    const idle0 = selfCpuMs();
    await new Promise((r) => setTimeout(r, 3000));
    const idle = (selfCpuMs() - idle0) / 3;
    // BENCH_LINK_VIA=link: the same drain through the shaped link.
    const via = process.env.BENCH_LINK_VIA === 'link' ? await startShapedLink({ host: '127.0.0.1', port }, LINK) : null;
    if (via) app.services.db.prepare('UPDATE sync_device SET gateway_url = ?').run(`http://127.0.0.1:${via.port}`);
    const session = new Session();
    session.connect();
    if (profileTo) await session.post('Profiler.enable');
    if (profileTo) await session.post('Profiler.start');
    const cpu0 = selfCpuMs();
    const usage0 = process.cpuUsage();
    const ms = await drain(app);
    if (process.env.BENCH_LINK_CATCHUP) {
      const t = performance.now();
      const c = selfCpuMs();
      await app.services.sync.syncNow();
      console.log(
        `catch-up round: ${(performance.now() - t).toFixed(0)} ms, window CPU ${(selfCpuMs() - c).toFixed(0)} ms`,
      );
    }
    const cpu = (selfCpuMs() - cpu0) / n;
    const usage = process.cpuUsage(usage0);
    const sys = usage.system / 1000 / n;
    if (profileTo) writeFileSync(profileTo, JSON.stringify((await session.post('Profiler.stop')).profile));
    close();
    await via?.close();
    await s3.stop();
    console.log(
      `${via ? 'link' : 'loopback'} drain: ${(n / (ms / 1000)).toFixed(1)} cases/s, window CPU ${cpu.toFixed(2)} ms per case (system ${sys.toFixed(2)}; idle ${idle.toFixed(1)} ms/s)`,
    );
    process.exit(0);
  }
  const cpu = () => ({ gateway: cpuMs(gateway.pid), pg: postgresCpu(pgDir), s3: cpuMs(s3.pid) });
  const c0 = cpu();
  const link = await drainOverLink(app, template, port, 0, manifestBytes);
  const c1 = cpu();
  close();
  await pool.end();
  gateway.stop();
  await s3.stop();
  await pg.stop();
  const n = link.cases;
  const rate = (ms: number) => (n / (ms / 1000)).toFixed(1);
  // Two drains of n cases each.
  const per = (k: keyof typeof c0) => ((c1[k] - c0[k]) / (2 * n)).toFixed(2);
  console.log(
    JSON.stringify({
      cases: n,
      'loopback drain cases/s': rate(link.loopbackMs),
      'link drain cases/s': rate(link.drainMs),
      'link bare cases/s': rate(link.bareMs),
      'drain / bare': (link.bareMs / link.drainMs).toFixed(3),
      'bare per request / drain': (link.barePerRequestMs / link.drainMs).toFixed(3),
      'window CPU ms per case (loopback, link; the link shaper)': [
        link.windowCpu.loopback.toFixed(2),
        link.windowCpu.link.toFixed(2),
        link.windowCpu.shaper.toFixed(2),
      ],
      'CPU ms per drained case (gateway, PostgreSQL, s3rver)': [per('gateway'), per('pg'), per('s3')],
    }),
  );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
