// 调取电子证照 through the real UI (issue #13 item 3): a clerk files 户口迁移 / 夫妻投靠 where the 迁移人居民户口簿 is
// satisfied by the applicant's electronic licence looked up through the department gateway (fixture register
// loaded by the gateway's loader): no original; the case reaches the gateway with the licence in its manifest.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { LICENCE_FIXTURE_FILE } from '../gateway/src/licences/fixture-file';
import { importLicences, parseLicenceFile } from '../gateway/src/licences/loader';
import { expect, test } from './support/fixtures';
import {
  accept,
  APPLICANT,
  configureRatingAddress,
  COUNTER_CLERK,
  fillApplicant,
  materialRow,
  nextStep,
  pickDivision,
  pickMatter,
  pickSituation,
  setHandling,
} from './support/intake';
import {
  freePort,
  issueCode,
  queryGateway,
  startGateway,
  startTestPostgres,
  type GatewayProcess,
  type TestPostgres,
} from './support/gateway';
import { callFromPage, completeFirstRun, saveScreenshot, signIn, signOut } from './support/steps';

/** This spec's own waits: a busy machine answers a lookup or a step change in more than the default 10 s. */
const slow = expect.configure({ timeout: 30_000 });

let db: TestPostgres | null = null;
let gateway: GatewayProcess | null = null;

test.afterAll(async () => {
  await gateway?.stop();
  await db?.stop();
});

test('户口迁移: the 居民户口簿 comes from 调取电子证照, no original, and travels with the case', async ({
  app: page,
}) => {
  test.setTimeout(180_000);
  db = await startTestPostgres();
  gateway = await startGateway(db.url, await freePort());
  const pool = new pg.Pool({ connectionString: db.url, max: 1 });
  const parsed = parseLicenceFile(readFileSync(LICENCE_FIXTURE_FILE, 'utf8'));
  if (!parsed.ok) throw new Error('licence fixtures');
  await importLicences(pool, parsed.records).finally(() => pool.end());

  // On a loaded machine the first screen may take longer than the default wait.
  await expect(page.getByRole('heading', { name: '首次使用：初始化本窗口' })).toBeVisible({ timeout: 90_000 });
  // Its own 10 s waits may be too short under load: the greeting is awaited again with more time.
  await completeFirstRun(page).catch(() => undefined);
  await expect(page.getByRole('heading', { name: '王建国，您好' })).toBeVisible({ timeout: 90_000 });
  await configureRatingAddress(page);
  const code = await issueCode(db.url, '50010303', '510000');
  expect(await callFromPage(page, 'sync:configure', { gatewayUrl: gateway.url, code })).toMatchObject({ ok: true });
  expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
  await signOut(page);
  await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName).catch(() => undefined);
  await expect(page.getByRole('heading', { name: `${COUNTER_CLERK.displayName}，您好` })).toBeVisible({
    timeout: 90_000,
  });

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
  await nextStep(page);

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
  await slow(list.getByRole('row').filter({ hasText: '500101-2004-0012093' })).toContainText('已注销，不可使用');
  await list
    .getByRole('row')
    .filter({ hasText: '500101-2011-0038271' })
    .getByRole('button', { name: '使用此证照' })
    .click();
  await slow(list).toBeHidden();
  await slow(book).toContainText('调取电子证照（免提交原件）');
  await slow(book).toContainText('居民户口簿 500101-2011-0038271');

  await setHandling(page, '迁移人有效身份证件', '原件核验后退还');
  for (const name of ['《户口迁移申请表》', '被投靠人居民户口簿', '结婚证'])
    await setHandling(page, name, '原件留存待寄递');
  await book.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'licence-materials-step');

  await nextStep(page);
  await slow(page.getByText(/已核验（/)).toBeVisible();
  const receiptNo = await accept(page);

  await expect(async () => {
    expect(await callFromPage(page, 'sync:now', {})).toMatchObject({ ok: true });
    const rows = await queryGateway<{ manifest: { licences?: { number: string; provider: string }[] } }>(
      db!.url,
      "SELECT manifest FROM cases WHERE manifest->>'receiptNo' = $1",
      [receiptNo],
    );
    expect(rows[0]?.manifest.licences).toEqual([
      expect.objectContaining({ number: '500101-2011-0038271', provider: 'gateway-table' }),
    ]);
  }).toPass({ timeout: 60_000, intervals: [1_000, 2_000] });
});
