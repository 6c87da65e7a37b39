import { expect, test } from './support/fixtures';
import { ADMIN, callFromPage, completeFirstRun, openMenu } from './support/steps';

test.describe('screen lock', () => {
  test.beforeEach(async ({ app: page }) => {
    await completeFirstRun(page);
  });

  test('锁定 locks at once, hides the workspace, survives a reload and opens with the password', async ({
    app: page,
  }) => {
    await page.getByLabel('工作备注').fill('午休前核对两件补正材料');
    await page.getByRole('button', { name: '锁定' }).click();
    const lock = page.getByRole('dialog', { name: '屏幕已锁定' });
    await expect(lock).toBeVisible();
    // The workspace stays mounted but is hidden from people and assistive technology.
    await expect(page.getByRole('menuitem', { name: '工作台' })).toHaveCount(0);
    await expect(page.getByLabel('工作备注')).toHaveValue('午休前核对两件补正材料');

    await page.reload();
    await expect(lock).toBeVisible();
    await lock.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await lock.getByRole('button', { name: '解锁' }).click();
    await expect(lock).toBeHidden();
    await expect(page.getByRole('menuitem', { name: '工作台' })).toBeVisible();
  });

  test('a command refused as session-locked brings up the lock screen', async ({ app: page }) => {
    expect(await callFromPage(page, 'auth:lock')).toMatchObject({ ok: true });
    await openMenu(page, '用户管理');
    await expect(page.getByRole('dialog', { name: '屏幕已锁定' })).toBeVisible();
  });

  test('an ended session returns to the login with a notice', async ({ app: page }) => {
    expect(await callFromPage(page, 'auth:logout')).toMatchObject({ ok: true });
    await openMenu(page, '审计日志');
    await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('登录已失效，请重新登录');
  });

  test('wrong unlock passwords lock the account and sign out', async ({ app: page }) => {
    await page.getByRole('button', { name: '锁定' }).click();
    const lock = page.getByRole('dialog', { name: '屏幕已锁定' });
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await lock.getByLabel('密码', { exact: true }).fill(`Nope${attempt}pass`);
      const answered = page.waitForResponse((res) => decodeURIComponent(res.url()).endsWith('/api/call/auth:unlock'));
      await lock.getByRole('button', { name: '解锁' }).click();
      await answered;
      await expect(lock.getByRole('alert')).toHaveText('密码错误，请重新输入');
    }
    await lock.getByLabel('密码', { exact: true }).fill('Nope5pass');
    await lock.getByRole('button', { name: '解锁' }).click();
    await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
    await expect(page.getByRole('main').getByRole('alert')).toContainText('账号已锁定至');
  });
});
