// The production form of the gateway: built to JavaScript, started by plain `node` (no tsx, no TypeScript)
// with its configuration in the environment, importing only gateway/package.json `dependencies`.
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestPostgres, type TestPostgres } from './testing/pg';

const GATEWAY = resolve(__dirname, '..');
let db: TestPostgres | undefined;
afterAll(() => db?.stop());

describe('the built gateway', () => {
  it('builds to dist/cli.js whose run-time imports are all production dependencies', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(GATEWAY, 'scripts', 'build.mjs')]);
    expect(stdout).toContain('gateway build: dist/cli.js');
    const pkg = JSON.parse(readFileSync(join(GATEWAY, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const imports = JSON.parse(readFileSync(join(GATEWAY, 'dist', 'imports.json'), 'utf8')) as string[];
    expect(imports).toContain('fastify');
    for (const name of imports) expect(Object.keys(pkg.dependencies)).toContain(name);
    expect(Object.keys(pkg.dependencies)).toContain('@tongban/protocol');
    const bundle = readFileSync(join(GATEWAY, 'dist', 'cli.js'), 'utf8');
    expect(bundle).not.toMatch(/require\("(tsx|typescript|@tongban\/protocol)/);
    expect(bundle).not.toMatch(/require\("[^"]*src-main/);
  }, 120_000);

  it('`node gateway/dist/cli.js` migrates (migrate status|up) and serves from environment configuration; /readyz 200, /metrics scrapes', async () => {
    db = await startTestPostgres({ migrated: false });
    const env = {
      PATH: process.env.PATH,
      TONGBAN_GW_DATABASE_URL: db.url,
      TONGBAN_GW_MIGRATION_DATABASE_URL: db.migrationUrl,
    };
    const cli = async (...args: string[]) =>
      (await promisify(execFile)(process.execPath, [join(GATEWAY, 'dist', 'cli.js'), ...args], { env })).stdout;
    const before = JSON.parse(await cli('migrate', 'status', '--json')) as { pending: number; databaseVersion: number };
    expect(before.databaseVersion).toBe(0);
    expect(before.pending).toBeGreaterThan(0);
    expect(await cli('migrate', 'up')).toMatch(/^migrations applied: 1, /);
    expect(await cli('migrate', 'status')).toMatch(/schema is current\n$/);
    expect(await cli('migrate', 'up')).toBe('migrations applied: none\n');
    const child = spawn(process.execPath, [join(GATEWAY, 'dist', 'cli.js'), 'serve'], {
      cwd: tmpdir(),
      env: {
        PATH: process.env.PATH,
        TONGBAN_GW_DATABASE_URL: db.url,
        TONGBAN_GW_PORT: '0',
        TONGBAN_GW_POOL_SIZE: '4',
        TONGBAN_GW_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const url = await new Promise<string>((ready, fail) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /^tongban gateway: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
        if (m) ready(m[1] as string);
      });
      child.once('exit', (code) => fail(new Error(`exited ${code}: ${err}`)));
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    try {
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { status: string }).status).toBe('ready');
      const metrics = await fetch(`${url}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toContain(
        'tongban_http_requests_total{method="GET",route="/readyz",status="200"} 1',
      );
      expect((await fetch(`${url}/dept/login`)).status).toBe(200); // stylesheet and pages from dist/
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toMatch(/"msg":"request completed"/);
    expect(out).not.toContain(db.url);
  }, 120_000);
});
