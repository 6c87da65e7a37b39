import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { configureRatingAddress, COUNTER_CLERK, materialRow, PNG_BYTES } from './support/intake';
import { callFromPage, completeFirstRun, saveScreenshot, signIn, signOut } from './support/steps';

// Issue #17 items 1-2: the standard 社会保障卡申领 / 首次申领 with a card reader, counted (pointer presses
// and key presses, as the page receives them), and the same case filed with the keyboard alone.

/** Counts what the clerk does: pointer presses and key presses (auto-repeat excluded), from now on. */
async function startCounting(page: Page): Promise<() => Promise<{ clicks: number; keys: number }>> {
  await page.evaluate(() => {
    const w = window as unknown as { __counted: { clicks: number; keys: number } };
    w.__counted = { clicks: 0, keys: 0 };
    window.addEventListener('pointerdown', (e) => e.isTrusted && (w.__counted.clicks += 1), true);
    window.addEventListener('keydown', (e) => e.isTrusted && !e.repeat && (w.__counted.keys += 1), true);
  });
  return () => page.evaluate(() => (window as unknown as { __counted: { clicks: number; keys: number } }).__counted);
}

/** The administrator sets up the window with the (simulated) reader reading as soon as a card is placed; the clerk's account. */
async function setUpWithReader(page: Page): Promise<void> {
  // The first screen on a loaded test machine can take longer than one expect's time-out.
  await expect(page.getByRole('heading', { name: '首次使用：初始化本窗口' })).toBeVisible({ timeout: 60_000 });
  await completeFirstRun(page);
  await configureRatingAddress(page);
  const current = await callFromPage(page, 'identity:getSettings');
  const settings = current.value as { reader: Record<string, unknown> };
  const reader = { ...settings.reader, driver: 'simulated', polling: { enabled: true, intervalMs: 300 } };
  expect(await callFromPage(page, 'identity:updateSettings', { ...settings, reader })).toMatchObject({ ok: true });
  expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
  await signOut(page);
  // The clerk's first sign-in (own password) is not part of a day's case.
  await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);
  await signOut(page);
}

/** The applicant puts their card on the reader (not the clerk's action). */
async function placeCard(page: Page, cardId: string): Promise<void> {
  expect(await callFromPage(page, 'reader:placeSimulatedCard', { cardId })).toMatchObject({ ok: true });
}

/** Signs in with the keyboard: login name, Tab, password, Enter. */
async function typeLogin(page: Page): Promise<void> {
  await page.getByLabel('登录名').focus();
  await page.keyboard.type(COUNTER_CLERK.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(COUNTER_CLERK.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `${COUNTER_CLERK.displayName}，您好` })).toBeVisible({
    timeout: 60_000,
  });
}

// Two whole cases each, on a shared 2-core machine.
test.describe.configure({ timeout: 150_000 });

const PHOTO = { name: '证件照.png', mimeType: 'image/png', buffer: PNG_BYTES };
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

test('the standard 社会保障卡 case with a card reader takes at most 10 clicks', async ({ app: page }) => {
  await setUpWithReader(page);
  const counted = await startCounting(page);
  await typeLogin(page);

  await page.getByRole('menuitem', { name: '受理' }).click();
  await page.keyboard.type('sbk');
  await page.getByRole('option', { name: '社会保障卡申领 · 首次申领' }).click();
  await expect(page.getByRole('radiogroup', { name: '办理方式' })).toBeVisible();

  await placeCard(page, 'zhangsan-adult');
  await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('张三');
  await expect(page.getByLabel('联系地址', { exact: true })).toHaveValue(/^重庆市/);
  // Guardian fields are for minors: not shown for an adult's ID number.
  await expect(page.getByLabel('监护人姓名')).toHaveCount(0);
  await expect.poll(() => focused(page)).toBe('applicant-phone');
  await page.keyboard.type('13800138000');
  await page.keyboard.press('Enter');
  // The first problem takes the cursor: 参保地 is still empty.
  await expect.poll(() => focused(page)).toBe('form-insuredDivision');
  await page.keyboard.type('锦江');
  await page.locator('.ant-cascader-dropdown:visible').getByText('四川省 / 成都市 / 锦江区').click();
  await saveScreenshot(page, 'keys-applicant');
  await page.getByRole('button', { name: /^下一步/ }).click();

  await test.step('materials: only what applies, the ID card already 原件核验后退还', async () => {
    await expect(materialRow(page, '《社会保障卡申领登记表》')).toBeVisible();
    for (const hidden of ['监护人居民身份证', '授权委托书', '代办人有效身份证件'])
      await expect(materialRow(page, hidden)).toHaveCount(0);
    await expect(materialRow(page, '申请人有效身份证件')).toContainText('原件核验后退还');
    const chooser = page.waitForEvent('filechooser');
    await materialRow(page, '近期免冠彩色证件照').getByRole('button', { name: '上传扫描件' }).click();
    await (await chooser).setFiles(PHOTO);
    await expect(materialRow(page, '近期免冠彩色证件照')).toContainText('电子材料');
    await page.getByRole('button', { name: '其余必需材料按常规方式收取' }).click();
    await expect(materialRow(page, '《社会保障卡申领登记表》')).toContainText('原件留存待寄递');
    await expect(page.getByText('必需材料均已收取')).toBeVisible();
    await saveScreenshot(page, 'keys-materials');
    await page.getByRole('button', { name: /^下一步/ }).click();
  });

  await page.getByRole('button', { name: '人证一致，确认核验' }).click();
  await page.getByRole('button', { name: '收件', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: '收件', exact: true }).click();
  await expect(page.getByLabel('收件凭证编号')).toHaveText(/^50010303-\d{8}-\d{4}[0-9A-Z]$/);

  const { clicks, keys } = await counted();
  console.log(`标准社会保障卡申领（读卡器）：${clicks} 次点击，${keys} 次按键（登录至回执号）`);
  expect(clicks).toBeLessThanOrEqual(10);

  await test.step('大字模式 is the clerk’s own setting and survives a reload', async () => {
    // Styles added with fixed sizes grow too: the receipt number, the result title, the header's title.
    const sized = ['.doc-number', '.result-head__title', 'header strong'];
    const sizes = () =>
      Promise.all(
        sized.map((sel) =>
          page
            .locator(sel)
            .first()
            .evaluate((el) => parseFloat(getComputedStyle(el).fontSize)),
        ),
      );
    const normal = await sizes();
    await saveScreenshot(page, 'keys-result-normal');
    await page.getByRole('switch', { name: '大字模式' }).click();
    await expect(page.locator('html')).toHaveClass(/large-text/);
    const large = await sizes();
    sized.forEach((sel, i) => expect(large[i], sel).toBeGreaterThan(normal[i]!));
    await saveScreenshot(page, 'keys-result-large-text');
    await page.reload();
    await expect(page.getByRole('heading', { name: `${COUNTER_CLERK.displayName}，您好` })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.locator('html')).toHaveClass(/large-text/);
    await expect(page.getByRole('switch', { name: '大字模式' })).toBeChecked();
    // Menu items are announced by their Chinese names only (icons are hidden from screen readers).
    await expect(page.getByRole('menuitem', { name: '受理', exact: true })).toBeVisible();
    await saveScreenshot(page, 'keys-large-text');
  });
});

test('a clerk files the whole case with the keyboard alone; F1 lists the shortcuts', async ({ app: page }) => {
  await setUpWithReader(page);
  const counted = await startCounting(page);
  await typeLogin(page);

  await test.step('F1 opens the shortcut help in Chinese; Esc closes it', async () => {
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: '键盘操作（F1）' });
    await expect(help).toContainText('读取身份证');
    await expect(help).toContainText('下一步');
    await saveScreenshot(page, 'keys-help');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
  });

  await page.keyboard.press('F4');
  await expect.poll(() => focused(page)).toBe('matter-search');
  await page.keyboard.type('sbk');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('radiogroup', { name: '办理方式' })).toBeVisible();

  await test.step('an expired card is flagged the moment it is read', async () => {
    await placeCard(page, 'zhaoliu-expired');
    await expect(page.getByRole('alert').filter({ hasText: '证件已过期' })).toBeVisible();
    await saveScreenshot(page, 'keys-expired-card');
    await placeCard(page, 'zhangsan-adult');
    await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('张三');
    await expect(page.getByRole('alert').filter({ hasText: '证件已过期' })).toHaveCount(0);
  });

  await expect.poll(() => focused(page)).toBe('applicant-phone');
  await page.keyboard.type('13800138000');
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toBe('form-insuredDivision');
  await expect(page.getByLabel('参保地（发卡地）', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.type('锦江');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Alt+ArrowRight');

  await test.step('materials: the bulk action has the focus; the photo is uploaded from the keyboard', async () => {
    const bulk = page.getByRole('button', { name: '其余必需材料按常规方式收取' });
    await expect(bulk).toBeFocused();
    await page.keyboard.press('Enter');
    const upload = materialRow(page, '近期免冠彩色证件照').getByRole('button', { name: '上传扫描件' });
    for (let i = 0; i < 30 && !(await upload.evaluate((el) => el === document.activeElement)); i += 1)
      await page.keyboard.press('Tab');
    await expect(upload).toBeFocused();
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(PHOTO);
    await expect(page.getByText('必需材料均已收取')).toBeVisible();
    await expect(materialRow(page, '近期免冠彩色证件照')).toContainText('已齐');
    await page.keyboard.press('Alt+ArrowRight');
  });

  let receiptNo = '';
  await test.step('review: verify with Enter, 收件 with Ctrl+Enter, confirm with Enter', async () => {
    await expect(page.getByRole('button', { name: '人证一致，确认核验' })).toBeFocused();
    await saveScreenshot(page, 'keys-review');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('button', { name: '收件', exact: true })).toBeFocused();
    await page.keyboard.press('Control+Enter');
    const confirm = page.getByRole('dialog').filter({ hasText: '确认收件并流转至业务办理地？' });
    await expect(confirm).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(confirm).toBeHidden();
    receiptNo = (await page.getByLabel('收件凭证编号').textContent()) ?? '';
    expect(receiptNo).toMatch(/^50010303-\d{8}-\d{4}[0-9A-Z]$/);
  });

  await test.step('Ctrl+P prints the receipt through the app, not the browser’s print dialog', async () => {
    // Registered after the app's handler: sees whether the browser's own print (Ctrl+P) was prevented.
    await page.evaluate(() => {
      const w = window as unknown as { nativePrints: number; ctrlP: boolean[] };
      w.nativePrints = 0;
      w.ctrlP = [];
      window.print = () => void (w.nativePrints += 1);
      window.addEventListener(
        'keydown',
        (e) => e.ctrlKey && e.key.toLowerCase() === 'p' && w.ctrlP.push(e.defaultPrevented),
      );
    });
    const printCall = page.waitForRequest((r) => r.url().includes(`/api/call/${encodeURIComponent('print:document')}`));
    await page.keyboard.press('Control+P');
    const request = await printCall;
    expect(request.postDataJSON()).toMatchObject({ kind: 'acceptance-receipt' });
    const response = await request.response();
    expect(((await response?.json()) as { ok?: boolean } | undefined)?.ok).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { nativePrints: number }).nativePrints)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { ctrlP: boolean[] }).ctrlP)).toEqual([true]);
  });

  await test.step('F3 finds the case just filed', async () => {
    await page.keyboard.press('F3');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-shortcut'))).toBe('search');
    await page.keyboard.type(receiptNo);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('row').filter({ hasText: receiptNo })).toBeVisible();
  });

  const { clicks, keys } = await counted();
  console.log(`键盘办理：${clicks} 次点击，${keys} 次按键`);
  expect(clicks).toBe(0);
});
