import ExcelJS from 'exceljs';
import { watchConsole } from './support/console-guard';
import { expect, test } from './support/fixtures';
import { COUNTER_CLERK } from './support/intake';
import { ADMIN, callFromPage, completeFirstRun, openMenu, saveScreenshot, signIn, signOut } from './support/steps';
import { openCustomerDisplay, restoreOnNewPc, seedAcceptedCase, SUPERVISOR } from './support/supervisor';

const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());

test('supervisor: ledger export, a 差评 from the customer display, its follow-up, day close, a backup restored on a new PC', async ({
  app: page,
  host,
  browser,
}) => {
  // Two more hosts start (the new PC, then its restart) on a machine that may be busy.
  test.setTimeout(180_000);
  const documentNos: string[] = [];
  await test.step('set-up: a clerk accepts three cases; a supervisor signs in', async () => {
    await completeFirstRun(page);
    expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
    expect(await callFromPage(page, 'users:create', SUPERVISOR)).toMatchObject({ ok: true });
    await signOut(page);
    await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);
    for (let i = 0; i < 3; i += 1) documentNos.push((await seedAcceptedCase(page)).documentNo);
    await signOut(page);
    await signIn(page, SUPERVISOR.username, SUPERVISOR.password, SUPERVISOR.displayName);
  });

  await test.step('业务台账 shows today’s three cases and exports them as XLSX', async () => {
    await openMenu(page, '业务台账');
    await expect(page.getByLabel('日期', { exact: true })).toHaveValue(today());
    await expect(page.getByText('共 3 件')).toBeVisible();
    await expect(page.getByRole('figure', { name: '按事项统计办件数' })).toBeVisible();
    await expect(page.getByRole('figure', { name: '办理结果构成' })).toBeVisible();
    for (const no of documentNos) await expect(page.getByRole('row').filter({ hasText: no })).toContainText('李晓梅');
    await saveScreenshot(page, 'supervisor-ledger');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出 XLSX' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^收件台账_${today()}_[0-9a-f]{8}\\.xlsx$`));
    const path = await file.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const detail = wb.getWorksheet('明细');
    expect(detail?.rowCount).toBe(4);
    const numbers = [2, 3, 4].map((r) => JSON.stringify(detail?.getRow(r).values));
    for (const no of documentNos) expect(numbers.some((v) => v.includes(no))).toBe(true);
  });

  let ratingUrl = '';
  let pairingUrl = '';
  await test.step('邀请评价 on a ledger row gives the customer display’s address', async () => {
    const invite = page.getByRole('row').filter({ hasText: documentNos[0] }).getByRole('button', { name: '邀请评价' });
    // The rating column stays in view on a 1366-px screen (the wide table scrolls under it): bring the row up
    // by its first cell, which leaves the table's horizontal scroll where it is.
    await page.getByRole('row').filter({ hasText: documentNos[0] }).getByRole('cell').first().scrollIntoViewIfNeeded();
    await expect(invite).toBeInViewport();
    await invite.click();
    const dialog = page.getByRole('dialog', { name: '请办事人评价' });
    ratingUrl = (await dialog.getByLabel('评价页地址').textContent()) ?? '';
    expect(ratingUrl).toMatch(new RegExp(`^${host.origin}/#/rate\\?ticket=[A-Za-z0-9_-]{43}$`));
    // Browser host: the customer display is paired by this signed-in page with a one-time address that
    // also opens this rating (its session reaches the rating commands only).
    await dialog.getByRole('button', { name: '生成顾客评价屏配对地址' }).click();
    pairingUrl = (await dialog.getByLabel('配对地址').textContent()) ?? '';
    expect(pairingUrl).toMatch(new RegExp(`^${host.origin}/\\?pair=[\\w-]{20,}#/rate\\?ticket=[A-Za-z0-9_-]{43}$`));
    await saveScreenshot(page, 'rating-invite-pairing');
    await dialog
      .getByRole('button', { name: 'Close' })
      .or(dialog.getByRole('button', { name: '关闭' }))
      .first()
      .click();
  });

  await test.step('the applicant rates 不满意 with a comment on the customer display (no staff sign-in)', async () => {
    const customer = await openCustomerDisplay(browser, pairingUrl);
    const guard = watchConsole(customer);
    await expect(customer.getByRole('heading', { name: '请您对本次服务进行评价' })).toBeVisible();
    await expect(customer.getByText('社会保障卡申领 / 首次申领')).toBeVisible();
    // antd's button-style radios keep the input out of sight: the applicant touches the label.
    await customer.getByText('不满意', { exact: true }).click();
    await expect(customer.getByRole('radio', { name: '不满意', exact: true })).toBeChecked();
    await customer.getByRole('checkbox', { name: '服务效率' }).check();
    await customer.getByLabel('意见或建议（选填）').fill('排队等候时间较长');
    await saveScreenshot(customer, 'rating-screen');
    await customer.getByRole('button', { name: '提交评价' }).click();
    await expect(customer.getByText('感谢您的评价！')).toBeVisible();
    await saveScreenshot(customer, 'rating-thanks');

    await customer.reload();
    await expect(customer.getByText('该评价二维码已使用，每次评价只能提交一次')).toBeVisible();
    expect(guard.problems).toEqual([]);
    await customer.context().close();
  });

  await test.step('the 差评 appears on 好差评回访 with its steps', async () => {
    await openMenu(page, '好差评回访');
    const row = page
      .getByRole('row')
      .filter({ hasText: documentNos[0] })
      .filter({ hasText: '排队等候时间较长' })
      .first();
    await expect(row).toContainText('不满意');
    await expect(row).toContainText('回访');
    await row.getByRole('button', { name: '查看' }).click();
    const drawer = page.getByRole('dialog', { name: '差评整改' });
    await drawer.getByRole('radio', { name: '已联系到' }).check();
    await drawer.getByLabel('办理情况说明').fill('已电话联系办事人，说明高峰期排队情况');
    await drawer.getByRole('button', { name: '保存' }).click();
    await expect(drawer.getByRole('heading', { name: '记录核实' })).toBeVisible();
    await saveScreenshot(page, 'supervisor-followups');
    await drawer
      .getByRole('button', { name: 'Close' })
      .or(drawer.getByRole('button', { name: '关闭' }))
      .first()
      .click();
  });

  await test.step('日结: the day is closed, verifies ok, and cannot be closed twice', async () => {
    await openMenu(page, '业务台账');
    await page.getByRole('button', { name: /(^| )日结$/ }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: `确认日结 ${today()}？` });
    await expect(confirm).toContainText('锁定');
    // No gateway here: the three cases are still on this PC, and 日结 says so first.
    await expect(confirm.getByRole('alert')).toContainText('当日还有 3 件办件尚未送达业务属地部门');
    await saveScreenshot(page, 'supervisor-day-close-unsent');
    await confirm.getByRole('button', { name: '确认日结' }).click();
    await expect(page.getByText('已日结（第 1 版）')).toBeVisible();
    await page.getByRole('button', { name: '校验日结' }).click();
    await expect(page.getByRole('status').filter({ hasText: '校验通过' })).toBeVisible();

    await page.getByRole('button', { name: /(^| )日结$/ }).click();
    await page
      .getByRole('dialog')
      .filter({ hasText: `确认日结 ${today()}？` })
      .getByRole('button', { name: '确认日结' })
      .click();
    await expect(page.getByText('该日已日结，不能重复日结；如需更正，请由系统管理员重新开放')).toBeVisible();
    expect(await callFromPage(page, 'ledger:closeDay', { date: today() })).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'day-closed' } },
    });
  });

  await test.step('监控看板 and a backup made and listed', async () => {
    await openMenu(page, '监控看板');
    await expect(page.getByRole('figure', { name: '今日评价分布' })).toBeVisible();
    await expect(page.getByText('今日已日结')).toBeVisible();
    await page.getByRole('button', { name: '立即备份' }).click();
    await expect(page.getByText(/^备份完成：/)).toBeVisible();
    await expect(page.getByRole('cell', { name: '手动' })).toBeVisible();
    await saveScreenshot(page, 'supervisor-dashboard');
  });

  await test.step('on a new PC with an empty data folder, the backup is restored from the first-run screen; the same cases are there', async () => {
    const listed = (await callFromPage(page, 'backups:list')) as {
      value: { backups: { path: string; state: string; counts: { cases: number } | null }[] };
    };
    const backup = listed.value.backups.find((b) => b.state === 'ok');
    expect(backup?.counts?.cases).toBe(3);
    // The backup is encrypted with this PC's key: the administrator reads the recovery code that opens it elsewhere.
    await signOut(page);
    await signIn(page, ADMIN.username, ADMIN.password, ADMIN.displayName);
    const shown = (await callFromPage(page, 'security:recoveryCode', { password: ADMIN.password })) as {
      value: { recoveryCode: string };
    };
    const restored = await restoreOnNewPc(browser, backup?.path ?? '', 3, shown.value.recoveryCode);
    try {
      const other = restored.page;
      await signIn(other, ADMIN.username, ADMIN.password, ADMIN.displayName);
      await signOut(other);
      await signIn(other, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);
      // Until the gateway has told how far today's numbers went, 受理 warns that numbers may repeat.
      await openMenu(other, '受理');
      await expect(
        other.getByRole('alert').filter({ hasText: '本机已从备份恢复，今天的回执编号尚未与部门网关核对' }),
      ).toBeVisible();
      await openMenu(other, '办件查询');
      for (const no of documentNos)
        await expect(other.getByRole('row').filter({ hasText: no })).toContainText('已收件');
      await expect(other.getByRole('row').filter({ hasText: /\d{8}-\d{8}-\d{4}/ })).toHaveCount(3);
      await saveScreenshot(other, 'restored-cases');
      expect(restored.problems()).toEqual([]);
    } finally {
      await restored.page.context().close();
      await restored.host.stop();
    }
  });
});
