// Capacity for Chongqing (docs/capacity.md): N simulated windows, each with its own device key, push a
// morning peak of cases with 1–3 scans of 64 KB–1 MB and read their status feeds against one gateway
// process on one PostgreSQL and one blob store. Reports push latency, cases/s and CPU per case of the
// windows, the gateway, PostgreSQL and the blob store; the protocol's own floor (its cryptography and a
// bare HTTP upload of the same bytes) next to it; and the shaped hall link's drain against its bare upload.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import type pg from 'pg';
import { createPool } from '../../gateway/src/db/pool';
import {
  appendStatementStats,
  resetStatementStats,
  startTestPostgres,
  type TestPostgres,
} from '../../gateway/src/testing/pg';
import { canonicalJson } from '@tongban/protocol/canonical-json';
import { socialSecurityCardApplication } from '../../src-main/cases/testing/intake-fixtures';
import { freePort, seeded } from '../../tests/sync/chaos';
import { ROOT } from '../host-process';
import { quantile, since, type Figure, type Suite } from '../lib';
import { LoadWindow, prepareFiles, type FileSpec, type PushMode } from '../load-window';
import { publishBenchCatalogue } from '../bench-catalogue';
import { backlogWindow } from './sync';
import { drainOverLink } from './sync-link';
import { cpuMs, postgresCpu, postgresCpuByPid, postgresCpuSince, selfCpuMs, startGatewayProcess } from '../processes';
import { bareTransferCpu, cryptoFloor } from '../capacity-floor';

const WINDOWS = Number(process.env.BENCH_CAP_WINDOWS ?? 1000);
const CASES = Number(process.env.BENCH_CAP_CASES ?? 600);
/** Cases being pushed at the same moment across the province (a window sends one case at a time here). */
const IN_FLIGHT = Number(process.env.BENCH_CAP_IN_FLIGHT ?? 16);
/** Cases of the same load against a gateway with the PostgreSQL store, for comparison (0 = skip). */
const PG_CASES = Number(process.env.BENCH_CAP_PG_CASES ?? 200);
/** How the windows push, each measured in the same run: `bundle` (one request per case, decision 0235) and/or `per-request`. */
const MODES = (process.env.BENCH_CAP_MODES ?? 'bundle,per-request').split(',').filter(Boolean) as PushMode[];
/**
 * Another gateway build to measure beside this tree's, every other case its (e.g. main's: `git archive main gateway
 * resources | tar -x -C .bench-base && node .bench-base/gateway/scripts/build.mjs`, then
 * BENCH_CAP_BASELINE_GATEWAY=.bench-base/gateway/dist/cli.js): the two gateways' CPU per case, side by side.
 */
const BASELINE = process.env.BENCH_CAP_BASELINE_GATEWAY;
const SUITE = 'capacity';

/** 1–3 files of 64 KB – 1 MiB (log-uniform), seeded. */
export function caseMix(n: number): FileSpec[][] {
  const r = seeded(20261206);
  const size = () => Math.round(Math.exp(Math.log(64 * 1024) + r() * (Math.log(1024 * 1024) - Math.log(64 * 1024))));
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({ size: size() })));
}

/** s3rver in a process of its own; `stop()` resolves once it has exited (its folder removed, s3-process.ts). */
export function startS3Process(): Promise<{ env: Record<string, string>; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/s3-process.ts'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  process.once('exit', () => child.kill('SIGKILL'));
  return new Promise((resolve) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /S3 (\{.*\})\n/.exec(out);
      if (m)
        resolve({
          env: JSON.parse(m[1]!) as Record<string, string>,
          pid: child.pid!,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
    });
  });
}

/** What one load run measured. */
interface LoadResult {
  cases: number;
  ms: number;
  latencies: number[];
  requests: number;
  bytes: number;
  cpu: { window: number; gateway: number; postgres: number; blob: number };
  /** With a baseline build beside this one: its gateway CPU (ms) per case it took. */
  baselineGateway?: number;
  /** PostgreSQL transactions (round trips of the gateway) per case. */
  transactions: number;
  /** PostgreSQL CPU (ms) of one trivial round trip (`SELECT 1`) on this machine now. */
  roundTripCpu: number;
  /** PostgreSQL CPU (ms) of a signed request that reads almost nothing (signature check, nonce, one indexed read). */
  signedRequestPg: number;
  /** PostgreSQL CPU (ms) of a status-feed read. */
  feedReadPg: number;
  /** Gateway CPU (ms) of a status-feed read. */
  feedReadGateway: number;
  /** PostgreSQL CPU (ms) of a one-row insert committed durably (WAL flushed). */
  durableCommit: number;
}

const transactions = async (pool: pg.Pool): Promise<number> => {
  await new Promise((r) => setTimeout(r, 1200)); // backends report their counters about once a second
  const { rows } = await pool.query<{ n: number }>(
    'SELECT (xact_commit + xact_rollback)::int AS n FROM pg_stat_database WHERE datname = current_database()',
  );
  return rows[0]!.n;
};

/** PostgreSQL's CPU for one round trip of `sql` (4 at a time), as a yardstick for the per-case figure. */
async function roundTripCpu(pool: pg.Pool, pgDir: string, sql = 'SELECT 1', n = 2000): Promise<number> {
  const c0 = postgresCpu(pgDir);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next++ < n) await pool.query(sql);
    }),
  );
  return (postgresCpu(pgDir) - c0) / n;
}

/**
 * N windows push `mix` (`IN_FLIGHT` cases at a time) in `mode`: pushes alone. A real window reads its feed
 * once per 5 s round, not per case, so feed reads are measured apart (per read) and scaled in docs/capacity.md.
 */
export async function runLoad(
  mix: FileSpec[][],
  pgServer: TestPostgres,
  s3: { env: Record<string, string>; pid: number } | null,
  mode: PushMode = 'bundle',
  /**
   * Another gateway build (BENCH_CAP_BASELINE_GATEWAY): run beside this tree's on the same database and store,
   * every other window (so every other case) its, so that both are measured under the same machine load.
   */
  baseline?: string,
): Promise<LoadResult> {
  const pgDir = join(pgServer.dir, 'data', 'pg');
  const pgUrl = pgServer.url;
  const gateways = [await startGatewayProcess(pgUrl, await freePort(), s3?.env ?? {})];
  if (baseline) gateways.push(await startGatewayProcess(pgUrl, await freePort(), s3?.env ?? {}, baseline));
  const gateway = gateways[0]!;
  const pool = createPool(pgUrl, 4);
  const windows: LoadWindow[] = [];
  // Chongqing's 38 区县: each window's status feed is its district's.
  for (let i = 0; i < WINDOWS; i++)
    windows.push(
      new LoadWindow(
        gateways[i % gateways.length]!.port,
        `CQ${String(i).padStart(4, '0')}-${s3 ? 's3' : 'pg'}-${mode}`,
        `5001${String(1 + (i % 38)).padStart(2, '0')}`,
      ),
    );
  for (let i = 0; i < windows.length; i += 50) await Promise.all(windows.slice(i, i + 50).map((w) => w.enroll(pool)));
  // As in production, a catalogue version is published: cases are routed from the gateway's memory.
  const routed = await publishBenchCatalogue(
    pool,
    windows.map((w) => w.district),
  );
  for (const w of windows) w.routed = routed(w.district);
  // Before the peak, as in a hall: every window has polled its feed since opening (one signed request each,
  // so the gateway read its device key once, as a real gateway process does per window), and the files are
  // on the PCs with their SHA-256 computed at 收件.
  for (let i = 0; i < windows.length; i += 50) await Promise.all(windows.slice(i, i + 50).map((w) => w.readFeed()));
  const cases = mix.map(prepareFiles);
  // Warm-up (JIT, the gateway's pool of PostgreSQL connections, connections to the store): not measured.
  for (let round = 0; round < 3; round++)
    await Promise.all(windows.slice(0, 2 * IN_FLIGHT).map((w) => w.pushCase(prepareFiles([{ size: 100_000 }]), mode)));
  const requests0 = windows.reduce((n, w) => n + w.requests, 0);

  const cpu = () => ({
    window: selfCpuMs(),
    gateway: cpuMs(gateway.pid),
    baseline: gateways[1] ? cpuMs(gateways[1].pid) : 0,
    postgres: postgresCpu(pgDir),
    blob: s3 ? cpuMs(s3.pid) : 0,
  });
  const latencies: number[] = [];
  let next = 0;
  const tx0 = await transactions(pool);
  await resetStatementStats(pgServer.adminUrl); // TONGBAN_PG_STATS_FILE: the peak's statements alone
  const pg0 = postgresCpuByPid(pgDir);
  const cpu0 = cpu();
  const peakFrom = process.hrtime.bigint() / 1000n;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < mix.length) {
        const i = next++;
        const w = windows[i % windows.length]!;
        const t = performance.now();
        await w.pushCase(cases[i]!, mode);
        latencies.push(since(t));
      }
    }),
  );
  const ms = since(start);
  const cpu1 = cpu();
  const pgKinds = Object.entries(postgresCpuSince(pg0, pgDir)).filter(([, v]) => v > 0);
  process.stderr.write(
    `capacity: PostgreSQL CPU of the peak by process (ms per case): ${pgKinds.map(([k, v]) => `${k} ${(v / mix.length).toFixed(2)}`).join(', ')}\n`,
  );
  await appendStatementStats(
    pgServer.adminUrl,
    `capacity peak: ${mode}, ${s3 ? 'S3' : 'PostgreSQL'} store, ${mix.length} cases`,
  );
  // For a gateway profile of the peak alone (bench/profile-summary.ts FILE TOP FROM TO).
  process.stderr.write(`capacity: peak in monotonic µs ${peakFrom} ${process.hrtime.bigint() / 1000n}\n`);
  const requests = windows.reduce((n, w) => n + w.requests, 0) - requests0;
  const tx1 = await transactions(pool);
  const rt = await roundTripCpu(pool, pgDir);
  // A durable one-row commit on an existing table (the gateway's role may not create one).
  const durableCommit = await roundTripCpu(
    pool,
    pgDir,
    "UPDATE gateway_secrets SET value = value WHERE name = 'cursor-hmac'",
    500,
  );
  // Where PostgreSQL's share goes: a signed request that reads almost nothing, and a feed read.
  const perRequest = async (fn: (w: LoadWindow) => Promise<void>) => {
    const c0 = postgresCpu(pgDir);
    const g0 = cpuMs(gateway.pid);
    const own = windows.filter((_, i) => i % gateways.length === 0).slice(0, 300); // this build's windows
    for (let i = 0; i < 300; i += 10) await Promise.all(own.slice(i, i + 10).map(fn));
    return { pg: (postgresCpu(pgDir) - c0) / 300, gateway: (cpuMs(gateway.pid) - g0) / 300 };
  };
  const signedRequestPg = (await perRequest((w) => w.readCounter())).pg;
  // Twice: the first read of a window's feed pages through the district's backlog; a polling window's reads are the second kind.
  await perRequest((w) => w.readFeed());
  const feedRead = await perRequest((w) => w.readFeed());
  for (const w of windows) w.close();
  await pool.end();
  for (const g of gateways) g.stop();
  const per = (k: keyof typeof cpu0) => (cpu1[k] - cpu0[k]) / mix.length;
  // Cases i with i % gateways.length === 0 went to this build (window i's gateway).
  const ownCases = Math.ceil(mix.length / gateways.length);
  return {
    cases: mix.length,
    ms,
    latencies,
    requests,
    bytes: mix.flat().reduce((n, f) => n + f.size, 0),
    cpu: {
      window: per('window'),
      gateway: (cpu1.gateway - cpu0.gateway) / ownCases,
      postgres: per('postgres'),
      blob: per('blob'),
    },
    baselineGateway: baseline ? (cpu1.baseline - cpu0.baseline) / (mix.length - ownCases) : undefined,
    // minus the two counter reads of this bench
    transactions: (tx1 - tx0 - 1) / mix.length,
    roundTripCpu: rt,
    signedRequestPg,
    feedReadPg: feedRead.pg,
    feedReadGateway: feedRead.gateway,
    durableCommit,
  };
}

const f = (name: string, value: number, unit: string, extra: Partial<Figure> = {}): Figure => ({
  suite: SUITE,
  name,
  value,
  unit,
  ...extra,
});

/** The figures of one push mode, with the floor of that mode (its cryptography and bare transfer). */
function modeFigures(
  mode: PushMode,
  load: LoadResult,
  floor: { crypto: { sign: number; hash: number }; bare: number },
): { figures: Figure[]; row: Record<string, string> } {
  const m = (name: string, value: number, unit: string, extra: Partial<Figure> = {}) =>
    f(`[${mode}] ${name}`, value, unit, extra);
  const floorMs = floor.crypto.sign + floor.crypto.hash + floor.bare;
  const threeSides = load.cpu.window + load.cpu.gateway + load.cpu.postgres;
  const casesPerSec = load.cases / (load.ms / 1000);
  const figures = [
    m('cases pushed (S3 store)', load.cases, 'cases', {
      note: `1–3 files of 64 KB–1 MB, ${(load.bytes / load.cases / 1024).toFixed(0)} KB and ${(load.requests / load.cases).toFixed(2)} requests per case`,
    }),
    m('push throughput', casesPerSec, 'cases/s', {
      note: `${(load.bytes / 2 ** 20 / (load.ms / 1000)).toFixed(0)} MB/s`,
    }),
    m('push latency p50', quantile(load.latencies, 0.5), 'ms', {
      note: 'first request until the last file is verified',
    }),
    m('push latency p99', quantile(load.latencies, 0.99), 'ms'),
    m('CPU per case: windows', load.cpu.window, 'ms', { note: 'sign, hash, send (simulated windows, one process)' }),
    m('CPU per case: gateway', load.cpu.gateway, 'ms', { note: 'verify, parse, check, store' }),
    m('CPU per case: PostgreSQL', load.cpu.postgres, 'ms', { target: '≤ 0.5', note: 'pushes alone; metadata only' }),
    m('PostgreSQL transactions per case', load.transactions, 'tx', { note: 'pushes alone' }),
    m('CPU per case: blob store (s3rver)', load.cpu.blob, 'ms', { note: 's3rver is a test double, not MinIO/Ceph' }),
    m('floor: cryptography per case', floor.crypto.sign + floor.crypto.hash, 'ms', {
      note: `Ed25519 sign+verify ${floor.crypto.sign.toFixed(3)} ms, SHA-256 both sides ${floor.crypto.hash.toFixed(3)} ms`,
    }),
    m('floor: bare HTTP transfer per case', floor.bare, 'ms', {
      note: mode === 'bundle' ? 'one plain request per case, same bytes' : 'case + one per file, same bytes',
    }),
    m('window + gateway + PostgreSQL / floor', threeSides / floorMs, '×', {
      target: '≤ 3',
      note: `${threeSides.toFixed(2)} ms vs floor ${floorMs.toFixed(2)} ms`,
    }),
  ];
  const row = {
    'requests/case': (load.requests / load.cases).toFixed(2),
    'cases/s': casesPerSec.toFixed(1),
    'p50 ms': quantile(load.latencies, 0.5).toFixed(0),
    'p99 ms': quantile(load.latencies, 0.99).toFixed(0),
    'window ms': load.cpu.window.toFixed(2),
    'gateway ms': load.cpu.gateway.toFixed(2),
    'PostgreSQL ms': load.cpu.postgres.toFixed(2),
    'PG tx/case': load.transactions.toFixed(1),
    'blob ms': load.cpu.blob.toFixed(2),
    'floor ms': floorMs.toFixed(2),
    'three sides / floor': (threeSides / floorMs).toFixed(1),
  };
  return { figures, row };
}

export const capacitySuite: Suite = {
  name: SUITE,
  async run(): Promise<Figure[]> {
    const pg = await startTestPostgres();
    const s3 = await startS3Process();
    const mix = caseMix(CASES);
    const phase = (name: string) => process.stderr.write(`capacity: ${name} (${new Date().toISOString()})\n`);
    const loads = new Map<PushMode, LoadResult>();
    for (const mode of MODES) {
      phase(`S3 store load, ${mode}${BASELINE ? `, every other case to ${BASELINE}` : ''}`);
      loads.set(mode, await runLoad(mix, pg, s3, mode, BASELINE && resolve(ROOT, BASELINE)));
    }
    phase('PostgreSQL store load, bundle');
    const pgLoad = PG_CASES > 0 ? await runLoad(caseMix(PG_CASES), pg, null, 'bundle') : null;

    phase('shaped link');
    // The shaped hall link, against the S3 gateway: the real window's sync loop drains a backlog.
    const linkPort = await freePort();
    const linkGateway = await startGatewayProcess(pg.url, linkPort, s3.env);
    const pool = createPool(pg.url, 4);
    const { app, template, close } = await backlogWindow(`http://127.0.0.1:${linkPort}`, pool);
    const manifestBytes = canonicalJson(socialSecurityCardApplication(template)).length * 2;
    let link: Awaited<ReturnType<typeof drainOverLink>> & { error?: string };
    try {
      link = await drainOverLink(app, template, linkPort, 0, manifestBytes);
    } catch (err) {
      // Reported, not fatal: the load figures above stand on their own.
      const error = err instanceof Error ? err.message : String(err);
      link = {
        drainMs: NaN,
        bareMs: NaN,
        barePerRequestMs: NaN,
        loopbackMs: NaN,
        cases: 0,
        windowCpu: { loopback: NaN, link: NaN, shaper: NaN },
        error,
      };
    }
    close();
    await pool.end();
    linkGateway.stop();

    phase('floor');
    const figures: Figure[] = [
      f('windows (own device keys)', WINDOWS, 'windows', {
        note: `${IN_FLIGHT} cases pushed at a time; feed reads measured apart (a window polls once per 5 s round)`,
      }),
    ];
    const rows: Record<string, Record<string, string>> = {};
    for (const [mode, load] of loads) {
      const floor = {
        bare: await bareTransferCpu(mix.slice(0, 600), manifestBytes, mode, IN_FLIGHT),
        crypto: cryptoFloor(load.requests / load.cases, load.bytes / load.cases),
      };
      const out = modeFigures(mode, load, floor);
      figures.push(...out.figures);
      rows[mode] = out.row;
      const base = load.baselineGateway;
      if (base !== undefined)
        figures.push(
          f(`[${mode}] gateway CPU per case, this build / baseline`, load.cpu.gateway / base, '×', {
            note: `${load.cpu.gateway.toFixed(2)} / ${base.toFixed(2)} ms, side by side (baseline: ${BASELINE})`,
          }),
        );
    }
    await s3.stop();
    await pg.stop();
    // BENCH_CAP_MODES= (empty) runs no load: the shaped link's figures alone.
    const load = loads.get('bundle') ?? [...loads.values()][0];
    if (load)
      figures.push(
        f('PostgreSQL CPU per trivial round trip (SELECT 1)', load.roundTripCpu, 'ms', {
          note: 'this machine, at the time of the run',
        }),
        f('PostgreSQL CPU per signed request (nonce + small read)', load.signedRequestPg, 'ms'),
        f('PostgreSQL CPU per feed read', load.feedReadPg, 'ms', { note: 'a polling read, incl. its nonce' }),
        f('gateway CPU per feed read', load.feedReadGateway, 'ms', { note: 'a polling read' }),
        f('PostgreSQL CPU per durable one-row commit', load.durableCommit, 'ms', { note: 'WAL flush' }),
      );
    figures.push(
      f('shaped link: drain cases/s', link.cases / (link.drainMs / 1000), 'cases/s', {
        note: `${link.cases} cases × 200 KB, 100 Mbit/s, 30 ms, real window loop, S3 gateway`,
      }),
      f('shaped link: bare cases/s', link.cases / (link.bareMs / 1000), 'cases/s', { note: 'one request per case' }),
      f('same drain without the link', link.cases / (link.loopbackMs / 1000), 'cases/s', {
        note: 'loopback: the machine’s CPU bounds the drain where this is not faster than over the link',
      }),
      f('shaped link: drain / bare', link.bareMs / link.drainMs, '×', {
        target: '≥ 0.9',
        note:
          link.error ??
          `bare with a request per case and per file: ${(link.barePerRequestMs / link.drainMs).toFixed(2)}×`,
      }),
      f('shaped link: window CPU per case', link.windowCpu.link, 'ms', {
        note: `the window process in the link drain (loopback drain: ${link.windowCpu.loopback.toFixed(2)} ms); the link's own process ${link.windowCpu.shaper.toFixed(2)} ms`,
      }),
    );
    if (pgLoad) {
      figures.push(
        f('PostgreSQL store: push throughput', pgLoad.cases / (pgLoad.ms / 1000), 'cases/s', {
          note: `${pgLoad.cases} cases, same mix, bundle`,
        }),
        f('PostgreSQL store: push latency p99', quantile(pgLoad.latencies, 0.99), 'ms'),
        f('PostgreSQL store: CPU per case: gateway', pgLoad.cpu.gateway, 'ms'),
        f('PostgreSQL store: CPU per case: PostgreSQL', pgLoad.cpu.postgres, 'ms', { note: 'bytes in bytea' }),
      );
    }
    // Gateway cores for a day's volume (docs/capacity.md): 20 % of the day in the peak hour, cores at most half busy.
    for (const perDay of load ? [20_000, 100_000] : []) {
      const peakPerSec = (perDay * 0.2) / 3600;
      figures.push(
        f(
          `gateway cores for ${perDay.toLocaleString('en')} cases/day`,
          (peakPerSec * load!.cpu.gateway) / 1000 / 0.5,
          'cores',
          {
            note: `peak ${peakPerSec.toFixed(1)} cases/s, ≤ 50 % busy, pushes only (polling: docs/capacity.md)`,
          },
        ),
      );
    }
    // Both ways of pushing side by side (same run, same mix, same gateway build).
    console.log('\ncapacity: bundle vs per-request (S3 store, pushes alone)');
    console.table(rows);
    return figures;
  },
};
