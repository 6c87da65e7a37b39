// First screen on a slow hall PC: the time until the sign-in form is usable with Chromium's CPU
// slowed 6× (CDP Emulation.setCPUThrottlingRate), and the bytes loaded by then, for the build before
// issue #17 (built from git into a temp folder) and the current one, side by side in one run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { quantile, type Figure, type Suite } from '../lib';
import { ROOT, startHostProcess, type HostProcess } from '../host-process';

/** The last commit before the first screen was split, minified and compressed (override: UI_BENCH_BASELINE). */
const BASELINE = process.env.UI_BENCH_BASELINE ?? '20aae03';
const RUNS = Number(process.env.UI_BENCH_RUNS ?? 5);
const THROTTLE = 6;
const HALL = { name: '万州区政务服务中心', divisionCode: '500101', windowNo: '12', windowCode: '50010112' };
const ADMIN = { username: 'admin', displayName: '管理员', password: 'Chongqing2026' };
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds `commit` once into a temp folder (git archive + this checkout's node_modules) and returns its root. */
function baselineRoot(commit: string): string {
  const sha = execFileSync('git', ['rev-parse', '--short=12', commit], { cwd: ROOT, encoding: 'utf8' }).trim();
  const dir = join(tmpdir(), `tongban-ui-baseline-${sha}`);
  if (existsSync(join(dir, 'out', 'renderer', 'index.html')) && existsSync(join(dir, 'out', 'main', 'host.js'))) {
    return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${sha} | tar -x -C "${dir}"`], { cwd: ROOT });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: dir,
    stdio: 'ignore',
  });
  return dir;
}

/** Starts a host of `root` on a fresh data folder whose hall is set up, so it opens on the sign-in form. */
async function readyHost(root: string): Promise<{ host: HostProcess; dataDir: string; cookie: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-ui-'));
  const host = await startHostProcess(dataDir, root);
  const entry = await fetch(host.url, { redirect: 'manual' });
  const cookie = (entry.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const res = await fetch(`${host.origin}/api/call/setup:initialize`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: host.origin, 'Content-Type': 'application/json' },
    body: JSON.stringify({ hall: HALL, admin: ADMIN }),
  });
  const body = (await res.json()) as { ok: boolean };
  if (!body.ok) throw new Error(`set-up of the ${root} host failed: ${JSON.stringify(body)}`);
  // Set-up signs the administrator in (and, since the recovery code, shows it first): sign out, so that both
  // builds open on the sign-in form the bench waits for.
  await fetch(`${host.origin}/api/call/auth:logout`, {
    method: 'POST',
    headers: { Cookie: cookie, Origin: host.origin, 'Content-Type': 'application/json' },
    body: '{}',
  });
  return { host, dataDir, cookie };
}

interface Load {
  /** ms from navigation start until the sign-in form is on screen and takes typing. */
  ms: number;
  /** Bytes over the wire (headers included) before that moment. */
  bytes: number;
  scripts: string[];
}

// Runs in the page: resolves when the password field exists, then once a typed key reaches the
// user-name field (the main thread is free), with the time and the bytes loaded so far.
const WAIT_USABLE = `new Promise((resolve, reject) => {
  setTimeout(() => reject(new Error('sign-in form not usable after 60 s')), 60000);
  const check = () => {
    const user = document.querySelector('input[autocomplete=username]');
    if (!user || !document.querySelector('input[type=password]')) return requestAnimationFrame(check);
    user.focus();
    user.value = 'a';
    user.dispatchEvent(new Event('input', { bubbles: true }));
    requestAnimationFrame(() => setTimeout(() => {
      const ms = performance.now();
      const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
      resolve({
        ms,
        bytes: entries.reduce((sum, e) => sum + (e.transferSize || 0), 0),
        scripts: performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'script' || /\\.js$/.test(e.name)).map((e) => e.name.replace(/^.*\\//, '')),
      });
    }, 0));
  };
  check();
})`;

/** One load of the host's first screen in a fresh context (cold cache), then `warm` reloads in it. */
async function loadFirstScreen(
  browser: Browser,
  { host, cookie }: { host: HostProcess; cookie: string },
  warm: number,
): Promise<{ cold: Load; warm: Load[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 768 } });
  // The start token is one-time (issue #15): each fresh context carries the session cookie readyHost got.
  const [name, value] = cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: host.origin, httpOnly: true, sameSite: 'Strict' }]);
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await page.goto(`${host.origin}/`, { waitUntil: 'commit' });
    const cold = (await page.evaluate(WAIT_USABLE)) as Load;
    const again: Load[] = [];
    for (let i = 0; i < warm; i++) {
      await page.goto(`${host.origin}/`, { waitUntil: 'commit' });
      again.push((await page.evaluate(WAIT_USABLE)) as Load);
    }
    return { cold, warm: again };
  } finally {
    await context.close();
  }
}

const LAZY_PAGES =
  /^(ChartFigure|LedgerPage|DashboardPage|SettingsPage|PrintSettingsSection|IntakePage|MainLayout|Workspace|Providers)-/;

/**
 * Libraries the first screen must not load (docs/decisions/0240): recognised by strings their minified code
 * keeps, whatever chunk the bundler puts them in.
 */
const NOT_BEFORE_SIGN_IN: [string, string][] = [
  ['antd', 'ant-design'],
  ['@ant-design/cssinjs', 'data-css-hash'],
  ['zod', 'ZodError'],
];

/** The scripts of the first screen that are lazy pages or carry antd, its CSS-in-JS runtime or zod. */
export function firstScreenLeaks(scripts: string[], assetsDir = join(ROOT, 'out', 'renderer', 'assets')): string[] {
  const leaks: string[] = [];
  for (const script of scripts) {
    if (LAZY_PAGES.test(script)) leaks.push(`${script} (a page meant to load later)`);
    const file = join(assetsDir, script);
    if (!existsSync(file)) continue;
    const code = readFileSync(file, 'utf8');
    for (const [library, marker] of NOT_BEFORE_SIGN_IN) if (code.includes(marker)) leaks.push(`${script} (${library})`);
  }
  return leaks;
}

export const uiSuite: Suite = {
  name: 'ui',
  async run() {
    const oldRoot = baselineRoot(BASELINE);
    const builds = [
      { label: 'before', root: oldRoot },
      { label: 'now', root: ROOT },
    ];
    const hosts = await Promise.all(builds.map((b) => readyHost(b.root)));
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const results = builds.map(() => ({ cold: [] as Load[], warm: [] as Load[] }));
    try {
      for (let run = 0; run < RUNS; run++) {
        // Alternate which build goes first, so neither gains from the other's disk cache or CPU state.
        const order = run % 2 === 0 ? [0, 1] : [1, 0];
        for (const i of order) {
          const r = await loadFirstScreen(browser, hosts[i] as { host: HostProcess; cookie: string }, 1);
          results[i]?.cold.push(r.cold);
          results[i]?.warm.push(...r.warm);
        }
      }
    } finally {
      await browser.close();
      for (const h of hosts) {
        await h.host.stop();
        rmSync(h.dataDir, { recursive: true, force: true });
      }
    }
    const p50 = (loads: Load[]) =>
      quantile(
        loads.map((l) => l.ms),
        0.5,
      );
    const [before, now] = results as [{ cold: Load[]; warm: Load[] }, { cold: Load[]; warm: Load[] }];
    const leaked = firstScreenLeaks(now.cold[0]?.scripts ?? []);
    if (leaked.length) throw new Error(`the first screen loads what must wait until after it: ${leaked.join(', ')}`);
    const note = `CPU ${THROTTLE}× slower, p50 of ${RUNS} cold loads`;
    const figures: Figure[] = [
      {
        suite: 'ui',
        name: 'first screen usable, before #17',
        value: p50(before.cold),
        unit: 'ms',
        note: `${note}; ${BASELINE}`,
      },
      { suite: 'ui', name: 'first screen usable, now', value: p50(now.cold), unit: 'ms', note },
      {
        suite: 'ui',
        name: 'first screen now / before',
        value: p50(now.cold) / p50(before.cold),
        unit: '×',
        target: '≤ 0.4',
      },
      { suite: 'ui', name: 'reload (cached), before #17', value: p50(before.warm), unit: 'ms', note: 'same context' },
      { suite: 'ui', name: 'reload (cached), now', value: p50(now.warm), unit: 'ms', note: 'same context' },
      {
        suite: 'ui',
        name: 'bytes before sign-in usable, before #17',
        value: before.cold[0]?.bytes ?? Number.NaN,
        unit: 'B',
        note: `${before.cold[0]?.scripts.length ?? 0} scripts`,
      },
      {
        suite: 'ui',
        name: 'bytes before sign-in usable, now',
        value: now.cold[0]?.bytes ?? Number.NaN,
        unit: 'B',
        note: `${now.cold[0]?.scripts.length ?? 0} scripts`,
      },
      {
        suite: 'ui',
        name: 'bytes on a cached reload, now',
        value: now.warm[0]?.bytes ?? Number.NaN,
        unit: 'B',
        note: 'index.html revalidated, hashed assets from cache',
      },
    ];
    return figures;
  },
};
