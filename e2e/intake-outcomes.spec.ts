import type { Page } from '@playwright/test';
import { expect, test } from './support/fixtures';
import {
  accept,
  documentPreview,
  fileCardApplicant,
  fillApplicant,
  handInCardMaterials,
  materialRow,
  nextStep,
  pickDivision,
  pickMatter,
  pickSituation,
  setHandling,
  setUpStaff,
  uploadScan,
  verifyIdentityManually,
  PNG_BYTES,
} from './support/intake';
import { callFromPage, openMenu, saveScreenshot } from './support/steps';

const PHOTO = '近期免冠彩色证件照（数码照片回执号或窗口现场采集）';

/** A complete application as a renderer could send it, for checks that bypass the UI. */
function cardApplication(caseId: string) {
  return {
    caseId,
    matterCode: 'CQ-KSTB-0001',
    situationCode: 'FIRST',
    localityDivision: '510104',
    mode: 'self',
    applicant: {
      name: '张三',
      idType: 'resident-id',
      idNumber: '500101199003070014',
      phone: '13800138000',
      address: '',
    },
    agent: null as null | Record<string, string>,
    form: { insuredDivision: '510104' } as Record<string, string>,
    materials: [] as unknown[],
    delivery: 'window',
    deliveryAddress: '',
  };
}

async function newDraft(page: Page): Promise<string> {
  const draft = (await callFromPage(page, 'drafts:create')) as { value: { caseId: string } };
  return draft.value.caseId;
}
const FORM = '《社会保障卡申领登记表》';

test('an incomplete case gets the 一次性告知 list, is kept as 待补齐 and is completed later', async ({ app: page }) => {
  await setUpStaff(page);

  let noticeNo = '';
  await test.step('without the photo and the form, 受理 is impossible and the notice lists both at once', async () => {
    await fileCardApplicant(page);
    await handInCardMaterials(page, { photo: false, applyForm: false });
    await expect(page.getByText('以下 2 项材料或信息尚未齐全，可出具补正材料一次性告知书')).toBeVisible();
    await expect(page.getByRole('button', { name: '收件', exact: true })).toBeDisabled();
    await page.getByRole('button', { name: '出具补正材料一次性告知书' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确认出具补正材料一次性告知书？' });
    await expect(confirm.getByRole('listitem')).toHaveCount(2);
    await confirm.getByRole('button', { name: '出具补正材料一次性告知书' }).click();

    await expect(page.getByRole('heading', { name: '已出具补正材料一次性告知书' })).toBeVisible();
    noticeNo = (await page.getByLabel('告知书编号').textContent()) ?? '';
    expect(noticeNo).toMatch(/^50010303-\d{8}-\d{4}[0-9A-Z]$/);
    const list = page.locator('.missing-list');
    await expect(list.getByRole('listitem')).toHaveText([`${PHOTO}（未提供）`, `${FORM}（未提供）`]);
    const preview = await documentPreview(page);
    await expect(preview).toHaveAttribute('srcdoc', /一次性告知书/);
    await expect(preview).toHaveAttribute('srcdoc', new RegExp(noticeNo));
    await expect(preview).toHaveAttribute('srcdoc', /近期免冠彩色证件照/);
    await expect(preview).toHaveAttribute('srcdoc', /社会保障卡申领登记表/);
    await saveScreenshot(page, 'intake-result-incomplete');
  });

  await test.step('the case is 待补齐 in the list; 继续补齐 reopens it in the wizard', async () => {
    await openMenu(page, '办件查询');
    const row = page.getByRole('row').filter({ hasText: noticeNo });
    await expect(row).toContainText('待补齐');
    await row.getByRole('button', { name: noticeNo }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '办件详情' });
    await expect(drawer.getByText('需补齐的材料或信息')).toBeVisible();
    await drawer.getByRole('button', { name: '继续补齐' }).click();
    await expect(page.getByText(`继续补齐：原补正材料一次性告知书 ${noticeNo}`)).toBeVisible();
    await expect(materialRow(page, '申请人有效身份证件')).toContainText('已齐');
  });

  await test.step('with the missing materials brought in, the same case is accepted', async () => {
    await setHandling(page, FORM, '原件留存待寄递');
    await setHandling(page, '近期免冠彩色证件照', '电子材料');
    await uploadScan(page, '近期免冠彩色证件照', { name: '补交照片.png', mimeType: 'image/png', buffer: PNG_BYTES });
    await nextStep(page);
    await verifyIdentityManually(page);
    const receiptNo = await accept(page);
    await openMenu(page, '办件查询');
    const rows = page.getByRole('row').filter({ hasText: '张三' });
    await expect(rows).toHaveCount(1);
    await expect(rows).toContainText(receiptNo);
    await expect(rows).toContainText('已收件');
  });
});

test('婚姻登记 refuses an agent: in the wizard, and in the main process whatever the renderer sends', async ({
  app: page,
}) => {
  await setUpStaff(page);
  await pickMatter(page, 'hydj', '内地居民婚姻登记');
  await expect(page.getByRole('alert').filter({ hasText: '须本人到场办理，不可代办' })).toBeVisible();
  await pickSituation(page, '结婚登记');
  await expect(page.getByRole('radio', { name: '代办（委托他人办理）' })).toBeDisabled();
  await expect(page.getByText('须本人到场办理，不可代办')).toBeVisible();

  const proxy = {
    ...cardApplication(await newDraft(page)),
    matterCode: 'CQ-KSTB-0012',
    situationCode: 'MARRIAGE',
    mode: 'proxy',
    agent: {
      name: '李四',
      idType: 'resident-id',
      idNumber: '500228198512310021',
      phone: '13900139000',
      address: '',
      relationship: '朋友',
    },
    form: {},
  };
  const refused = await callFromPage(page, 'intake:accept', { application: proxy });
  // 婚姻登记 is 仅指引 here: the main process refuses any 收件, whatever the renderer sends.
  expect(refused).toMatchObject({
    ok: false,
    error: { code: 'guidance-only', details: { fields: [{ path: 'matterCode', code: 'guidance-only' }] } },
  });
  const listed = (await callFromPage(page, 'cases:list', {})) as { value: { total: number } };
  expect(listed.value.total).toBe(0);

  await test.step('仅指引: the case can only end in a 不予收件告知书 that names the 婚姻登记机关', async () => {
    await fillApplicant(page);
    await page.getByLabel('对方姓名', { exact: true }).fill('李梅');
    await page.getByLabel('对方公民身份号码', { exact: true }).fill('500228198512310021');
    await page.getByLabel('对方联系电话', { exact: true }).fill('13900139000');
    await pickDivision(page, '登记机关所在地', ['四川省', '成都市', '锦江区']);
    await nextStep(page);
    await page.getByRole('button', { name: '其余必需材料按常规方式收取' }).click();
    await nextStep(page);
    await expect(page.getByText('本事项在本窗口仅提供办事指引，不能收件')).toBeVisible();
    // No 收件 button at all, and the check does not say 可以收件; the partner's ID number is masked in the summary.
    await expect(page.getByRole('button', { name: '收件', exact: true })).toHaveCount(0);
    await expect(page.getByText('形式审查通过，材料齐全（本事项仅提供办事指引，不能收件）')).toBeVisible();
    await expect(page.getByText('500228198512310021')).toHaveCount(0);
    await page.getByRole('button', { name: '不予收件' }).click();
    const dialog = page.getByRole('dialog', { name: '不予收件' });
    await expect(dialog.getByLabel('不能收件的原因')).toHaveValue(/仅提供办事指引/);
    await dialog.getByRole('button', { name: '确认不予收件' }).click();
    await expect(page.getByRole('heading', { name: '已出具不予收件告知书' })).toBeVisible();
    const preview = await documentPreview(page);
    await expect(preview).toHaveAttribute('srcdoc', /不予收件告知书/);
    await expect(preview).toHaveAttribute('srcdoc', /婚姻登记机关/);
    await expect(preview).not.toHaveAttribute('srcdoc', /行政复议/);
    await saveScreenshot(page, 'marriage-guidance-notice');
  });
});

test('不予收件 needs a reason and its notice says where to apply instead (no 复议 claim); a renamed text file is refused', async ({
  app: page,
}) => {
  await setUpStaff(page);
  await fileCardApplicant(page);

  await test.step('a text file renamed .png is refused by its content, with the Chinese message', async () => {
    await uploadScan(page, '近期免冠彩色证件照', {
      name: '照片.png',
      mimeType: 'image/png',
      buffer: Buffer.from('这不是图片，只是一段文字。\n'),
    });
    const row = materialRow(page, '近期免冠彩色证件照');
    await expect(row.getByRole('alert')).toHaveText(
      '文件内容不是 JPEG、PNG 或 PDF，已拒收（按文件内容识别，与文件名无关）',
    );
    await expect(row).not.toContainText('照片.png');
  });

  await test.step('without a reason nothing is sent', async () => {
    await nextStep(page);
    let sent = 0;
    page.on('request', (req) => {
      if (decodeURIComponent(req.url()).endsWith('/api/call/intake:reject')) sent += 1;
    });
    await page.getByRole('button', { name: '不予收件' }).click();
    const dialog = page.getByRole('dialog', { name: '不予收件' });
    await dialog.getByRole('button', { name: '确认不予收件' }).click();
    await expect(dialog.getByText('请填写不能收件的原因（至少 4 个字）')).toBeVisible();
    await dialog.getByLabel('不能收件的原因').fill('不行');
    await dialog.getByRole('button', { name: '确认不予收件' }).click();
    await expect(dialog.getByText('请填写不能收件的原因（至少 4 个字）')).toBeVisible();
    expect(sent).toBe(0);
    const bypass = await callFromPage(page, 'intake:reject', {
      application: cardApplication(await newDraft(page)),
      reason: '  ',
    });
    expect(bypass).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', details: { fields: [{ path: 'reason', code: 'reason-too-short' }] } },
    });

    await dialog.getByLabel('不能收件的原因').fill('申请人已在参保地申领过社会保障卡，不属于首次申领情形');
    await dialog.getByRole('button', { name: '确认不予收件' }).click();
  });

  await test.step('the 不予收件告知书 says why and where to apply instead, and claims no 复议/诉讼 against the window', async () => {
    await expect(page.getByRole('heading', { name: '已出具不予收件告知书' })).toBeVisible();
    await expect(page.getByText('请将不予收件告知书交申请人，并说明告知书所列的办理地点和方式。')).toBeVisible();
    const preview = await documentPreview(page);
    await expect(preview).toHaveAttribute('srcdoc', /不予收件告知书/);
    await expect(preview).toHaveAttribute('srcdoc', /申请人已在参保地申领过社会保障卡/);
    await expect(preview).toHaveAttribute('srcdoc', /办理地点/);
    await expect(preview).not.toHaveAttribute('srcdoc', /行政复议/);
    await expect(preview).not.toHaveAttribute('srcdoc', /决定不予受理/);
    await openMenu(page, '办件查询');
    await expect(page.getByRole('row').filter({ hasText: '张三' })).toContainText('不予收件');
  });
});
