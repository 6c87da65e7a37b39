import { expect, test } from './support/fixtures';
import { accept, fileCardApplicant, handInCardMaterials, verifyIdentityManually, type Staff } from './support/intake';
import {
  ADMIN,
  callFromPage,
  completeFirstRun,
  openMenu,
  openSettings,
  saveScreenshot,
  signIn,
  signOut,
} from './support/steps';

const HELPER: Staff = { username: 'helper07', displayName: '陈志强', password: 'Township7go', role: 'helper' };

test('a township helper files a case but sees no administration and cannot list users', async ({ app: page }) => {
  await test.step('the administrator enrols with the gateway: an unreachable gateway is explained', async () => {
    await completeFirstRun(page);
    expect(await callFromPage(page, 'users:create', HELPER)).toMatchObject({ ok: true });
    await openSettings(page, '部门网关');
    const section = page.locator('.ant-card').filter({ has: page.getByText('部门网关', { exact: true }) });
    await expect(section.getByText('本机设备编号')).toBeVisible();
    await section.getByLabel('网关地址').fill('http://127.0.0.1:9/');
    await section.getByLabel('接入码').fill('ENROL-2026');
    await section.getByRole('button', { name: '接入网关' }).click();
    await expect(section.getByRole('alert')).toHaveText('无法连接部门网关，请检查网关地址和网络后重试');
    await saveScreenshot(page, 'settings-gateway');
    await signOut(page);
  });

  await test.step('the helper sees 受理 and 办件查询, nothing of administration, and users:list is forbidden', async () => {
    await signIn(page, HELPER.username, HELPER.password, HELPER.displayName);
    await expect(page.getByText(`${HELPER.displayName} · 乡镇帮办员`)).toBeVisible();
    for (const item of ['工作台', '受理', '办件查询'])
      await expect(page.getByRole('menuitem', { name: item })).toBeVisible();
    for (const hidden of ['用户管理', '系统设置', '审计日志'])
      await expect(page.getByRole('menuitem', { name: hidden })).toHaveCount(0);
    expect(await callFromPage(page, 'users:list')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  await test.step('the helper files 社会保障卡申领 as 帮办 and it is accepted', async () => {
    await fileCardApplicant(page, { mode: '帮办（本人在场，工作人员协助填写）' });
    await handInCardMaterials(page);
    await expect(page.getByText('帮办（本人在场，工作人员协助填写）')).toBeVisible();
    await verifyIdentityManually(page);
    const receiptNo = await accept(page);
    await openMenu(page, '办件查询');
    const row = page.getByRole('row').filter({ hasText: receiptNo });
    await expect(row).toContainText(HELPER.displayName);
  });

  await test.step('the sync badge explains the state and offers 立即同步 (not before enrolment)', async () => {
    await page
      .getByRole('banner')
      .getByRole('button', { name: /^部门网关：/ })
      .click();
    const popover = page.getByRole('tooltip').filter({ hasText: '待上传' });
    await expect(popover).toBeVisible();
    await expect(popover.getByRole('button', { name: '立即同步' })).toBeDisabled();
  });

  await test.step('the administrator still signs in afterwards', async () => {
    await signOut(page);
    await signIn(page, ADMIN.username, ADMIN.password, ADMIN.displayName);
  });
});
