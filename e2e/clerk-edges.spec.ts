// What a new clerk hit (issue #17, item 7): each rough edge checked on the screen where it was seen.
import { expect, test } from './support/fixtures';
import { accept, fileCardApplicant, handInCardMaterials, setUpStaff, verifyIdentityManually } from './support/intake';
import { openMenu, saveScreenshot } from './support/steps';

test('a new clerk: 邀请评价 after 受理, search by last digits, the case drawer, a waybill without the hall address', async ({
  app: page,
}) => {
  test.setTimeout(150_000);
  let receiptNo = '';
  await test.step('the clerk accepts a case and can invite a rating right away', async () => {
    await setUpStaff(page);
    await fileCardApplicant(page);
    await handInCardMaterials(page);
    await verifyIdentityManually(page);
    receiptNo = await accept(page);
    const invite = page.getByRole('button', { name: '邀请评价' });
    await expect(invite).toBeInViewport();
    await invite.click();
    const dialog = page.getByRole('dialog', { name: '请办事人评价' });
    await expect(dialog.getByLabel('评价页地址')).toContainText('#/rate?ticket=');
    await saveScreenshot(page, 'clerk-result-invite-rating');
    await dialog
      .getByRole('button', { name: 'Close' })
      .or(dialog.getByRole('button', { name: '关闭' }))
      .first()
      .click();
  });

  const drawer = page.getByRole('dialog').filter({ hasText: '办件详情' });
  await test.step('办件查询 finds the case by the last digits of its receipt number and of the ID number', async () => {
    await openMenu(page, '办件查询');
    const search = page.getByLabel('查找办件');
    await search.fill(receiptNo.replace(/-/g, '').slice(-5, -1));
    await search.press('Enter');
    await expect(page.getByText(/已按回执号或证件号码末几位查找，共 1 件/)).toBeVisible();
    await search.fill('070014');
    await search.press('Enter');
    await expect(page.getByRole('button', { name: receiptNo })).toBeVisible();
  });

  await test.step('the drawer says 收件时间 (not 办结时间) and names the department with its code', async () => {
    await page.getByRole('button', { name: receiptNo }).click();
    await expect(drawer.getByText('收件时间', { exact: true })).toBeVisible();
    await expect(drawer.getByText('办结时间', { exact: true })).toHaveCount(0);
    // 承接部门 with its routing code (letters only; the matter's code has digits).
    await expect(drawer.getByText(/（[A-Z]{2}(-[A-Z]+)+）/)).toBeVisible();
    await saveScreenshot(page, 'clerk-case-drawer');
  });

  await test.step('登记运单 without the hall’s sender address says so in Chinese; an LK… number is refused as EMS', async () => {
    await drawer.getByRole('tab', { name: '寄递', exact: true }).click();
    await drawer.getByRole('button', { name: '登记运单' }).click();
    const dialog = page.getByRole('dialog', { name: '登记 EMS 运单' });
    await dialog.getByRole('radio', { name: '预印面单' }).check();
    await dialog.getByLabel('运单号').fill('LK123456785CN');
    await dialog.getByLabel('运单号').blur();
    await expect(dialog.getByText(/这不是 EMS 运单号/)).toBeVisible();
    await dialog.getByLabel('运单号').fill('EA000000005CN');
    await dialog.getByLabel('收件人电话').fill('028-86541234');
    await dialog.getByLabel('收件地址').fill('四川省成都市锦江区红星路二段70号');
    await dialog.getByLabel('重量（克）').fill('350');
    await dialog.getByRole('button', { name: '登记并取号' }).click();
    await expect(
      dialog.getByText('尚未设置大厅地址和电话（寄件人），请联系系统管理员在“打印设置”中填写'),
    ).toBeVisible();
    await saveScreenshot(page, 'clerk-waybill-no-sender');
  });
});
