import { expect, test } from './support/fixtures';
import { COUNTER_CLERK } from './support/intake';
import { ADMIN, callFromPage, HALL, openMenu, saveScreenshot, submitLogin } from './support/steps';

/** Longer waits where the host does slow work (first screen, sign-in hashing, Chromium PDF). */
const slow = expect.configure({ timeout: 60_000 });

test('培训模式: red banner, 工作台 appointment served into a case, 操作指南 from the wizard', async ({ app: page }) => {
  test.setTimeout(240_000);
  await test.step('the administrator sets up; at sign-in the clerk chooses 培训模式', async () => {
    // Set-up is not under test here: through the contract, with waits sized for a loaded shared CI machine.
    await slow(page.getByRole('heading', { name: '首次使用：初始化本窗口' })).toBeVisible();
    const admin = { username: ADMIN.username, displayName: ADMIN.displayName, password: ADMIN.password };
    const hall = { ...HALL, windowCode: '50010303' };
    expect(await callFromPage(page, 'setup:initialize', { hall, admin })).toMatchObject({ ok: true });
    expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
    expect(await callFromPage(page, 'auth:logout')).toMatchObject({ ok: true });
    await page.reload();
    await slow(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
    await expect(page.getByTestId('training-banner')).toHaveCount(0);
    await page.getByRole('button', { name: '进入培训模式' }).click();
    await slow(page.getByTestId('training-banner')).toContainText('培训');
    await saveScreenshot(page, 'training-login');
    await submitLogin(page, COUNTER_CLERK.username, COUNTER_CLERK.password);
    await slow(page.getByRole('heading', { name: `${COUNTER_CLERK.displayName}，您好` })).toBeVisible();
    await expect(page.getByTestId('training-banner')).toBeVisible();
  });

  await test.step('an extended-hours appointment is booked and listed on today’s 工作台, masked', async () => {
    const card = page.locator('.ant-card').filter({ hasText: '今日错时/延时预约' });
    await card.getByRole('button', { name: '预约错时/延时服务' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('时间').fill('18:30');
    await dialog.getByLabel('申请人姓名').fill('张三');
    await dialog.getByLabel('联系电话').fill('13800138000');
    await dialog.getByRole('button', { name: '预约错时/延时服务' }).click();
    const row = card.getByRole('row').filter({ hasText: '18:30' });
    await slow(row).toContainText('张*');
    await expect(row).toContainText('138****8000');
    await expect(row).toContainText('延时服务');
    await expect(card).not.toContainText('13800138000');
    await saveScreenshot(page, 'training-workbench-appointment');
  });

  await test.step('开始办理 opens the case with the applicant; its 操作指南 is one click away', async () => {
    await page.getByRole('button', { name: '开始办理' }).click();
    await page.getByLabel('查找事项').fill('sbk');
    await page
      .getByRole('option', { name: /^社会保障卡申领/ })
      .first()
      .click();
    await page.getByRole('button', { name: '操作指南' }).click();
    await slow(page.getByRole('heading', { name: '社会保障卡申领 · 操作指南' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /谁可以申请/ })).toContainText('以办理地部门告知为准');
    await expect(page.getByRole('heading', { name: '原件去向' })).toBeVisible();
    await expect(page.getByTestId('training-banner')).toBeVisible();
    await saveScreenshot(page, 'training-guide');
    // Back in 受理, the case opened from the appointment carries the applicant's name.
    await openMenu(page, '受理');
    await page.getByRole('radio', { name: /^首次申领/ }).check();
    await page.getByRole('button', { name: /^下一步/ }).click();
    await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('张三');
    await expect(page.getByLabel('联系电话', { exact: true })).toHaveValue('13800138000');
  });
});
