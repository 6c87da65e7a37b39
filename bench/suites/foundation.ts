// Foundation figures: browser-host cold start to an interactive login screen, and the
// contract round trip over HTTP compared with the in-process gate.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createApp } from '../../src-main/app/app';
import { quantile, sample, since, type Figure, type Suite } from '../lib';
import { ROOT, startHostProcess } from '../host-process';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HALL = { name: '万州区政务服务中心', divisionCode: '500101', windowNo: '12', windowCode: '50010112' };
const ADMIN = { username: 'admin', displayName: '管理员', password: 'Chongqing2026' };

async function initialisedDataDir(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-'));
  const app = await createApp({
    firstPasswordChange: false,
    dataDir,
    migrationsDir: join(ROOT, 'migrations'),
    resourcesDir: join(ROOT, 'resources'),
    runtime: 'browser-host',
    version: 'bench',
  });
  const result = await app.call('bench', 'setup:initialize', { hall: HALL, admin: ADMIN }, 0);
  app.close();
  if (!result.ok) throw new Error(`bench set-up failed: ${result.error.code}`);
  return dataDir;
}

async function coldStart(runs: number): Promise<number[]> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const times: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const dataDir = await initialisedDataDir();
      const start = performance.now();
      const host = await startHostProcess(dataDir);
      const page = await browser.newPage();
      await page.goto(host.url);
      await page.getByLabel('登录名').waitFor({ state: 'visible' });
      times.push(since(start));
      await page.close();
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await browser.close();
  }
  return times;
}

async function roundTrips(n: number): Promise<{ http: number[]; gate: number[] }> {
  const dataDir = await initialisedDataDir();
  const host = await startHostProcess(dataDir);
  const exchange = await fetch(host.url, { redirect: 'manual' });
  const cookie = (exchange.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const headers = { Cookie: cookie, Origin: host.origin, 'Content-Type': 'application/json' };
  await fetch(`${host.origin}/api/call/auth:login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ username: ADMIN.username, password: ADMIN.password }),
  });
  const http = await sample(n, async () => {
    const res = await fetch(`${host.origin}/api/call/settings:get`, { method: 'POST', headers, body: '{}' });
    await res.json();
  });
  await host.stop();

  const app = await createApp({
    firstPasswordChange: false,
    dataDir,
    migrationsDir: join(ROOT, 'migrations'),
    resourcesDir: join(ROOT, 'resources'),
    runtime: 'browser-host',
    version: 'bench',
  });
  await app.call('gate', 'auth:login', { username: ADMIN.username, password: ADMIN.password }, 0);
  const gate = await sample(n, () => app.call('gate', 'settings:get', {}, 2));
  app.close();
  rmSync(dataDir, { recursive: true, force: true });
  return { http, gate };
}

export const foundationSuite: Suite = {
  name: 'foundation',
  async run(): Promise<Figure[]> {
    const cold = await coldStart(7);
    const { http, gate } = await roundTrips(2000);
    return [
      {
        suite: 'foundation',
        name: 'host cold start → login screen p50',
        value: quantile(cold, 0.5),
        unit: 'ms',
        note: `n=${cold.length}, browser already running`,
      },
      { suite: 'foundation', name: 'host cold start → login screen max', value: Math.max(...cold), unit: 'ms' },
      {
        suite: 'foundation',
        name: 'contract round trip (HTTP) p50',
        value: quantile(http, 0.5),
        unit: 'ms',
        note: 'settings:get, signed in',
      },
      { suite: 'foundation', name: 'contract round trip (HTTP) p99', value: quantile(http, 0.99), unit: 'ms' },
      { suite: 'foundation', name: 'gate in-process p50', value: quantile(gate, 0.5), unit: 'ms' },
      {
        suite: 'foundation',
        name: 'HTTP / in-process ratio (p50)',
        value: quantile(http, 0.5) / quantile(gate, 0.5),
        unit: '×',
      },
    ];
  },
};
