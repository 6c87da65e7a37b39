// 户口迁移 / 夫妻投靠 with the 迁移人居民户口簿 taken by 调取电子证照 (issue #13 item 3): a window enrolled on a gateway
// whose licence register holds the shipped fixtures, and the wizard steps up to the materials.
import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import pg from 'pg';
import { LICENCE_FIXTURE_FILE } from '../../gateway/src/licences/fixture-file';
import { importLicences, parseLicenceFile } from '../../gateway/src/licences/loader';
import {
  freePort,
  issueCode,
  startGateway,
  startTestPostgres,
  type GatewayProcess,
  type TestPostgres,
} from './gateway';
import {
  APPLICANT,
  configureRatingAddress,
  COUNTER_CLERK,
  fillApplicant,
  materialRow,
  nextStep,
  pickDivision,
  pickMatter,
  pickSituation,
} from './intake';
import { callFromPage, completeFirstRun, saveScreenshot, signIn, signOut } from './steps';

/** Waits for steps that a busy machine answers in more than the default 10 s (a lookup, a step change). */
export const slow = expect.configure({ timeout: 30_000 });

/** The applicant's valid 居民户口簿 in the fixtures, and a cancelled one listed beside it. */
export const BOOK = { valid: '500101-2011-0038271', cancelled: '500101-2004-0012093' };

/** A gateway on a fresh PostgreSQL whose licence register holds the shipped fixtures. */
export async function gatewayWithLicences(): Promise<{ db: TestPostgres; gateway: GatewayProcess }> {
  const db = await startTestPostgres();
  const gateway = await startGateway(db.url, await freePort());
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  const parsed = parseLicenceFile(readFileSync(LICENCE_FIXTURE_FILE, 'utf8'));
  if (!parsed.ok) throw new Error('licence fixtures');
  await importLicences(pool, parsed.records, { issuers: parsed.issuers }).finally(() => pool.end());
  return { db, gateway };
}

/**
 * First run, the 好差评 address, enrolment on the gateway (50010303, Chongqing), `asAdmin` (more set-up as the
 * administrator), then the counter clerk signed in.
 */
export async function enrolledClerk(
  page: Page,
  dbUrl: string,
  gatewayUrl: string,
  asAdmin?: () => Promise<void>,
): Promise<void> {
  // On a loaded machine the first screen may take longer than the default wait.
  await expect(page.getByRole('heading', { name: '首次使用：初始化本窗口' })).toBeVisible({ timeout: 90_000 });
  // Its own 10 s waits may be too short under load: the greeting is awaited again with more time.
  await completeFirstRun(page).catch(() => undefined);
  await expect(page.getByRole('heading', { name: '王建国，您好' })).toBeVisible({ timeout: 90_000 });
  await configureRatingAddress(page);
  const code = await issueCode(dbUrl, '50010303', '510000');
  expect(await callFromPage(page, 'sync:configure', { gatewayUrl, code })).toMatchObject({ ok: true });
  expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
  if (asAdmin) await asAdmin();
  await signOut(page);
  await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName).catch(() => undefined);
  await expect(page.getByRole('heading', { name: `${COUNTER_CLERK.displayName}，您好` })).toBeVisible({
    timeout: 90_000,
  });
}

/** 户口迁移 / 夫妻投靠 for 张三 (成都 ← 万州), up to the materials step; `beforeNext` runs on 申请人信息 before 下一步. */
export async function fileHukouMigration(page: Page, beforeNext?: () => Promise<void>): Promise<void> {
  await pickMatter(page, '户口迁移', '户口迁移');
  await pickSituation(page, '夫妻投靠');
  await fillApplicant(page);
  await pickDivision(page, '迁入地', ['四川省', '成都市', '锦江区']);
  await page.getByLabel('迁入地详细地址', { exact: true }).fill('四川省成都市锦江区红星路二段1号');
  // 重庆市 is both the province and its city: pick the levels by their division codes.
  await page.getByLabel('迁出地', { exact: true }).click();
  const cascader = page.locator('.ant-cascader-dropdown:visible');
  await cascader.locator('[data-path-key="500000"]').click();
  await cascader.locator('[data-path-key="500000__RC_CASCADER_SPLIT__500100"]').click();
  await cascader.getByTitle('万州区', { exact: true }).click();
  await expect(cascader).toBeHidden();
  await page.getByLabel('迁移人姓名', { exact: true }).fill(APPLICANT.name);
  await page.getByLabel('迁移人公民身份号码', { exact: true }).fill(APPLICANT.idNumber);
  // The first option (本人) is active when the list opens; Enter picks it wherever the list was placed.
  const relation = page.getByLabel('迁移人与申请人关系', { exact: true });
  await relation.scrollIntoViewIfNeeded();
  await relation.click();
  await page.keyboard.press('Enter');
  await expect(page.locator('.ant-form-item').filter({ hasText: '迁移人与申请人关系' })).toContainText('本人');
  await page.getByLabel('被投靠人（配偶）姓名', { exact: true }).fill('李四');
  await page.getByLabel('被投靠人（配偶）公民身份号码', { exact: true }).fill('500228198512310021');
  if (beforeNext) await beforeNext();
  await nextStep(page);
}

/** 调取电子证照 on the 迁移人居民户口簿 (人工核验 of the applicant first) and picks the valid licence. */
export async function takeBookLicence(page: Page): Promise<void> {
  const book = materialRow(page, '迁移人居民户口簿');
  await slow(book).toBeVisible();
  await book.getByRole('button', { name: '调取电子证照' }).click();
  // Not before the applicant is verified: the message offers 人工核验 right here.
  await slow(book).toContainText('请先读卡核验申请人身份');
  await book.getByRole('button', { name: '核验申请人' }).click();
  const verify = page.getByRole('dialog', { name: /^人证核验：/ });
  await verify.getByLabel('核验说明').fill('读卡器未接入，已核对居民身份证原件');
  await verify.getByLabel(/人证一致/).check();
  await verify.getByRole('button', { name: '确认核验' }).click();

  const list = page.getByRole('dialog', { name: '调取电子证照：迁移人居民户口簿' });
  await slow(list).toBeVisible();
  await slow(list.getByRole('row').filter({ hasText: BOOK.cancelled })).toContainText('已注销，不可使用');
  // The fixtures' issuer signed the valid one (its key is in the file): 已验签; the old one carries no signature.
  const valid = list.getByRole('row').filter({ hasText: BOOK.valid });
  await expect(valid).toContainText('已验签');
  await expect(list.getByRole('row').filter({ hasText: BOOK.cancelled })).toContainText('未验签');
  await saveScreenshot(page, 'licence-lookup-dialog');
  await valid.getByRole('button', { name: '使用此证照' }).click();
  await slow(list).toBeHidden();
  await slow(book).toContainText('调取电子证照（免提交原件）');
  await slow(book).toContainText(`居民户口簿 ${BOOK.valid}`);
}
