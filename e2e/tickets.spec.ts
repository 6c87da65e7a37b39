// 问题处理 through the real UIs: a delivered case; the window loses the gateway for a while; the reviewer opens a
// 原件未到 ticket on the department page; the window reconnects, its 工作台 shows the new ticket, the clerk
// answers it there, and the answer appears on the department's case page.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import {
  accept,
  COUNTER_CLERK,
  fileCardApplicant,
  handInCardMaterials,
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
import { callFromPage, completeFirstRun, openMenu, saveScreenshot, signIn, signOut } from './support/steps';

const REVIEWER = { username: 'tk-reviewer', password: 'Review2026ok' };
const SYNC_WAIT = { timeout: 60_000, intervals: [500, 1_000, 2_000] };

let db: TestPostgres | null = null;
let gateway: GatewayProcess | null = null;

test.afterAll(async () => {
  await gateway?.stop();
  await db?.stop();
});

const syncBar = (page: Page): Locator => page.getByRole('banner').getByRole('button', { name: /^部门网关：/ });

/** 立即同步 from the header's popover. */
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

test('the reviewer opens a 原件未到 ticket; the window, offline for a while, answers it after reconnecting', async ({
  app: page,
}) => {
  test.setTimeout(Number(process.env.TICKETS_E2E_TIMEOUT ?? 180_000));
  await completeFirstRun(page);
  const pgdb = await startTestPostgres();
  db = pgdb;
  const port = await freePort();
  gateway = await startGateway(pgdb.url, port);
  const gatewayUrl = `http://127.0.0.1:${port}`;
  await joinGateway(page, pgdb.url, gatewayUrl);
  expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
  await signOut(page);
  await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);

  await fileCardApplicant(page);
  await handInCardMaterials(page);
  await verifyIdentityManually(page);
  const receiptNo = await accept(page);
  type Stored = { case_id: string; department_id: string; complete: boolean };
  const stored = async () =>
    (
      await queryGateway<Stored>(
        pgdb.url,
        'SELECT case_id, department_id, complete_at IS NOT NULL AS complete FROM cases',
      )
    )[0];
  await expect(async () => {
    await syncNow(page);
    expect((await stored())?.complete).toBe(true);
  }).toPass(SYNC_WAIT);
  const { case_id: caseId, department_id: departmentId } = (await stored())!;

  // The gateway goes down: the window is offline.
  await gateway.stop();
  gateway = null;
  await expect(async () => {
    await syncNow(page);
    await expect(syncBar(page)).toContainText('离线', { timeout: 1_000 });
  }).toPass(SYNC_WAIT);

  // It comes back; before the window has reconnected, the reviewer opens a 原件未到 ticket.
  gateway = await startGateway(pgdb.url, port);
  await addReviewer(pgdb.url, REVIEWER.username, REVIEWER.password, departmentId);
  const dept = await page.context().newPage();
  await dept.goto(`${gatewayUrl}/dept/login`);
  await dept.getByLabel('用户名').fill(REVIEWER.username);
  await dept.getByLabel('密码').fill(REVIEWER.password);
  await dept.getByRole('button', { name: '登录' }).click();
  await dept.goto(`${gatewayUrl}/dept/cases/${caseId}`);
  await dept.getByLabel('问题类别').selectOption('originals-missing');
  await dept.getByLabel('问题说明').fill('纸质原件至今未收到，请提供 EMS 运单号。');
  await dept.getByRole('button', { name: '向窗口提出问题' }).click();
  await expect(dept.locator('article.ticket')).toContainText('原件未到/破损 · 待答复');

  // The window reconnects: the 工作台 shows the new ticket with its deadline; the clerk answers it there.
  await openMenu(page, '工作台');
  const card = page.getByTestId('tickets-card');
  await expect(async () => {
    await syncNow(page);
    await openMenu(page, '办件查询');
    await openMenu(page, '工作台');
    await expect(card).toContainText('新问题 1 件', { timeout: 2_000 });
  }).toPass(SYNC_WAIT);
  const ticket = card.locator('.ticket-item').filter({ hasText: receiptNo });
  await expect(ticket).toContainText('原件未到/破损');
  await expect(ticket).toContainText('答复期限');
  await ticket.getByLabel('答复').fill('原件已于今日寄出，EMS 运单号 1234567890123。');
  await saveScreenshot(page, 'tickets-1-window-workbench');
  await ticket.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('已保存，联网后自动同步给部门')).toBeVisible();
  // Answered: it leaves the list of tickets waiting for the window.
  await expect(card).toContainText('没有待处理的问题单');

  await expect(async () => {
    await syncNow(page);
    await dept.reload();
    await expect(dept.locator('article.ticket')).toContainText('原件未到/破损 · 已答复', { timeout: 1_000 });
  }).toPass(SYNC_WAIT);
  await expect(dept.locator('article.ticket')).toContainText('EMS 运单号 1234567890123');
  await saveScreenshot(dept, 'tickets-2-department-case');
  await dept.close();
});
