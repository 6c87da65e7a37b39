// The department gateway for end-to-end tests: a throwaway PostgreSQL, the gateway's own CLI
// (`serve`, `issue-code`, `add-reviewer`) as separate processes, and a read of its database.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { expect, type Page } from '@playwright/test';
import pg from 'pg';
import { freePort } from '../../gateway/src/db/embedded';
import { startTestPostgres, type TestPostgres } from '../../gateway/src/testing/pg';
import { bundleTestChild } from '../../src-main/testing/bundle-child';
import { HALL, openSettings } from './steps';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'gateway', 'src', 'cli.ts');
let bundledCli: Promise<string> | null = null;
/** The gateway CLI: its sources bundled once per worker (bundle-child.ts), not through tsx at every start. */
const cli = (): Promise<string> => (bundledCli ??= bundleTestChild(CLI));
const READY_LINE = /^tongban gateway: (http:\/\/127\.0\.0\.1:\d+)$/;
const run = promisify(execFile);

export { freePort, startTestPostgres, type TestPostgres };

/** A `gateway serve` process. */
export interface GatewayProcess {
  url: string;
  /** SIGTERM (the gateway closes in order), SIGKILL after 10 s; resolves once the process has exited. */
  stop(): Promise<void>;
}

/** Starts the gateway CLI's `serve --port PORT` on `dbUrl` and resolves once it prints its URL. */
export async function startGateway(dbUrl: string, port: number): Promise<GatewayProcess> {
  const child = spawn(process.execPath, [await cli(), 'serve', '--port', String(port)], {
    cwd: ROOT,
    env: { ...process.env, TONGBAN_GW_DATABASE_URL: dbUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const url = await new Promise<string>((ready, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = READY_LINE.exec(line.trim());
        if (match?.[1]) ready(match[1]);
      });
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`gateway exited before it was ready (code ${code}, signal ${signal}):\n${stderr}`)),
      );
      setTimeout(() => reject(new Error(`gateway not ready after 60 s:\n${stderr}`)), 60_000).unref();
    });
    return { url, stop: () => stopProcess(child) };
  } catch (err) {
    await stopProcess(child);
    throw err;
  }
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const forced = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(forced);
}

/** Runs an admin command of the gateway CLI against `dbUrl` and returns its standard output. */
async function gatewayCli(dbUrl: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const { stdout } = await run(process.execPath, [await cli(), ...args], {
    cwd: ROOT,
    env: { ...process.env, TONGBAN_GW_DATABASE_URL: dbUrl, ...env },
    timeout: 60_000,
  });
  return stdout.trim();
}

/** A one-time enrolment code for window `windowCode` of `district` (`issue-code --json`). */
export async function issueCode(dbUrl: string, windowCode: string, district: string): Promise<string> {
  const issued = JSON.parse(
    await gatewayCli(dbUrl, ['issue-code', '--window', windowCode, '--district', district, '--json']),
  ) as { code: string };
  return issued.code;
}

/** `catalogue import FILE…`: the exit code and what it printed (errors with their paths on failure). */
export async function importCatalogue(dbUrl: string, files: string[]): Promise<{ ok: boolean; output: string }> {
  try {
    return { ok: true, output: await gatewayCli(dbUrl, ['catalogue', 'import', ...files]) };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}

/** A reviewer of `departmentId` (`add-reviewer`). */
export async function addReviewer(
  dbUrl: string,
  username: string,
  password: string,
  departmentId: string,
): Promise<void> {
  await gatewayCli(dbUrl, ['add-reviewer', '--username', username, '--department', departmentId], {
    TONGBAN_GW_REVIEWER_PASSWORD: password,
  });
}

/** One query on the gateway's database. */
export async function queryGateway<T extends pg.QueryResultRow>(
  dbUrl: string,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** `update-key --key FILE`: creates the feed's signing key there (first use) and returns its public half. */
export async function updateKey(dbUrl: string, keyFile: string): Promise<string> {
  return gatewayCli(dbUrl, ['update-key', '--key', keyFile]);
}

/** `publish-update`: publishes `installer` as window release `version`, signed with `keyFile`. */
export async function publishWindowUpdate(dbUrl: string, keyFile: string, installer: string, version: string) {
  return gatewayCli(dbUrl, ['publish-update', '--file', installer, '--version', version, '--key', keyFile]);
}

/** A 监督管理 account (`add-supervisor`); `districts` empty: the city supervisor. */
export async function addSupervisor(
  dbUrl: string,
  username: string,
  password: string,
  districts: string[],
): Promise<void> {
  const scope = districts.length ? ['--role', 'district', '--district', districts.join(',')] : ['--role', 'city'];
  await gatewayCli(dbUrl, ['add-supervisor', '--username', username, ...scope], {
    TONGBAN_GW_REVIEWER_PASSWORD: password,
  });
}

/**
 * The window's administrator joins the gateway through 系统设置 → 部门网关 with a fresh enrolment code for window
 * `windowCode` of the hall's district (the window shows 已接入部门网关).
 */
export async function joinGateway(page: Page, dbUrl: string, gatewayUrl: string, windowCode = '50010303') {
  const code = await issueCode(dbUrl, windowCode, HALL.divisionCode);
  await openSettings(page, '部门网关');
  await page.getByLabel('网关地址', { exact: true }).fill(gatewayUrl);
  await page.getByLabel('接入码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '接入网关' }).click();
  await expect(page.getByText('已接入部门网关', { exact: true })).toBeVisible();
}
