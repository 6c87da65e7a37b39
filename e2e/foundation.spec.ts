import { expect, test } from './support/fixtures';
import {
  ADMIN,
  CLERK,
  completeFirstRun,
  openMenu,
  openSettings,
  saveScreenshot,
  signIn,
  signOut,
  submitLogin,
} from './support/steps';

test.use({ fakeClock: true });

test('first run, roles, lockout, idle lock and the audit trail', async ({ app: page }) => {
  await test.step('first run records the hall and creates the administrator', async () => {
    await completeFirstRun(page, true);
    await expect(page.getByText('重庆市渝中区政务服务中心').first()).toBeVisible();
    await expect(page.getByText('3 号窗口')).toBeVisible();
    await expect(page.getByText(`${ADMIN.displayName} · 系统管理员`)).toBeVisible();
    await expect(page.getByText('未连接部门网关').first()).toBeVisible();
    for (const item of ['工作台', '用户管理', '系统设置', '审计日志'])
      await expect(page.getByRole('menuitem', { name: item })).toBeVisible();
  });

  await test.step('the administrator creates a clerk; a taken login name is refused beside the field', async () => {
    await openMenu(page, '用户管理');
    for (const attempt of [CLERK, { ...CLERK, displayName: '重名' }]) {
      await page.getByRole('button', { name: '新建用户' }).click();
      const dialog = page.getByRole('dialog', { name: '新建用户' });
      await dialog.getByLabel('登录名').fill(attempt.username);
      await dialog.getByLabel('姓名').fill(attempt.displayName);
      await expect(dialog.getByLabel('角色')).toBeVisible();
      await dialog.getByLabel('初始密码', { exact: true }).fill(attempt.password);
      await dialog.getByLabel('确认初始密码').fill(attempt.password);
      await dialog.getByRole('button', { name: '确定' }).click();
      if (attempt === CLERK) {
        await expect(page.getByText(`已新建用户“${CLERK.displayName}”`)).toBeVisible();
        await expect(dialog).toBeHidden();
      } else {
        await expect(dialog.getByText('该登录名已被使用')).toBeVisible();
        await dialog.getByRole('button', { name: '取消' }).click();
      }
    }
    const row = page.getByRole('row', { name: new RegExp(CLERK.username) });
    await expect(row.getByRole('cell', { name: '窗口受理员' })).toBeVisible();
    await expect(row.getByText('正常')).toBeVisible();
  });

  await test.step('the clerk sees no administration and the host refuses users:list', async () => {
    await signOut(page);
    await saveScreenshot(page, 'login');
    await signIn(page, CLERK.username, CLERK.password, CLERK.displayName);
    await expect(page.getByText(`${CLERK.displayName} · 窗口受理员`)).toBeVisible();
    await expect(page.getByRole('menuitem', { name: '工作台' })).toBeVisible();
    for (const hidden of ['用户管理', '系统设置', '审计日志'])
      await expect(page.getByRole('menuitem', { name: hidden })).toHaveCount(0);
    const answer = await page.evaluate(() =>
      fetch('/api/call/users:list', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      }).then((r) => r.json()),
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  await test.step('five wrong passwords lock the clerk out, even for the right password', async () => {
    await signOut(page);
    // Scoped to the login card: a toast from the users page may still be on screen.
    const loginAlert = page.getByRole('main').getByRole('alert');
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      await submitLogin(page, CLERK.username, `Wrong${attempt}pass`);
      await expect(loginAlert).toHaveText('登录名或密码错误');
    }
    await submitLogin(page, CLERK.username, 'Wrong5pass');
    await expect(loginAlert).toContainText('账号已锁定至');
    await submitLogin(page, CLERK.username, CLERK.password);
    await expect(loginAlert).toHaveText(/^连续登录失败次数过多，账号已锁定至 \d{2}:\d{2}，请届时再试$/);
    await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
  });

  await test.step('the administrator sees the lockout and shortens the idle time', async () => {
    await signIn(page, ADMIN.username, ADMIN.password, ADMIN.displayName);
    await openMenu(page, '用户管理');
    await expect(
      page.getByRole('row', { name: new RegExp(CLERK.username) }).getByText(/^已锁定至 \d{2}:\d{2}$/),
    ).toBeVisible();
    await saveScreenshot(page, 'users');
    await openSettings(page, '安全');
    await page.getByLabel('空闲自动锁屏(分钟)').fill('5');
    await page.getByRole('button', { name: '保存安全设置' }).click();
    await expect(page.getByText('设置已保存')).toBeVisible();
  });

  await test.step('idle lock covers the work and keeps it', async () => {
    await openMenu(page, '工作台');
    const note = '下午三点前回电申请人张先生，补交户口簿复印件。';
    await page.getByLabel('工作备注').fill(note);
    await saveScreenshot(page, 'main');
    await page.clock.fastForward('05:01');
    const lock = page.getByRole('dialog', { name: '屏幕已锁定' });
    await expect(lock).toBeVisible();
    await expect(lock.getByText(`${ADMIN.displayName}（系统管理员）`)).toBeVisible();
    await saveScreenshot(page, 'lock');
    await lock.getByLabel('密码', { exact: true }).fill('NotMyPass1');
    await lock.getByRole('button', { name: '解锁' }).click();
    await expect(lock.getByRole('alert')).toHaveText('密码错误，请重新输入');
    await lock.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await lock.getByRole('button', { name: '解锁' }).click();
    await expect(lock).toBeHidden();
    await expect(page.getByLabel('工作备注')).toHaveValue(note);
  });

  await test.step('the audit log shows it all and its chain is intact', async () => {
    await openMenu(page, '审计日志');
    const table = page.getByRole('table');
    for (const action of [
      '初始化本窗口',
      '登录',
      '登录失败',
      '账号锁定',
      '新建用户',
      '退出登录',
      '越权操作被拒绝',
      '修改设置',
      '屏幕锁定',
      '解除锁定',
    ]) {
      await expect(table.getByRole('cell', { name: action, exact: true }).first()).toBeVisible();
    }
    await expect(table.getByRole('row').nth(1).getByRole('cell').first()).toHaveText(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    );
    await expect(table.getByRole('row').nth(1).getByRole('cell', { name: '解除锁定', exact: true })).toBeVisible();
    // Who: the display name, with the login name the filter takes.
    await expect(
      table
        .getByRole('row')
        .nth(1)
        .getByRole('cell', { name: `${ADMIN.displayName}（${ADMIN.username}）`, exact: true }),
    ).toBeVisible();
    await page.getByRole('button', { name: '校验审计链' }).click();
    await expect(page.getByText(/^审计链完整（共 \d+ 条）$/)).toBeVisible();
    await saveScreenshot(page, 'audit');
  });
});
