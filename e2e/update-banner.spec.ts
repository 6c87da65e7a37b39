// Window updates in the browser host (issue #16): a release an administrator published on the gateway reaches
// the window's 有新版本 banner, and the browser host only reports it (it installs nothing: an administrator
// updates the host by hand). Electron's install path (download, install at 日结) is tests/updates/*.test.ts.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './support/fixtures';
import {
  freePort,
  type GatewayProcess,
  joinGateway,
  publishWindowUpdate,
  startGateway,
  startTestPostgres,
  type TestPostgres,
  updateKey,
} from './support/gateway';
import { startHost, type RunningHost } from './support/host';
import { ADMIN, completeFirstRun, saveScreenshot, signIn } from './support/steps';

const dir = mkdtempSync(join(tmpdir(), 'tongban-e2e-update-'));
let db: TestPostgres | null = null;
let gateway: GatewayProcess | null = null;
const hosts: RunningHost[] = [];

test.afterAll(async () => {
  for (const host of hosts) await host.stop();
  await gateway?.stop();
  await db?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('有新版本: a release published on the gateway is reported by the browser host, which installs nothing', async ({
  page,
}) => {
  test.setTimeout(150_000);
  db = await startTestPostgres();
  gateway = await startGateway(db.url, await freePort());
  const signingKey = join(dir, 'update-signing-key.pem');
  const publicKey = join(dir, 'update-key.pub');
  writeFileSync(publicKey, `${await updateKey(db.url, signingKey)}\n`);
  const installer = join(dir, '跨省通办窗口-Setup-9.0.0.exe');
  writeFileSync(installer, randomBytes(200_000));
  await publishWindowUpdate(db.url, signingKey, installer, '9.0.0');
  const args = ['--update-key', publicKey];

  const first = await startHost({ args });
  hosts.push(first);
  await test.step('a new window joins the gateway (it checked for updates at start, before it knew one)', async () => {
    await page.goto(first.url);
    await completeFirstRun(page);
    await joinGateway(page, db!.url, gateway!.url);
    await expect(page.getByText('有新版本')).toHaveCount(0);
    await page.goto('about:blank');
  });

  await test.step('at the next start it verifies the signed feed and shows 有新版本 9.0.0, report only', async () => {
    await first.kill();
    const restarted = await startHost({ dataDir: first.dataDir, args });
    hosts.push(restarted);
    await page.goto(restarted.url);
    await signIn(page, ADMIN.username, ADMIN.password, ADMIN.displayName);
    const banner = page.getByRole('status').filter({ hasText: '有新版本 9.0.0' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('浏览器版不会自动安装，请联系系统管理员更新本机。');
    await saveScreenshot(page, 'update-banner');
    await page.goto('about:blank');
  });
});
