// 多地联办 end to end (decision 0215): a case of a matter with two departments' parts (出生登记 at 公安, then
// 医保参保登记 at 医保) reaches the first department; the second sees it only once the first part is 办结; the
// window's case drawer shows both parts and the case closes (已办结) only when both are done.
import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import { APPLICANT, COUNTER_CLERK } from './support/intake';
import {
  addReviewer,
  freePort,
  type GatewayProcess,
  joinGateway,
  startGateway,
  startTestPostgres,
  type TestPostgres,
} from './support/gateway';
import { callFromPage, completeFirstRun, openMenu, saveScreenshot, signIn, signOut } from './support/steps';

const WINDOW_CODE = '50010303';
const PSB = { username: 'jj-psb', password: 'Review2026ok', departmentId: 'SC-CD-JJ-PSB' };
const MIA = { username: 'sc-mia', password: 'Review2026ok', departmentId: 'SC-MIA' };
const SYNC_WAIT = { timeout: 60_000, intervals: [500, 1_000, 2_000] };

let db: TestPostgres | null = null;
let gateway: GatewayProcess | null = null;

test.afterAll(async () => {
  await gateway?.stop();
  await db?.stop();
});

/** Files a 新生儿出生一件事 case for 成都市锦江区 through the host's contract (the wizard is covered elsewhere). */
async function fileJointCase(page: Page): Promise<string> {
  const draft = (await callFromPage(page, 'drafts:create', {})) as { ok: boolean; value: { caseId: string } };
  const caseId = draft.value.caseId;
  const person = { name: APPLICANT.name, idType: 'resident-id', idNumber: APPLICANT.idNumber };
  expect(
    await callFromPage(page, 'identity:verify', {
      caseId,
      role: 'applicant',
      method: 'manual',
      manualReason: '证件读卡器故障，人工核验',
      person,
      confirmedMatch: true,
    }),
  ).toMatchObject({ ok: true });
  const accepted = (await callFromPage(page, 'intake:accept', {
    application: {
      caseId,
      matterCode: 'CQ-KSTB-0043',
      situationCode: 'NEWBORN',
      localityDivision: '510104',
      mode: 'self',
      applicant: { ...person, phone: '13800138000', address: '重庆市渝中区解放碑1号' },
      agent: null,
      form: { childName: '张小宝', childBirthDate: '2026-11-20', birthCertNo: 'Q510123456' },
      materials: [
        { code: 'ID-DOC', handling: 'seen-returned', pages: 1 },
        { code: 'BIRTH-CERT', handling: 'kept-to-mail', pages: 1 },
        { code: 'HOUSEHOLD-BOOK', handling: 'kept-to-mail', pages: 2 },
      ],
      delivery: 'window',
      deliveryAddress: '',
    },
  })) as { ok: boolean; value: { documentNo: string } };
  expect(accepted).toMatchObject({ ok: true });
  return accepted.value.documentNo;
}

/** 立即同步 through the host, then re-reads 办件查询 until the case's row shows `text`. */
async function syncUntilRow(page: Page, receiptNo: string, text: string): Promise<void> {
  await expect(async () => {
    await callFromPage(page, 'sync:now');
    await page.getByRole('button', { name: '查询' }).click();
    await expect(page.getByRole('row').filter({ hasText: receiptNo })).toContainText(text, { timeout: 1_000 });
  }).toPass(SYNC_WAIT);
}

/** Signs a reviewer in on the department pages (one page, one session at a time: they share the cookie jar). */
async function signInReviewer(dept: Page, url: string, who: { username: string; password: string }): Promise<void> {
  await dept.goto(`${url}/dept/login`);
  await dept.getByLabel('用户名').fill(who.username);
  await dept.getByLabel('密码').fill(who.password);
  await dept.getByRole('button', { name: '登录' }).click();
  await expect(dept.getByRole('heading', { name: '本部门案件（材料已齐）' })).toBeVisible();
}

/** Opens the case from the department's list, reviews and approves this department's part. */
async function doPart(dept: Page, receiptNo: string): Promise<void> {
  await dept.reload();
  await dept.getByRole('row').filter({ hasText: receiptNo }).getByRole('link', { name: receiptNo }).click();
  await expect(dept.getByRole('heading', { name: '多地联办环节' })).toBeVisible();
  await dept.getByRole('button', { name: '受理审查', exact: true }).click();
  await expect(dept.getByRole('alert')).toHaveCount(0);
  await dept.getByRole('button', { name: '准予/办结', exact: true }).click();
  await expect(dept.getByRole('alert')).toHaveCount(0);
}

test('a 多地联办 case shows two department parts and closes only when both are done', async ({ app: page }) => {
  test.setTimeout(400_000);
  db = await startTestPostgres();
  const port = await freePort();
  gateway = await startGateway(db.url, port);
  for (const r of [PSB, MIA]) await addReviewer(db.url, r.username, r.password, r.departmentId);

  await completeFirstRun(page);
  await joinGateway(page, db.url, gateway.url, WINDOW_CODE);
  expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
  await signOut(page);
  await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);

  const receiptNo = await fileJointCase(page);
  await openMenu(page, '办件查询');
  await syncUntilRow(page, receiptNo, '待前序办结');
  const row = page.getByRole('row').filter({ hasText: receiptNo });
  await expect(row).toContainText('成都市公安局锦江区分局');
  await expect(row).toContainText('四川省医疗保障局');

  const dept = await page.context().newPage();
  // Step 2 is not pushed yet: the 医保 department does not list the case.
  await signInReviewer(dept, gateway.url, MIA);
  await expect(dept.getByRole('row').filter({ hasText: receiptNo })).toHaveCount(0);
  await dept.getByRole('button', { name: '退出登录' }).click();
  await dept.waitForLoadState();
  await signInReviewer(dept, gateway.url, PSB);
  await doPart(dept, receiptNo);
  await expect(dept.locator('dt', { hasText: '当前状态' }).locator('xpath=following-sibling::dd[1]')).toHaveText(
    '审查中',
  );
  await saveScreenshot(dept, 'joint-1-department-parts');
  await dept.getByRole('button', { name: '退出登录' }).click();
  await dept.waitForLoadState();

  // One part done: the case is still open at the window, the second part has reached its department.
  await syncUntilRow(page, receiptNo, '审查中');
  await expect(row).not.toContainText('已办结（准予）');
  await page.getByRole('button', { name: receiptNo }).click();
  const drawer = page.getByRole('dialog').filter({ hasText: '办件详情' });
  const parts = drawer.getByRole('region', { name: '多地联办环节' });
  await expect(parts.getByRole('row')).toHaveCount(2);
  await expect(parts.getByRole('row').filter({ hasText: '出生登记' })).toContainText('已办结');
  await expect(parts.getByRole('row').filter({ hasText: '城乡居民基本医疗保险参保登记' })).toContainText('已送达');
  await saveScreenshot(page, 'joint-2-window-one-part-done');
  await drawer
    .getByRole('button', { name: /Close|关闭/ })
    .first()
    .click();

  await signInReviewer(dept, gateway.url, MIA);
  await doPart(dept, receiptNo);
  await syncUntilRow(page, receiptNo, '已办结（准予）');
  await page.getByRole('button', { name: receiptNo }).click();
  await expect(parts.getByRole('row').filter({ hasText: '城乡居民基本医疗保险参保登记' })).toContainText('已办结');
  await saveScreenshot(page, 'joint-3-window-both-done');
});
