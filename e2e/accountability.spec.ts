// Issue #19's done-when, end to end through the real UIs: the reviewer opens a 原件未到 ticket while the window
// is offline; the window answers it after reconnecting; a second ticket passes its deadline (the deadline is
// moved back in the gateway's database, and the gateway's watch escalates it when the gateway comes back), and
// the district supervisor's dashboard and exported tables (CSV and XLSX, parsed) show it with its case; the
// city supervisor's 工作台账 lists the matter with its responsible unit and counts; an old window audit row is
// altered in the window's (encrypted) database and the next verification reports it on the window and at the
// gateway.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import type pg from 'pg';
import { createPool } from '../gateway/src/db/pool';
import { addReviewer } from '../gateway/src/department/repo';
import { addSupervisor } from '../gateway/src/supervision/accounts';
import { escalateOverdue } from '../gateway/src/tickets/watch';
import { openKeyed } from '../src-main/db/encryption';
import { expect, test } from './support/fixtures';
import {
  accept,
  COUNTER_CLERK,
  fileCardApplicant,
  handInCardMaterials,
  verifyIdentityManually,
} from './support/intake';
import {
  freePort,
  type GatewayProcess,
  joinGateway,
  queryGateway,
  startGateway,
  startTestPostgres,
  type TestPostgres,
} from './support/gateway';
import {
  ADMIN,
  callFromPage,
  completeFirstRun,
  HALL,
  openMenu,
  saveScreenshot,
  signIn,
  signOut,
} from './support/steps';

const REVIEWER = { username: 'ac-reviewer', password: 'Review2026ok' };
const DISTRICT_SUP = { username: 'ac-district', password: 'District2026ok' };
const CITY_SUP = { username: 'ac-city', password: 'CityWide2026ok' };
const SYNC_WAIT = { timeout: 60_000, intervals: [500, 1_000, 2_000] };

let db: TestPostgres | null = null;
let gateway: GatewayProcess | null = null;
let pool: pg.Pool | null = null;

test.afterAll(async () => {
  await pool?.end();
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

/** Signs in on the department page (reviewers and supervisors share it). */
async function deptLogin(page: Page, base: string, user: { username: string; password: string }): Promise<void> {
  await page.goto(`${base}/dept/login`);
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码').fill(user.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('button', { name: '退出登录' })).toBeVisible();
}

test('问题处理 → 督办 → 工作台账 → 责任追溯 across the window and the department gateway', async ({
  app: page,
  host,
}) => {
  test.setTimeout(Number(process.env.ACCOUNTABILITY_E2E_TIMEOUT ?? 420_000));
  await completeFirstRun(page);
  const pgdb = await startTestPostgres();
  db = pgdb;
  const port = await freePort();
  gateway = await startGateway(pgdb.url, port);
  const base = `http://127.0.0.1:${port}`;
  await joinGateway(page, pgdb.url, base);
  expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
  await signOut(page);
  await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);

  await fileCardApplicant(page);
  await handInCardMaterials(page);
  await verifyIdentityManually(page);
  const receiptNo = await accept(page);
  type Stored = { case_id: string; department_id: string; department_no: string; matter: string; complete: boolean };
  const stored = async () =>
    (
      await queryGateway<Stored>(
        pgdb.url,
        `SELECT case_id, department_id, department_no, manifest->>'matterCode' AS matter,
                complete_at IS NOT NULL AS complete FROM cases`,
      )
    )[0];
  await expect(async () => {
    await syncNow(page);
    expect((await stored())?.complete).toBe(true);
  }).toPass(SYNC_WAIT);
  const kase = (await stored())!;
  // The accounts, as `add-reviewer` / `add-supervisor` create them (in this process: no CLI start-up).
  const gw = createPool(pgdb.url, 2);
  pool = gw;
  await addReviewer(gw, REVIEWER.username, REVIEWER.password, kase.department_id);
  await addSupervisor(gw, DISTRICT_SUP.username, DISTRICT_SUP.password, 'district-supervisor', [HALL.divisionCode]);
  await addSupervisor(gw, CITY_SUP.username, CITY_SUP.password, 'city-supervisor', []);

  // The window loses the gateway.
  await gateway!.stop();
  gateway = null;
  await expect(async () => {
    await syncNow(page);
    await expect(syncBar(page)).toContainText('离线', { timeout: 1_000 });
  }).toPass(SYNC_WAIT);

  // Meanwhile (the gateway is back for the department, the window has not reconnected) the reviewer opens a
  // 原件未到 ticket and a 材料疑问 ticket.
  gateway = await startGateway(pgdb.url, port);
  const dept = await page.context().newPage();
  await deptLogin(dept, base, REVIEWER);
  for (const [category, body] of [
    ['originals-missing', '纸质原件至今未收到，请提供 EMS 运单号。'],
    ['material-question', '户口簿复印件页码不全，请说明。'],
  ] as const) {
    await dept.goto(`${base}/dept/cases/${kase.case_id}`);
    await dept.getByLabel('问题类别').selectOption(category);
    await dept.getByLabel('问题说明').fill(body);
    await dept.getByRole('button', { name: '向窗口提出问题' }).click();
  }
  await expect(dept.locator('article.ticket')).toHaveCount(2);

  // The 材料疑问 ticket's deadline passes (moved back a week in the gateway's database: no waiting); the
  // gateway's escalation watch (the function the server runs on its timer) escalates it to the supervisors.
  await queryGateway(
    pgdb.url,
    `UPDATE case_tickets SET due_at = now() - interval '7 days' WHERE category = 'material-question'`,
  );
  expect(await escalateOverdue(gw, new Date())).toBe(1);
  const [escalated] = await queryGateway<{ escalated: boolean }>(
    pgdb.url,
    `SELECT escalated_at IS NOT NULL AS escalated FROM case_tickets WHERE category = 'material-question'`,
  );
  expect(escalated?.escalated).toBe(true);

  // The window reconnects: both tickets arrive; the clerk answers the 原件未到 one.
  await openMenu(page, '工作台');
  const card = page.getByTestId('tickets-card');
  await expect(async () => {
    await syncNow(page);
    await openMenu(page, '办件查询');
    await openMenu(page, '工作台');
    await expect(card).toContainText('新问题 2 件', { timeout: 2_000 });
  }).toPass(SYNC_WAIT);
  const originals = card.locator('.ticket-item').filter({ hasText: '原件未到/破损' });
  await expect(originals).toContainText(receiptNo);
  await originals.getByLabel('答复').fill('原件已于今日寄出，EMS 运单号 1234567890123。');
  // 问题处理 files (decision 0230): the clerk attaches the EMS receipt (a PDF, judged by content).
  await originals.getByLabel(/添加附件/).setInputFiles({
    name: 'EMS运单.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% EMS 1234567890123\n%%EOF\n'),
  });
  await originals.getByRole('button', { name: '提交' }).click();
  await expect(page.getByText('已保存，联网后自动同步给部门')).toBeVisible();
  await expect(async () => {
    await syncNow(page);
    await dept.goto(`${base}/dept/cases/${kase.case_id}`);
    await expect(dept.locator('article.ticket').filter({ hasText: 'EMS 运单号 1234567890123' })).toContainText(
      '原件未到/破损 · 已答复',
      { timeout: 1_000 },
    );
  }).toPass(SYNC_WAIT);
  const deptTicket = dept.locator('article.ticket').filter({ hasText: 'EMS 运单号 1234567890123' });
  await expect(async () => {
    await syncNow(page);
    await dept.reload();
    await expect(deptTicket.getByRole('link', { name: 'EMS运单.pdf' })).toBeVisible({ timeout: 1_000 });
  }).toPass(SYNC_WAIT);
  // The reviewer attaches a file of their own (the page uploads it and reloads).
  await deptTicket.locator('input.ticket-file-input').setInputFiles({
    name: '签收单.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% 签收单\n%%EOF\n'),
  });
  await deptTicket.getByRole('button', { name: '上传附件' }).click();
  await expect(deptTicket.getByRole('link', { name: '签收单.pdf' })).toBeVisible();
  await saveScreenshot(dept, 'accountability-0-department-tickets');
  await dept.close();

  // The district supervisor sees the overdue ticket with its case, on the dashboard and in the exports.
  const sup = await page.context().browser()!.newContext();
  const district = await sup.newPage();
  await deptLogin(district, base, DISTRICT_SUP);
  await district.goto(`${base}/dept/supervision`);
  const overdue = district.locator('section#overdue-tickets table');
  await expect(overdue).toContainText(kase.department_no);
  await expect(overdue).toContainText('材料疑问');
  await expect(overdue).not.toContainText('原件未到/破损');
  await saveScreenshot(district, 'accountability-1-district-dashboard');
  const csv = await district.request.get(`${base}/dept/supervision/export/overdue-tickets.csv`);
  expect(csv.ok()).toBe(true);
  const lines = (await csv.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(kase.department_no);
  expect(lines[1]).toContain('材料疑问');
  const xlsx = await district.request.get(`${base}/dept/supervision/export/all.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
  const sheet = book.worksheets.find((w) => w.name.includes('逾期'));
  const cells = sheet ? sheet.getSheetValues().flatMap((row) => (Array.isArray(row) ? row.map(String) : [])) : [];
  expect(cells).toContain(kase.department_no);
  expect(cells).toContain('材料疑问');
  await district.close();

  // The city supervisor's 工作台账: the matter with its responsible unit and counts.
  const city = await sup.newPage();
  await deptLogin(city, base, CITY_SUP);
  await city.goto(`${base}/dept/supervision/ledger`);
  const ledger = city.locator('section#ledger table');
  const row = ledger.getByRole('row').filter({ hasText: kase.matter });
  await expect(row).toHaveCount(1);
  const headers = await ledger.getByRole('columnheader').allTextContents();
  const values = await row.getByRole('cell').allTextContents();
  const at = (name: string) => values[headers.indexOf(name)];
  expect(at('责任单位')).not.toBe('');
  expect(at('收件')).toBe('1');
  expect(at('未结问题')).toBe('2');
  await saveScreenshot(city, 'accountability-2-city-ledger');
  await sup.close();

  // 责任追溯: someone with the window's database key alters an old audit row (not re-hashed); the next
  // 校验审计链 reports the break on the window and the gateway records the conflict.
  const key = Buffer.from(readFileSync(join(host.dataDir, 'db.key'), 'utf8').trim(), 'hex');
  const windowDb = openKeyed(join(host.dataDir, 'tongban.sqlite'), key);
  try {
    windowDb.exec('DROP TRIGGER IF EXISTS audit_log_no_update');
    windowDb.prepare(`UPDATE audit_log SET details = '{"altered":true}' WHERE seq = 3`).run();
  } finally {
    windowDb.close();
  }
  const conflictsBefore = (await queryGateway(pgdb.url, 'SELECT 1 FROM window_audit_conflicts')).length;
  await signOut(page);
  await signIn(page, ADMIN.username, ADMIN.password, ADMIN.displayName);
  await openMenu(page, '审计日志');
  await page.getByRole('button', { name: '校验审计链' }).click();
  await expect(page.getByTestId('audit-chain-outcome')).toContainText('审计链在第 3 条断裂');
  await saveScreenshot(page, 'accountability-3-window-audit-broken');
  await expect(async () => {
    const conflicts = await queryGateway(pgdb.url, 'SELECT 1 FROM window_audit_conflicts');
    expect(conflicts.length).toBeGreaterThan(conflictsBefore);
  }).toPass({ timeout: 10_000 });
});
