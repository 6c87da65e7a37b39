import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';

export const ADMIN = { username: 'admin01', displayName: '王建国', password: 'Gov2026pass' };
export const CLERK = { username: 'clerk01', displayName: '李晓梅', password: 'Window88ok' };
export const HALL = { name: '重庆市渝中区政务服务中心', divisionCode: '500103', windowNo: '3' };

const SCREENSHOTS = resolve(__dirname, '..', '..', 'test-results', 'screenshots');

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  // Transitions frozen and toasts hidden, so the picture shows the screen itself.
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.png`),
    fullPage: true,
    animations: 'disabled',
    style: '.ant-message { display: none !important; }',
  });
}

/** The recovery code as the setup screen shows it: 52 Crockford base32 characters in groups of four. */
export const RECOVERY_CODE = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){12}$/;

/**
 * Fills the first-run screen and creates the first administrator; confirms the recovery code is kept
 * (shown once after 初始化) and ends on the workbench. Returns the recovery code.
 */
export async function completeFirstRun(
  page: Page,
  screenshot = false,
  atRecoveryCode?: () => Promise<void>,
): Promise<string> {
  await expect(page.getByRole('heading', { name: '首次使用：初始化本窗口' })).toBeVisible();
  await page.getByLabel('大厅名称').fill(HALL.name);
  await page.getByLabel('行政区划代码').fill(HALL.divisionCode);
  await page.getByLabel('窗口号').fill(HALL.windowNo);
  await expect(page.getByLabel('窗口编码')).toHaveValue('50010303');
  await page.getByLabel('登录名').fill(ADMIN.username);
  await page.getByLabel('姓名').fill(ADMIN.displayName);
  await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('确认密码').fill(ADMIN.password);
  if (screenshot) await saveScreenshot(page, 'first-run');
  await page.getByRole('button', { name: '完成初始化' }).click();
  await expect(page.getByRole('heading', { name: '请抄写或打印本窗口的恢复码' })).toBeVisible();
  const code = ((await page.getByLabel('恢复码', { exact: true }).textContent()) ?? '').trim();
  expect(code).toMatch(RECOVERY_CODE);
  if (screenshot) await saveScreenshot(page, 'first-run-recovery-code');
  if (atRecoveryCode) await atRecoveryCode();
  await page.getByRole('checkbox', { name: '我已抄写或打印恢复码，并已妥善保管' }).check();
  await page.getByRole('button', { name: '继续' }).click();
  await expect(page.getByRole('heading', { name: `${ADMIN.displayName}，您好` })).toBeVisible();
  return code;
}

/** Signs in from the login screen and waits for the workbench. */
export async function signIn(page: Page, username: string, password: string, displayName: string): Promise<void> {
  await submitLogin(page, username, password);
  const greeting = page.getByRole('heading', { name: `${displayName}，您好` });
  const firstPassword = page.getByRole('heading', { name: '请设置您自己的密码' });
  await expect(greeting.or(firstPassword)).toBeVisible();
  if (await firstPassword.isVisible()) await keepGivenPassword(page, password);
  await expect(greeting).toBeVisible();
}

/**
 * An account an administrator just created must choose its own password first (tested in
 * e2e/users.spec.ts). Specs about other things keep signing in with the password they created it
 * with: the form is passed with an interim password, then the original is set back through the host.
 */
export async function keepGivenPassword(page: Page, password: string): Promise<void> {
  const interim = `${password}Tmp9`;
  await page.getByLabel('管理员告知的密码').fill(password);
  await page.getByLabel('新密码', { exact: true }).fill(interim);
  await page.getByLabel('再次输入新密码').fill(interim);
  await page.getByRole('button', { name: '修改密码并进入' }).click();
  await expect(page.getByRole('heading', { name: '请设置您自己的密码' })).toBeHidden();
  expect(
    await callFromPage(page, 'auth:changePassword', { currentPassword: interim, newPassword: password }),
  ).toMatchObject({ ok: true });
}

/** Types the credentials on the login screen, presses 登录 and waits for the host's answer. */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('登录名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  const answered = page.waitForResponse((res) => decodeURIComponent(res.url()).endsWith('/api/call/auth:login'));
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await answered;
}

/** Signs out from the header and waits for the login screen. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出' }).click();
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
}

/** Opens 系统设置 on one of its tabs (上线检查, 窗口信息, 打印与设备, 部门网关, 安全, 备份). */
export async function openSettings(page: Page, tab: string): Promise<void> {
  await openMenu(page, '系统设置');
  await page.getByRole('tab', { name: tab }).click();
}

/** Opens a page from the side menu. */
export async function openMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('menuitem', { name }).click();
}

/** Calls one command of the host from the page, as the signed-in user (for set-up steps that are not under test). */
export async function callFromPage(
  page: Page,
  command: string,
  input: unknown = {},
): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  return page.evaluate(
    ([name, body]) =>
      fetch(`/api/call/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json()),
    [command, input] as const,
  );
}

/** Picks an option in the open antd Select dropdown (its accessible listbox is an invisible twin of the visible list). */
export async function pickOption(page: Page, label: string): Promise<void> {
  await page.locator('.ant-select-dropdown:visible').getByTitle(label, { exact: true }).click();
}
