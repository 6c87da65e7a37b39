// Issue #15 / decision 0116: `npm start` opens the app once through a 0600 launch page (the one-time start
// address never on Chromium's command line); the same address a second time is refused in Chinese.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeLaunchPage } from '../src-main/host/launch';
import { expect, test } from './support/fixtures';
import { startHost } from './support/host';
import { saveScreenshot } from './support/steps';

test('the launch page opens the app once; a second use of the start address is refused', async ({ browser }) => {
  const host = await startHost();
  const dir = mkdtempSync(join(tmpdir(), 'tongban-launch-'));
  try {
    const launch = writeLaunchPage(dir, host.url);
    expect(statSync(launch).mode & 0o777).toBe(0o600);
    const first = await browser.newPage();
    // As Chromium's --app=file://…/launch.html: the page moves on to the start address by itself.
    await first.goto(pathToFileURL(launch).href);
    await expect(first.getByRole('heading', { name: '首次使用：初始化本窗口' })).toBeVisible({ timeout: 30_000 });
    expect(first.url()).toBe(`${host.origin}/`);

    const second = await browser.newPage();
    await second.goto(pathToFileURL(launch).href);
    await expect(second.getByText('此启动地址只能使用一次，已经被使用过')).toBeVisible();
    await saveScreenshot(second, 'host-start-address-used');
    await second.goto(host.url);
    await expect(second.getByText('此启动地址只能使用一次，已经被使用过')).toBeVisible();
    await first.close();
    await second.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await host.stop();
  }
});
