import { expect, type Locator, type Page } from '@playwright/test';
import { callFromPage, completeFirstRun, openMenu, pickOption, signIn, signOut } from './steps';

/** The applicant of the examples: a valid adult ID, the same ID with a wrong check digit, a mobile. */
export const APPLICANT = {
  name: '张三',
  idNumber: '500101199003070014',
  badIdNumber: '500101199003070015',
  phone: '13800138000',
};

/** A 1×1 PNG: a real image for uploads (the main process checks the type by content). */
export const PNG_BYTES = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

export interface Staff {
  username: string;
  displayName: string;
  password: string;
  role: 'clerk' | 'helper' | 'supervisor';
}

export const COUNTER_CLERK: Staff = {
  username: 'clerk01',
  displayName: '李晓梅',
  password: 'Window88ok',
  role: 'clerk',
};

/** First run, then a counter account created through the contract (not under test here), signed in through the UI. */
export async function setUpStaff(page: Page, staff: Staff = COUNTER_CLERK): Promise<void> {
  await completeFirstRun(page);
  await configureRatingAddress(page);
  expect(await callFromPage(page, 'users:create', staff)).toMatchObject({ ok: true });
  await signOut(page);
  await signIn(page, staff.username, staff.password, staff.displayName);
}

/** The hall's 好差评 address (the shipped placeholder is not printed outside 培训模式), as the signed-in admin. */
export async function configureRatingAddress(page: Page): Promise<void> {
  const current = (await callFromPage(page, 'printers:get')) as { ok: boolean; value: { documents: object } };
  const documents = {
    ...current.value.documents,
    ratingUrl: 'https://hcp.cq.gov.cn/rate?w={windowCode}&d={documentNo}',
  };
  expect(await callFromPage(page, 'printers:update', { ...current.value, documents })).toMatchObject({ ok: true });
}

/** Opens 受理, types into 查找事项 and picks the matter from the instant results. */
export async function pickMatter(page: Page, query: string, matterName: string): Promise<void> {
  await openMenu(page, '受理');
  await page.getByLabel('查找事项').fill(query);
  const option = page.getByRole('option', { name: new RegExp(`^${matterName}`) });
  await expect(option.first()).toBeVisible();
  const created = page.waitForResponse((res) => decodeURIComponent(res.url()).endsWith('/api/call/drafts:create'));
  await option.first().click();
  await created;
  await expect(page.getByRole('radiogroup', { name: '办理情形' })).toBeVisible();
}

/** Picks a 情形 and goes on to 申请人信息. */
export async function pickSituation(page: Page, name: string): Promise<void> {
  await page.getByRole('radio', { name: new RegExp(`^${name}`) }).check();
  await nextStep(page);
  await expect(page.getByRole('radiogroup', { name: '办理方式' })).toBeVisible();
}

/** Presses 下一步. */
export async function nextStep(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^下一步/ }).click();
}

/** The form item (label, input and its messages) of a labelled input. */
export function fieldOf(page: Page, label: string): Locator {
  return page.locator('.ant-form-item').filter({ has: page.getByLabel(label, { exact: true }) });
}

/** Chooses province / city / county in a division cascader. */
export async function pickDivision(page: Page, label: string, path: string[]): Promise<void> {
  await page.getByLabel(label, { exact: true }).click();
  const popup = page.locator('.ant-cascader-dropdown:visible');
  for (const name of path) await popup.getByTitle(name, { exact: true }).click();
  await expect(popup).toBeHidden();
}

/** The materials table row of a material. */
export function materialRow(page: Page, name: string | RegExp): Locator {
  return page.getByRole('row').filter({ hasText: name });
}

/** Sets how a material was received (收取方式). */
export async function setHandling(page: Page, material: string | RegExp, handling: string): Promise<void> {
  await materialRow(page, material).getByLabel('收取方式').click();
  await pickOption(page, handling);
}

/** Uploads a file for a material through the file chooser and returns the host's answer. */
export async function uploadScan(
  page: Page,
  material: string | RegExp,
  file: { name: string; mimeType: string; buffer: Buffer },
): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  const answered = page.waitForResponse((res) => decodeURIComponent(res.url()).endsWith('/api/call/attachments:add'));
  await materialRow(page, material).getByRole('button', { name: '上传扫描件' }).click();
  await (await chooser).setFiles(file);
  await answered;
}

/** Waits until the wizard reports the draft stored after the latest change. */
export async function draftSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status').filter({ hasText: /草稿已保存/ })).toBeVisible();
}

/** Fills the applicant of the example (valid ID) on 申请人信息. */
export async function fillApplicant(page: Page, idNumber = APPLICANT.idNumber): Promise<void> {
  await page.getByLabel('姓名', { exact: true }).fill(APPLICANT.name);
  await page.getByLabel('证件号码', { exact: true }).fill(idNumber);
  await page.getByLabel('联系电话', { exact: true }).fill(APPLICANT.phone);
  await page.getByLabel('联系电话', { exact: true }).blur();
}

/** 人证核验 by hand on 确认与办结: the clerk checked the original document and confirms the holder. */
export async function verifyIdentityManually(page: Page): Promise<void> {
  await page.getByRole('button', { name: '人工核验' }).first().click();
  const dialog = page.getByRole('dialog', { name: /^人证核验：/ });
  await dialog.getByLabel('核验说明').fill('读卡器未接入，已核对居民身份证原件');
  await dialog.getByLabel(/人证一致/).check();
  await dialog.getByRole('button', { name: '确认核验' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/已核验（/)).toBeVisible();
}

/** The document preview (a sandboxed frame without scripts): waits until it has loaded and returns the frame element. */
export async function documentPreview(page: Page): Promise<Locator> {
  await expect(page.locator('.document-desk')).toHaveAttribute('aria-busy', 'false');
  return page.locator('iframe[title="文书预览"]');
}

/** What a test hands in at the counter for 社会保障卡申领 / 首次申领 (everything, unless it says otherwise). */
export interface CardApplication {
  mode?: '本人办理' | '帮办（本人在场，工作人员协助填写）';
  photo?: boolean;
  applyForm?: boolean;
}

/** 社会保障卡申领 / 首次申领 for 张三 up to the materials step: applicant, 参保地 (so the locality) and mode. */
export async function fileCardApplicant(page: Page, app: CardApplication = {}): Promise<void> {
  await pickMatter(page, 'sbk', '社会保障卡申领');
  await pickSituation(page, '首次申领');
  if (app.mode) await page.getByRole('radio', { name: app.mode }).check();
  await fillApplicant(page);
  await pickDivision(page, '参保地（发卡地）', ['四川省', '成都市', '锦江区']);
  await nextStep(page);
  await expect(materialRow(page, '《社会保障卡申领登记表》')).toBeVisible();
}

/** The materials of 首次申领 as handed in, then on to 确认与办结. */
export async function handInCardMaterials(page: Page, app: CardApplication = {}): Promise<void> {
  await setHandling(page, '申请人有效身份证件', '原件核验后退还');
  if (app.applyForm !== false) await setHandling(page, '《社会保障卡申领登记表》', '原件留存待寄递');
  if (app.photo !== false) {
    await setHandling(page, '近期免冠彩色证件照', '电子材料');
    await uploadScan(page, '近期免冠彩色证件照', { name: '证件照.png', mimeType: 'image/png', buffer: PNG_BYTES });
    await expect(materialRow(page, '近期免冠彩色证件照')).toContainText('证件照.png');
  }
  await nextStep(page);
  await expect(page.getByRole('heading', { name: '人证核验' })).toBeVisible();
}

/** 受理 on 确认与办结 (after confirming) and returns the receipt number shown once the host has committed. */
export async function accept(page: Page): Promise<string> {
  await page.getByRole('button', { name: '收件', exact: true }).click();
  const confirm = page.getByRole('dialog').filter({ hasText: '确认收件并流转至业务办理地？' });
  await confirm.getByRole('button', { name: '收件', exact: true }).click();
  await expect(page.getByRole('heading', { name: '已收件' })).toBeVisible();
  const receiptNo = (await page.getByLabel('收件凭证编号').textContent()) ?? '';
  expect(receiptNo).toMatch(/^50010303-\d{8}-\d{4}[0-9A-Z]$/);
  return receiptNo;
}
