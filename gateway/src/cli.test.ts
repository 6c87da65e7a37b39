// The command line as an operator (or another test suite) uses it: serve with an embedded cluster,
// admin commands against the running gateway, a killed gateway restarting, a clean SIGTERM.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { DeviceClient } from './testing/device-client';
import { testManifest } from './testing/fixtures';

const ROOT = resolve(__dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tongban-gw-cli-'));
chmodSync(dir, 0o755);
const data = join(dir, 'data');
const children: ChildProcess[] = [];

const cli = async (...args: string[]) =>
  (
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'gateway/src/cli.ts', ...args, '--data', data], {
      cwd: ROOT,
      env: { ...process.env, TONGBAN_GW_REVIEWER_PASSWORD: 'pw-cli-1' },
    })
  ).stdout.trim();

/** Runs the CLI with `stdin` piped to it; resolves with its exit code and output. */
const cliWithInput = (stdin: string, ...args: string[]) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((res) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'gateway/src/cli.ts', ...args, '--data', data],
      { cwd: ROOT },
      (err, stdout, stderr) => res({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin);
  });

/** Starts `serve` and resolves with its URL once it printed the ready line. */
function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'gateway/src/cli.ts', 'serve', '--port', '0', '--data', data],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  children.push(child);
  return new Promise((res, rej) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^tongban gateway: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      if (m) res({ child, url: m[1] as string });
    });
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => rej(new Error(`serve exited with ${code}: ${err}`)));
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((res) =>
    child.exitCode !== null || child.signalCode !== null ? res(child.exitCode) : child.on('exit', (code) => res(code)),
  );
const postmasterPid = () => Number(readFileSync(join(data, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
  await Promise.all(children.map(exited));
  // A failed run may leave the cluster running: stop it (by its own pid) before removing its folder.
  if (existsSync(join(data, 'pg', 'postmaster.pid'))) {
    // A pid file caught while PostgreSQL writes it reads as 0, and kill(0) would signal this whole process group.
    const pid = postmasterPid();
    if (!(pid > 0)) throw new Error(`postmaster.pid holds no pid; the cluster in ${data} is left running`);
    if (alive(pid)) process.kill(pid, 'SIGINT');
    for (let i = 0; i < 600 && alive(pid); i++) await new Promise((r) => setTimeout(r, 50));
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('gateway CLI', () => {
  it('serves, takes admin commands, survives kill -9 and stops cleanly', { timeout: 120_000 }, async () => {
    const first = await serve();
    const issued = JSON.parse(await cli('issue-code', '--window', 'CQ-CLI-1', '--district', '510000', '--json')) as {
      code: string;
    };
    const device = new DeviceClient(first.url);
    expect((await device.enroll(issued.code, 'CQ-CLI-1')).status).toBe(201);
    const m = testManifest('510000');
    const pushed = await device.putCase(m);
    expect(pushed.status).toBe(201);
    // The password never travels in argv: --password is refused, a weak one too, a piped strong one is taken.
    const argv = await cliWithInput('', 'add-reviewer', '--username', 'cli1', '--password', 'x', '--department', 'D');
    expect([argv.code, argv.stderr]).toEqual([2, expect.stringContaining('--password is not accepted')]);
    const weak = await cliWithInput('short1\n', 'add-reviewer', '--username', 'cli1', '--department', 'SC-CD-PSB');
    expect([weak.code, weak.stderr]).toEqual([2, expect.stringContaining('至少 12 个字符')]);
    const added = await cliWithInput(
      'pw-cli-1-long\n',
      'add-reviewer',
      '--username',
      'cli1',
      '--department',
      'SC-CD-PSB',
    );
    expect([added.code, added.stdout]).toEqual([0, expect.stringContaining('cli1')]);

    // A killed gateway leaves its PostgreSQL running; the next start adopts it.
    const pg = postmasterPid();
    expect(pg).toBeGreaterThan(0);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(alive(pg)).toBe(true);
    const second = await serve();
    device.baseUrl = second.url;
    const replay = await device.putCase(m);
    expect(replay.status).toBe(200);
    expect(replay.body.departmentNo).toBe(pushed.body.departmentNo);

    const devices = JSON.parse(await cli('devices', '--json')) as { deviceId: string }[];
    expect(devices.map((d) => d.deviceId)).toEqual([device.deviceId]);
    expect(await cli('revoke', '--device', device.deviceId)).toContain('revoked');
    expect((await device.feed(null)).status).toBe(403);

    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(alive(pg)).toBe(false);

    // Admin commands also work with no gateway running (they start the cluster briefly).
    expect(await cli('issue-code', '--window', 'CQ-CLI-2', '--district', '510000')).toMatch(
      /^enrolment code [A-Z0-9-]{19} for window CQ-CLI-2/,
    );
    expect(existsSync(join(data, 'pg', 'postmaster.pid'))).toBe(false);
  });
});
