import { expect, test } from './support/fixtures';
import {
  ADMIN,
  completeFirstRun,
  openMenu,
  pickOption,
  saveScreenshot,
  signIn,
  signOut,
  submitLogin,
} from './support/steps';

const HELPER = { username: 'helper07', displayName: '陈志强', password: 'Township7go' };

test('an administrator disables, enables, resets and re-roles an account', async ({ app: page }) => {
  await completeFirstRun(page);
  await openMenu(page, '用户管理');

  await test.step('create a township helper; weak passwords are explained beside the field', async () => {
    await page.getByRole('button', { name: '新建用户' }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.getByLabel('登录名').fill(HELPER.username);
    await dialog.getByLabel('姓名').fill(HELPER.displayName);
    await dialog.getByLabel('角色').click();
    await pickOption(page, '乡镇帮办员');
    await dialog.getByLabel('初始密码', { exact: true }).fill('onlyletters');
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect(dialog.getByText('密码须同时包含字母和数字')).toBeVisible();
    await dialog.getByLabel('初始密码', { exact: true }).fill(HELPER.password);
    await dialog.getByLabel('确认初始密码').fill(HELPER.password);
    await dialog.getByRole('button', { name: '确定' }).click();
    await expect(page.getByText(`已新建用户“${HELPER.displayName}”`)).toBeVisible();
  });

  const row = page.getByRole('row', { name: new RegExp(HELPER.username) });
  const adminRow = page.getByRole('row', { name: new RegExp(ADMIN.username) });

  await test.step('an administrator cannot disable their own account', async () => {
    await expect(adminRow.getByRole('button', { name: '停用' })).toBeDisabled();
  });

  await test.step('disable after confirming; the helper is refused', async () => {
    await row.getByRole('button', { name: '停用' }).click();
    await expect(page.getByText(`确定停用用户“${HELPER.displayName}”吗？`)).toBeVisible();
    await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
    await expect(page.getByText(`已停用用户“${HELPER.displayName}”`)).toBeVisible();
    await expect(row.getByText('已停用')).toBeVisible();
    await signOut(page);
    await submitLogin(page, HELPER.username, HELPER.password);
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('账号已停用，请联系系统管理员');
  });

  await test.step('enable, reset the password and make the helper a supervisor', async () => {
    await signIn(page, ADMIN.username, ADMIN.password, ADMIN.displayName);
    await openMenu(page, '用户管理');
    await row.getByRole('button', { name: '启用' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
    await expect(row.getByText('正常')).toBeVisible();

    await row.getByRole('button', { name: '重置密码' }).click();
    const reset = page.getByRole('dialog', { name: `重置“${HELPER.displayName}”的密码` });
    await reset.getByLabel('新密码', { exact: true }).fill('Renewed2026');
    await reset.getByLabel('确认新密码').fill('Renewed2026');
    await reset.getByRole('button', { name: '确定' }).click();
    await expect(page.getByText(`已重置“${HELPER.displayName}”的密码`)).toBeVisible();

    await row.getByRole('button', { name: '变更角色' }).click();
    const roleDialog = page.getByRole('dialog', { name: `变更“${HELPER.displayName}”的角色` });
    await roleDialog.getByLabel('新角色').click();
    await pickOption(page, '值班主管');
    await roleDialog.getByRole('button', { name: '确定' }).click();
    await expect(page.getByText(`已将“${HELPER.displayName}”的角色变更为值班主管`)).toBeVisible();
    await expect(row.getByRole('cell', { name: '值班主管' })).toBeVisible();
  });

  await test.step('the reset password must be replaced before anything else; then the audit log', async () => {
    await signOut(page);
    await submitLogin(page, HELPER.username, 'Renewed2026');
    await expect(page.getByRole('heading', { name: '请设置您自己的密码' })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: '审计日志' })).toHaveCount(0);
    await expect(page.getByLabel('管理员告知的密码')).toBeFocused();
    await page.getByLabel('管理员告知的密码').fill('Renewed2026');
    await page.getByLabel('新密码', { exact: true }).fill('Renewed2026');
    await page.getByLabel('再次输入新密码').fill('Renewed2026');
    await page.getByRole('button', { name: '修改密码并进入' }).click();
    await expect(page.getByText('新密码不能与原密码相同')).toBeVisible();
    await page.getByLabel('新密码', { exact: true }).fill('MyOwnPass88');
    await page.getByLabel('再次输入新密码').fill('MyOwnPass88');
    await saveScreenshot(page, 'first-password');
    await page.getByRole('button', { name: '修改密码并进入' }).click();
    await expect(page.getByRole('heading', { name: `${HELPER.displayName}，您好` })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: '审计日志' })).toBeVisible();
    await expect(page.getByRole('menuitem', { name: '用户管理' })).toHaveCount(0);
    await openMenu(page, '审计日志');
    await page.getByLabel('操作', { exact: true }).fill('角色');
    await pickOption(page, '变更角色');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByRole('row')).toHaveCount(2);
    await expect(
      page
        .getByRole('cell', { name: '角色：乡镇帮办员 → 值班主管' })
        .or(page.getByRole('cell', { name: /原值：乡镇帮办员；新值：值班主管/ })),
    ).toBeVisible();
    await saveScreenshot(page, 'audit-filtered');
  });
});

test('settings: hall fields are checked and the header follows the saved hall', async ({ app: page }) => {
  await completeFirstRun(page);
  await openMenu(page, '系统设置');
  // 上线检查 opens first and names every placeholder and device not set up.
  const check = page.getByRole('tabpanel', { name: '上线检查' });
  await expect(page.getByText('还有 11 项未完成，其中 3 项须处理后才能正式办理')).toBeVisible();
  await expect(check).toContainText('好差评地址');
  await expect(check).toContainText('仍是示例地址');
  await expect(check).toContainText('电子印章');
  await saveScreenshot(page, 'settings-readiness');
  await check.getByRole('button', { name: '去设置（部门网关）' }).click();
  await expect(page.getByRole('tab', { name: '部门网关', selected: true })).toBeVisible();

  await page.getByRole('tab', { name: '窗口信息' }).click();
  await page.getByLabel('行政区划代码').fill('5001');
  await page.getByLabel('大厅名称').fill('重庆市渝中区解放碑街道便民服务中心');
  await page.getByRole('button', { name: '保存窗口信息' }).click();
  await expect(page.getByText('行政区划代码应为 6 位数字')).toBeVisible();
  await page.getByLabel('行政区划代码').fill('500103');
  await page.getByRole('button', { name: '保存窗口信息' }).click();
  await expect(page.getByText('设置已保存')).toBeVisible();
  await expect(page.getByRole('banner').getByText('重庆市渝中区解放碑街道便民服务中心')).toBeVisible();
  await saveScreenshot(page, 'settings');
  // 办公时间 per weekday (错时/延时 appointments lie outside them): checked here and again in main.
  const hours = page.locator('form#office-hours');
  await expect(hours.getByLabel('星期一')).toHaveValue('09:00-12:00, 13:30-17:30');
  await hours.getByLabel('星期六').fill('上午');
  await hours.getByRole('button', { name: '保存办公时间' }).click();
  await expect(hours.getByText('格式应为“09:00-12:00, 13:30-17:30”')).toBeVisible();
  await hours.getByLabel('星期六').fill('9:00-12:00');
  await hours.getByRole('button', { name: '保存办公时间' }).click();
  await expect(page.getByText('办公时间已保存')).toBeVisible();
  await expect(hours.getByLabel('星期六')).toHaveValue('09:00-12:00');
  await saveScreenshot(page, 'settings-office-hours');
  await page.getByRole('tab', { name: '安全' }).click();
  await page.getByLabel('连续登录失败锁定次数').fill('3');
  await page.getByRole('button', { name: '保存安全设置' }).click();
  await expect(page.getByText('设置已保存').last()).toBeVisible();
  await saveScreenshot(page, 'settings-security');

  // A backup shows its progress (steps, counted) at the bottom right; it lingers a moment when done.
  await page.getByRole('tab', { name: '备份' }).click();
  await page.getByRole('button', { name: '立即备份' }).click();
  const dock = page.getByRole('region', { name: '正在进行的操作' });
  await expect(dock).toContainText('备份 · 已完成');
  await expect(dock).toContainText('第 3 / 3 步');
  await saveScreenshot(page, 'progress-backup');
});
