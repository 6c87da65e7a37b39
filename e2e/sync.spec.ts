// The whole loop through the real UIs: a case accepted while the department gateway is down stays on
// this PC, goes up once the gateway is back, the reviewer asks for a supplement on the department
// pages, the clerk sends it from the 补正材料 panel, and the decision and the waybill come back.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import {
  accept,
  COUNTER_CLERK,
  fileCardApplicant,
  handInCardMaterials,
  PNG_BYTES,
  verifyIdentityManually,
} from './support/intake';
import {
  addReviewer,
  freePort,
  type GatewayProcess,
  joinGateway,
  queryGateway,
  startGateway,
  startTestPostgres,
  type TestPostgres,
} from './support/gateway';
import { callFromPage, completeFirstRun, openMenu, pickOption, saveScreenshot, signIn, signOut } from './support/steps';

const WINDOW_CODE = '50010303';
const REVIEWER = { username: 'rs-reviewer', password: 'Review2026ok' };
const WAYBILL = 'EA000000005CN';
/** A sync round is a few HTTP calls, but the first ones after the gateway (re)starts may wait on its start-up. */
const SYNC_WAIT = { timeout: 90_000, intervals: [500, 1_000, 2_000] };

let db: TestPostgres | null = null;
let gateway: GatewayProcess | null = null;

test.afterAll(async () => {
  await gateway?.stop();
  gateway = null;
  await db?.stop();
  db = null;
});

/** The header's connection badge (a button named 部门网关：<state>). */
const syncBar = (page: Page): Locator => page.getByRole('banner').getByRole('button', { name: /^部门网关：/ });

/** 立即同步 from the header's popover; waits for the host's answer and closes the popover. */
async function syncNow(page: Page): Promise<void> {
  await syncBar(page).click();
  const button = page.getByRole('button', { name: '立即同步' });
  await expect(button).toBeEnabled();
  const answered = page.waitForResponse((res) => decodeURIComponent(res.url()).endsWith('/api/call/sync:now'));
  await button.click();
  await answered;
  await page.keyboard.press('Escape');
  await expect(button).toBeHidden();
}

/** The case's row in 办件查询, read afresh (查询) after a sync round. */
async function refreshedRow(page: Page, receiptNo: string): Promise<Locator> {
  const listed = page.waitForResponse((res) => decodeURIComponent(res.url()).endsWith('/api/call/cases:list'));
  await page.getByRole('button', { name: '查询' }).click();
  await listed;
  return page.getByRole('row').filter({ hasText: receiptNo });
}

/** 立即同步 and re-read the list until `check` holds for the case's row. */
async function syncUntil(page: Page, receiptNo: string, check: (row: Locator) => Promise<void>): Promise<void> {
  await expect(async () => {
    await syncNow(page);
    await check(await refreshedRow(page, receiptNo));
  }).toPass(SYNC_WAIT);
}

/** 立即同步 until the list, never re-read by hand (no 查询), shows `text` in the case's row: the list follows the sync loop. */
async function syncUntilListShows(page: Page, receiptNo: string, text: string): Promise<void> {
  const row = page.getByRole('row').filter({ hasText: receiptNo });
  await expect(async () => {
    await syncNow(page);
    await expect(row).toContainText(text, { timeout: 2_000 });
  }).toPass(SYNC_WAIT);
}

/** Opens the case in the detail drawer (fresh from the host). */
async function openDetail(page: Page, receiptNo: string): Promise<Locator> {
  await page.getByRole('button', { name: receiptNo }).click();
  const drawer = page.getByRole('dialog').filter({ hasText: '办件详情' });
  await expect(drawer).toContainText('部门办理状态');
  return drawer;
}

async function closeDetail(page: Page, drawer: Locator): Promise<void> {
  await drawer
    .getByRole('button', { name: /Close|关闭/ })
    .first()
    .click();
  await expect(drawer).toBeHidden();
}

/** The department's case page, reloaded until `status` is its 当前状态. */
async function reviewerSees(dept: Page, status: string): Promise<void> {
  await expect(async () => {
    await dept.reload();
    await expect(dept.locator('dt', { hasText: '当前状态' }).locator('xpath=following-sibling::dd[1]')).toHaveText(
      status,
      { timeout: 1_000 },
    );
  }).toPass(SYNC_WAIT);
}

/** Presses an action's button on the department's case page and waits for the page it redirects to. */
async function departmentAction(dept: Page, button: string, status: string): Promise<void> {
  await dept.getByRole('button', { name: button, exact: true }).click();
  await expect(dept.getByRole('alert')).toHaveCount(0);
  await expect(dept.locator('dt', { hasText: '当前状态' }).locator('xpath=following-sibling::dd[1]')).toHaveText(
    status,
  );
}

test('a case accepted while the gateway is down reaches the department; supplement, decision and waybill come back to the window', async ({
  app: page,
}) => {
  test.setTimeout(240_000);
  const started = Date.now();
  const mark = (what: string) => console.log(`[sync.spec] ${((Date.now() - started) / 1000).toFixed(1)} s  ${what}`);

  const pgdb = await startTestPostgres();
  db = pgdb;
  const port = await freePort();
  gateway = await startGateway(pgdb.url, port);
  const gatewayUrl = `http://127.0.0.1:${port}`;
  expect(gateway.url).toBe(gatewayUrl);
  mark('PostgreSQL and gateway up');

  await test.step('the administrator enrols this window in 系统设置 → 部门网关', async () => {
    await completeFirstRun(page);
    await joinGateway(page, pgdb.url, gatewayUrl, WINDOW_CODE);
    await expect(syncBar(page)).toContainText('已连接部门网关');
  });

  await test.step('the gateway goes down (SIGTERM); a counter clerk signs in', async () => {
    await gateway!.stop();
    gateway = null;
    expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
    await signOut(page);
    await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);
  });

  let receiptNo = '';
  await test.step('受理 through the wizard while offline: the bar says 离线, the case 已保存在本机', async () => {
    await fileCardApplicant(page);
    await handInCardMaterials(page);
    await verifyIdentityManually(page);
    receiptNo = await accept(page);
    await openMenu(page, '办件查询');
    await expect(async () => {
      await syncNow(page);
      await expect(syncBar(page)).toContainText('离线（待上传 1 件）', { timeout: 1_000 });
    }).toPass(SYNC_WAIT);
    const row = await refreshedRow(page, receiptNo);
    await expect(row).toContainText('已收件');
    await expect(row).toContainText('已保存在本机');
    await expect(row).not.toContainText('部门编号');
    // 同步状态 filter: the cases still waiting, of any day.
    await page.getByLabel('同步状态').click();
    await pickOption(page, '已保存在本机');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: '「已保存在本机」的办件（不限日期），共 1 件' }),
    ).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: receiptNo })).toBeVisible();
    await saveScreenshot(page, 'sync-1-offline-saved-locally');
    await page.getByRole('button', { name: '重置' }).click();
    mark('accepted offline');
  });

  await test.step('the gateway comes back on the same port: 已送达 with the department number', async () => {
    gateway = await startGateway(pgdb.url, port);
    await syncUntil(page, receiptNo, async (row) => {
      await expect(row).toContainText('已送达', { timeout: 1_000 });
    });
    const row = await refreshedRow(page, receiptNo);
    await expect(row).toContainText(/部门编号 KSTB-500103-\d{4}-\d{6}/);
    await expect(syncBar(page)).toContainText('已连接部门网关');
    await saveScreenshot(page, 'sync-2-delivered');
    mark('delivered');
  });

  const [stored] = await queryGateway<{ case_id: string; department_id: string; department_no: string }>(
    pgdb.url,
    'SELECT case_id, department_id, department_no FROM cases',
  );
  expect(stored).toBeTruthy();
  const { case_id: caseId, department_id: departmentId, department_no: departmentNo } = stored!;
  await expect(await refreshedRow(page, receiptNo)).toContainText(`部门编号 ${departmentNo}`);
  await addReviewer(pgdb.url, REVIEWER.username, REVIEWER.password, departmentId);

  const dept = await page.context().newPage();
  await test.step('the reviewer signs in on the department pages, reviews and asks for the 登记表', async () => {
    await dept.goto(`${gatewayUrl}/dept/login`);
    await dept.getByLabel('用户名').fill(REVIEWER.username);
    await dept.getByLabel('密码').fill(REVIEWER.password);
    await dept.getByRole('button', { name: '登录' }).click();
    await expect(dept.getByRole('heading', { name: '本部门案件（材料已齐）' })).toBeVisible();
    const listed = dept.getByRole('row').filter({ hasText: receiptNo });
    await expect(listed).toContainText(departmentNo);
    await expect(listed).toContainText('已送达');
    await listed.getByRole('link', { name: receiptNo }).click();
    await expect(dept).toHaveURL(`${gatewayUrl}/dept/cases/${caseId}`);
    await expect(dept.getByRole('heading', { name: '社会保障卡申领 · 首次申领' })).toBeVisible();
    // The ID number is masked; 显示完整号码 (audited) shows it once.
    await expect(dept.getByText('500101199003070014')).toHaveCount(0);
    await expect(dept.getByText('5001**********0014').first()).toBeVisible();
    await dept.getByRole('button', { name: '显示完整号码' }).first().click();
    await expect(dept.getByText('500101199003070014')).toBeVisible();
    await expect(dept.getByRole('link', { name: /^查看 image\/png/ })).toBeVisible();
    await saveScreenshot(dept, 'sync-3-department-case');
    // 受理 with the department's 文号: the gateway issues its sealed 受理通知书 (decision 0220).
    await dept.getByLabel(/^受理通知书文号/).fill('渝人社受〔2026〕101号');
    await departmentAction(dept, '受理审查', '审查中');
    await expect(dept.locator('#department-documents')).toContainText('渝人社受〔2026〕101号');
    await saveScreenshot(dept, 'sync-3b-department-acceptance-notice');
    await dept.getByLabel('《社会保障卡申领登记表》').check();
    await departmentAction(dept, '要求补正', '需补正');
    await expect(dept.getByRole('cell', { name: '需补正：《社会保障卡申领登记表》' })).toBeVisible();
    mark('supplement requested');
  });

  await test.step('the window shows 需补正 (the list updates by itself) and the clerk sends the 登记表 from the 补正材料 panel', async () => {
    await syncUntilListShows(page, receiptNo, '需补正');
    // The workbench's 待办 counts it; 查看 lists it in 办件查询.
    await openMenu(page, '工作台');
    await expect(page.getByTestId('todo-supplement')).toHaveText('1 件');
    await saveScreenshot(page, 'sync-4-workbench-todo');
    await page.getByRole('button', { name: '查看 需补正' }).click();
    await expect(page.getByRole('status').filter({ hasText: '「需补正」的办件（不限日期），共 1 件' })).toBeVisible();
    const drawer = await openDetail(page, receiptNo);
    const request = drawer.getByRole('alert').filter({ hasText: '补正材料' });
    await expect(request).toContainText('《社会保障卡申领登记表》');
    await saveScreenshot(page, 'sync-4-supplement-requested');
    await request.getByRole('button', { name: '办理补正' }).click();
    const panel = drawer.locator('.supplement-panel');
    await expect(panel).toContainText('承接部门要求补正以下材料');
    const item = panel.getByLabel('《社会保障卡申领登记表》', { exact: true });
    const attached = page.waitForResponse((res) =>
      decodeURIComponent(res.url()).endsWith('/api/call/supplements:attach'),
    );
    await panel
      .getByLabel('《社会保障卡申领登记表》 上传扫描件')
      .setInputFiles({ name: '登记表.png', mimeType: 'image/png', buffer: PNG_BYTES });
    expect(await (await attached).json()).toMatchObject({ ok: true });
    await expect(item).toContainText('登记表.png');
    await drawer.getByLabel('补正说明').fill('补交申领登记表扫描件');
    await panel.getByRole('button', { name: '提交补正' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确认提交补正材料？' });
    const submitted = page.waitForResponse((res) =>
      decodeURIComponent(res.url()).endsWith('/api/call/supplements:submit'),
    );
    await confirm.getByRole('button', { name: '提交补正' }).click();
    expect(await (await submitted).json()).toMatchObject({ ok: true });
    await closeDetail(page, drawer);
    await syncUntil(page, receiptNo, async (row) => {
      await expect(row).toContainText('已补正', { timeout: 1_000 });
      await expect(row).toContainText('已送达', { timeout: 1_000 });
    });
    mark('supplement delivered');
  });

  await test.step('the reviewer sees the supplement, approves: the window shows 已办结', async () => {
    await reviewerSees(dept, '已补正');
    await expect(dept.getByRole('heading', { name: '补正材料' })).toBeVisible();
    await expect(dept.getByText(/收到补正：补交申领登记表扫描件$/)).toBeVisible();
    await expect(dept.getByRole('link', { name: /^查看 image\/png/ })).toHaveCount(2);
    await departmentAction(dept, '准予/办结', '已办结（准予）');
    await syncUntil(page, receiptNo, async (row) => {
      await expect(row).toContainText('已办结', { timeout: 1_000 });
    });
    mark('approved');
  });

  await test.step('the reviewer records the mailing; the window shows 结果已寄出 and the waybill number', async () => {
    await dept.getByLabel('EMS 运单号').fill(WAYBILL);
    await departmentAction(dept, '登记结果寄递', '结果已寄出');
    // In 办理记录 and again in the 全程记录 of both sides.
    await expect(dept.getByRole('cell', { name: `EMS 运单号 ${WAYBILL}` }).first()).toBeVisible();
    // The window's own steps (受理 by the clerk) reach the department's 全程记录 after delivery (decision 0205).
    await expect(async () => {
      await dept.reload();
      await expect(dept.getByRole('cell', { name: '窗口受理（形式审查通过）' })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await saveScreenshot(dept, 'sync-5-department-mailed');
    await syncUntil(page, receiptNo, async (row) => {
      await expect(row).toContainText('结果已寄出', { timeout: 1_000 });
    });
    const drawer = await openDetail(page, receiptNo);
    await expect(drawer).toContainText('结果已寄出');
    // The drawer's title carries the department's status beside the window's own 已收件.
    await expect(page.locator('.detail-title')).toContainText('结果已寄出');
    // The 办理地's 受理通知书 came back through sync and prints from the drawer.
    await expect(drawer.getByTestId('dept-document')).toContainText('文号 渝人社受〔2026〕101号');
    await expect(drawer.getByTestId('dept-document-acceptance')).toBeVisible();
    await saveScreenshot(page, 'sync-5b-window-department-documents');
    await expect(drawer).toContainText(departmentNo);
    const waybill = drawer.locator('.ant-descriptions-item-label', { hasText: '结果邮件号' });
    await expect(waybill).toBeVisible();
    await expect(drawer).toContainText(WAYBILL);
    await saveScreenshot(page, 'sync-6-result-mailed');
    // 全程记录 on the window: its own steps and the department's from the feed, in one timeline.
    await drawer.getByRole('tab', { name: '办理记录' }).click();
    const trail = drawer.locator('.case-timeline');
    await expect(trail.locator('[data-side="department"]').filter({ hasText: '结果已寄出' })).toContainText(WAYBILL);
    await expect(trail).toContainText('业务属地部门');
    await expect(trail).toContainText('本窗口');
    await saveScreenshot(page, 'sync-7-window-trail-both-sides');
    mark('result mailed, waybill shown');
  });
  await dept.close();
});
