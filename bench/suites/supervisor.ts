// Supervisor figures: a 5,000-case day exported to XLSX (p50 over several runs), and a month of
// 100,000 cases streamed to XLSX in a child process whose peak RSS is read back. Cases are seeded
// with direct SQL inserts into the real schema (one transaction per day), not through acceptance.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../src-main/app/app';
import { eachDate } from '@common/supervisor/ledger';
import { seedDay } from '../../src-main/testing/supervisor';
import { quantile, since, type Figure, type Suite } from '../lib';
import { ROOT } from '../host-process';

const HALL = { name: '万州区政务服务中心', divisionCode: '500101', windowNo: '12', windowCode: '50010112' };
const ADMIN = { username: 'admin', displayName: '管理员', password: 'Chongqing2026' };
const DAY = '2025-11-28';
const MONTH = { from: '2025-10-01', to: '2025-10-30' };

function openApp(dataDir: string): Promise<App> {
  return createApp({
    firstPasswordChange: false,
    dataDir,
    migrationsDir: join(ROOT, 'migrations'),
    resourcesDir: join(ROOT, 'resources'),
    runtime: 'browser-host',
    version: 'bench',
  });
}

/** A data folder with an initialised hall, a clerk, and seeded cases per day. */
async function seededDataDir(days: string[], perDay: number): Promise<{ dataDir: string; clerkId: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-sup-'));
  const app = await openApp(dataDir);
  await app.call('bench', 'setup:initialize', { hall: HALL, admin: ADMIN }, 0);
  const created = await app.call(
    'bench',
    'users:create',
    { username: 'clerk1', displayName: '李娟', role: 'clerk', password: 'Passw0rd!' },
    0,
  );
  if (!created.ok) throw new Error(`bench set-up failed: ${created.error.code}`);
  const clerkId = (created.value as { id: number }).id;
  for (const date of days) seedDay(app.services.db, { date, count: perDay, clerkId });
  app.close();
  return { dataDir, clerkId };
}

const ACTOR = { id: 1, name: 'admin' };

async function dayXlsx(runs: number): Promise<{ times: number[]; size: number; closeMs: number; verifyMs: number }> {
  const { dataDir } = await seededDataDir([DAY], 5000);
  const app = await openApp(dataDir);
  const times: number[] = [];
  let size = 0;
  const timing = { closeMs: 0, verifyMs: 0 };
  try {
    await app.services.supervisor.exports.ledger(ACTOR, { from: DAY, to: DAY }, 'xlsx'); // warm-up
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const e = await app.services.supervisor.exports.ledger(ACTOR, { from: DAY, to: DAY }, 'xlsx');
      times.push(since(start));
      size = e.size;
      if (e.rows !== 5000) throw new Error(`expected 5000 rows, got ${e.rows}`);
    }
    let start = performance.now();
    app.services.supervisor.days.close(ACTOR, DAY);
    timing.closeMs = since(start);
    start = performance.now();
    if (!app.services.supervisor.days.verify(DAY).ok) throw new Error('closed day does not verify');
    timing.verifyMs = since(start);
  } finally {
    app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { times, size, ...timing };
}

interface ChildReport {
  ms: number;
  rows: number;
  size: number;
  rssBeforeMb: number;
  maxRssMb: number;
}

/** Streams the month in a child process (its own heap and RSS), returning what it measured. */
function streamInChild(dataDir: string): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', __filename, '--stream-child', dataDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{"ms"'));
      if (code !== 0 || !line) reject(new Error(`stream child exited ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(line) as ChildReport);
    });
  });
}

async function childMain(dataDir: string): Promise<void> {
  const app = await openApp(dataDir);
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  const start = performance.now();
  const e = await app.services.supervisor.exports.ledger(ACTOR, MONTH, 'xlsx');
  const ms = since(start);
  app.close();
  // maxRSS is in kilobytes on Linux.
  const report: ChildReport = {
    ms,
    rows: e.rows,
    size: e.size,
    rssBeforeMb,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

export const supervisorSuite: Suite = {
  name: 'supervisor',
  async run(): Promise<Figure[]> {
    const day = await dayXlsx(7);
    const days = eachDate(MONTH.from, MONTH.to);
    const perDay = Math.ceil(100_000 / days.length);
    const seedStart = performance.now();
    const { dataDir } = await seededDataDir(days, perDay);
    const seedMs = since(seedStart);
    try {
      const month = await streamInChild(dataDir);
      return [
        {
          suite: 'supervisor',
          name: 'ledger XLSX, 5,000-case day p50',
          value: quantile(day.times, 0.5),
          unit: 'ms',
          target: '≤ 2000 ms',
          note: `n=${day.times.length}, max ${Math.round(Math.max(...day.times))} ms, ${Math.round(day.size / 1024)} KiB`,
        },
        {
          suite: 'supervisor',
          name: 'day close, 5,000 cases',
          value: day.closeMs,
          unit: 'ms',
          note: `verify (hash, audit chain, live compare): ${Math.round(day.verifyMs)} ms`,
        },
        {
          suite: 'supervisor',
          name: 'ledger XLSX streamed, month',
          value: month.rows,
          unit: 'rows',
          note: `${Math.round(month.ms)} ms, ${Math.round(month.size / 2 ** 20)} MiB file, seeded in ${Math.round(seedMs)} ms`,
        },
        {
          suite: 'supervisor',
          name: 'ledger XLSX streamed, month: peak RSS',
          value: month.maxRssMb,
          unit: 'MB',
          target: '≤ 400 MB',
          note: `child process maxRSS; ${Math.round(month.rssBeforeMb)} MB before the export`,
        },
      ];
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

if (require.main === module && process.argv[2] === '--stream-child') {
  childMain(process.argv[3] as string).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
