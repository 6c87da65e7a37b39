import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { splashScript } from '../src-main/events/splash-script';

// The Electron shell's start-up splash while an old plaintext database is encrypted (issue #17, item 8).
// Electron cannot run here: the page is driven exactly as the shell drives it (splashScript), in Chromium.
const PAGE = pathToFileURL(join(__dirname, '..', 'resources', 'splash', 'encrypting.html')).href;

// The shell's window is 460×220 with its title bar: the page must fit the content area.
test.use({ viewport: { width: 460, height: 190 } });

test('the encryption splash shows each step, the end and a failure in Chinese', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(PAGE);
  await expect(page.getByRole('heading', { name: '正在加密本机数据' })).toBeVisible();
  await expect(page.getByText('请勿关闭电脑或断电')).toBeVisible();
  const bar = page.getByRole('progressbar', { name: '加密进度' });

  await page.evaluate(splashScript({ done: 0, total: 5, phase: 'running' }));
  await expect(page.getByText('第 1 步，共 5 步')).toBeVisible();
  await page.evaluate(splashScript({ done: 2, total: 5, phase: 'running' }));
  await expect(page.getByText('第 3 步，共 5 步')).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuenow', '2');
  await expect(page.locator('#fill')).toHaveAttribute('style', /width: 40%/);
  await page.screenshot({ path: 'test-results/e2e/encryption-splash-running.png' });

  await page.evaluate(splashScript({ done: 5, total: 5, phase: 'done' }));
  await expect(page.getByText('已完成，正在打开…')).toBeVisible();
  await expect(page.locator('#fill')).toHaveAttribute('style', /width: 100%/);

  await page.evaluate(splashScript({ done: 3, total: 5, phase: 'failed' }));
  await expect(page.getByText('加密未完成。本机数据未被改动，请联系技术支持。')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/encryption-splash-failed.png' });
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(190);
  expect(errors).toEqual([]);
});
