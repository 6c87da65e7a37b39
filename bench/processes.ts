// The processes the sync and capacity benches measure: CPU of a process and of a PostgreSQL server from /proc,
// and the gateway started as production runs it (its build, at log level info).
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './host-process';

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); with `reaped`, also its ended children's. */
export function cpuMs(pid: number, reaped = false): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]) + (reaped ? Number(fields[13]) + Number(fields[14]) : 0); // utime, stime, cutime, cstime (USER_HZ = 100)
  return (ticks * 1000) / 100;
}

/** The PostgreSQL server of `dataDir`: the postmaster and its children (backends, WAL writer, checkpointer …). */
function postgresPids(dataDir: string): number[] {
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const children = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return (
          Number(
            readFileSync(`/proc/${d}/stat`, 'utf8')
              .replace(/^.*\) /, '')
              .split(' ')[1],
          ) === postmaster
        );
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

/**
 * CPU of the whole PostgreSQL server so far: the postmaster with its ended (reaped) backends, and the
 * children running now — read afresh each time, since the gateway's pool opens backends during the drain.
 */
export function postgresCpu(dataDir: string): number {
  let total = 0;
  for (const ms of postgresCpuByPid(dataDir).values()) total += ms;
  return total;
}

/** The same CPU per process (the postmaster's with its ended children), for `postgresCpuSince`. */
export function postgresCpuByPid(dataDir: string): Map<number, number> {
  const [postmaster, ...children] = postgresPids(dataDir);
  const out = new Map([[postmaster!, cpuMs(postmaster!, true)]]);
  for (const pid of children) {
    try {
      out.set(pid, cpuMs(pid));
    } catch {
      // ended between listing and reading: counted in the postmaster's reaped children next time
    }
  }
  return out;
}

const BACKGROUND =
  /^(checkpointer|background writer|walwriter|autovacuum launcher|autovacuum worker|logical replication launcher|io worker|archiver|walsummarizer|startup)/;

/** A PostgreSQL process's kind from its title: "walwriter", "io worker" …, "backend" for a client's connection. */
function processKind(pid: number): string {
  try {
    // "postgres: walwriter", "postgres: io worker 1"; a backend: "postgres: tongban_app tongban_gateway 127.0.0.1(…) idle"
    const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
      .replace(/\0/g, ' ')
      .replace(/^postgres: /, '');
    return BACKGROUND.exec(title)?.[1] ?? 'backend';
  } catch {
    return 'ended';
  }
}

/** PostgreSQL's CPU since `before` (a `postgresCpuByPid` reading) by kind of process; the postmaster's as "postmaster". */
export function postgresCpuSince(before: Map<number, number>, dataDir: string): Record<string, number> {
  const now = postgresCpuByPid(dataDir);
  const [postmaster] = now.keys(); // read first
  const out: Record<string, number> = {};
  for (const [pid, ms] of now) {
    const kind = pid === postmaster ? 'postmaster' : processKind(pid);
    out[kind] = (out[kind] ?? 0) + ms - (before.get(pid) ?? 0);
  }
  return out;
}

export function selfCpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

let gatewayBuild: Promise<string> | null = null;

/** Builds the gateway for production once per bench run (gateway/scripts/build.mjs) and resolves with its entry point. */
export function builtGateway(): Promise<string> {
  gatewayBuild ??= new Promise((resolve, reject) => {
    const build = spawn(process.execPath, [join(ROOT, 'gateway', 'scripts', 'build.mjs')], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    build.once('exit', (code) =>
      code === 0 ? resolve(join(ROOT, 'gateway', 'dist', 'cli.js')) : reject(new Error(`gateway build exited ${code}`)),
    );
  });
  return gatewayBuild;
}

/**
 * Starts a gateway as production runs it: `node gateway/dist/cli.js serve` on the build (not through tsx), at
 * the production log level (`info`: the JSON access log, written to a file as a service's journal would take
 * it, not through this process). Resolves once it answers /healthz.
 */
export async function startGatewayProcess(
  url: string,
  port: number,
  env: Record<string, string> = {},
  /** Another build's entry point (the capacity bench's baseline); default this tree's, built once per run. */
  entry?: string,
): Promise<{ stop: () => void; pid: number; port: number; logFile: string }> {
  // BENCH_GATEWAY_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/gw", profiles the gateway process.
  const nodeArgs = process.env.BENCH_GATEWAY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const logDir = mkdtempSync(join(tmpdir(), 'bench-gw-'));
  const logFile = join(logDir, 'gateway.log');
  const log = openSync(logFile, 'a');
  const child = spawn(
    process.execPath,
    [...nodeArgs, entry ?? (await builtGateway()), 'serve', '--port', String(port)],
    {
      cwd: ROOT,
      env: { ...process.env, TONGBAN_GW_LOG_LEVEL: 'info', TONGBAN_GW_DATABASE_URL: url, ...env },
      stdio: ['ignore', log, 'inherit'],
    },
  );
  closeSync(log);
  // A failed run exits without reaching stop(): the gateway must not outlive it.
  process.once('exit', () => child.kill('SIGKILL'));
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`gateway exited (${child.exitCode}); log: ${logFile}`);
    const up = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 600) throw new Error(`gateway did not answer /healthz within 60 s; log: ${logFile}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  // A gateway stopped by the bench leaves no log behind (one that failed keeps it, named in the error).
  const stop = () => {
    if (!process.env.BENCH_KEEP_GATEWAY_LOG) child.once('exit', () => rmSync(logDir, { recursive: true, force: true }));
    child.kill('SIGTERM');
  };
  return { stop, pid: child.pid!, port, logFile };
}
