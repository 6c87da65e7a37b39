// The deployment files: the systemd unit passes `systemd-analyze verify` (with the paths it names pointed at
// this checkout), and the Dockerfile runs the built gateway as a non-root user with production dependencies.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const GATEWAY = resolve(__dirname, '..', '..');
const unit = readFileSync(join(GATEWAY, 'deploy', 'tongban-gateway.service'), 'utf8');
const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));
if (!analyze) console.warn('systemd unit check skipped: systemd-analyze is not installed (apt-get install systemd)');

describe('deployment files', () => {
  it('the unit runs node on dist/cli.js, migrates first, restarts on failure, as an unprivileged user', () => {
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/tongban-gateway\/gateway\/dist\/cli\.js serve$/m);
    expect(unit).toMatch(/^ExecStartPre=.*dist\/cli\.js migrate up$/m);
    expect(unit).toMatch(/^User=tongban-gw$/m);
    expect(unit).toMatch(/^EnvironmentFile=\/etc\/tongban-gateway\/gateway\.env$/m);
    const settings = unit.split('\n').filter((l) => !l.startsWith('#'));
    expect(settings.join('\n')).not.toMatch(/DATABASE_URL=|--db|password/i);
  });

  it.skipIf(!analyze)('systemd-analyze verify accepts the unit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-unit-'));
    const envFile = join(dir, 'gateway.env');
    writeFileSync(envFile, 'TONGBAN_GW_LOG_LEVEL=info\n');
    mkdirSync(join(dir, 'opt'), { recursive: true });
    // verify checks that executables exist: point them at this machine's node and this checkout.
    const local = unit
      .replaceAll('/usr/bin/node', process.execPath)
      .replaceAll('/opt/tongban-gateway', resolve(GATEWAY, '..'))
      .replaceAll('/etc/tongban-gateway/gateway.env', envFile)
      .replace(/^User=.*$/m, 'User=root')
      .replace(/^Group=.*$/m, 'Group=root');
    const file = join(dir, 'tongban-gateway.service');
    writeFileSync(file, local);
    const result = await promisify(execFile)(analyze as string, ['verify', file]).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );
    // Messages about the host's own units (this machine may not boot with systemd) are not about ours.
    const ours = result.stderr
      .split('\n')
      .filter((l) => l.includes('tongban-gateway.service') && !/Failed to (connect|create)|bus/i.test(l));
    expect(ours).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('the Dockerfile builds in one stage and runs production dependencies as non-root in another', () => {
    const docker = readFileSync(join(GATEWAY, 'deploy', 'Dockerfile'), 'utf8');
    expect(docker.match(/^FROM /gm)).toHaveLength(2);
    expect(docker).toMatch(/npm ci --omit=dev .*-w gateway/);
    expect(docker).toMatch(/^USER tongban-gw$/m);
    expect(docker).toMatch(/^CMD \["node", "gateway\/dist\/cli\.js", "serve"\]$/m);
    expect(docker).toContain('COPY --from=build /src/gateway/dist gateway/dist');
  });
});
