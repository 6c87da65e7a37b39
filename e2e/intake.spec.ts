import { expect, test } from './support/fixtures';
import {
  APPLICANT,
  documentPreview,
  draftSaved,
  fieldOf,
  verifyIdentityManually,
  fillApplicant,
  materialRow,
  nextStep,
  pickDivision,
  pickMatter,
  pickSituation,
  PNG_BYTES,
  setHandling,
  setUpStaff,
  uploadScan,
} from './support/intake';
import { openMenu, saveScreenshot } from './support/steps';

const RECEIPT_NO = /^50010303-\d{8}-\d{4}[0-9A-Z]$/;

test('a clerk files 社会保障卡申领 / 首次申领 for an adult; the receipt number shows only once it is committed', async ({
  app: page,
}) => {
  await setUpStaff(page);

  await test.step('typing sbk lists 社会保障卡申领 first, marked 待核实', async () => {
    await openMenu(page, '受理');
    await page.getByLabel('查找事项').fill('sbk');
    const first = page.getByRole('option').first();
    await expect(first).toContainText('社会保障卡申领');
    await expect(first).toContainText('人社部门');
    await expect(first).toContainText('CQ-KSTB-0001');
    await expect(first).toContainText('3 种情形');
    await expect(first.getByText('待核实')).toBeVisible();
    await saveScreenshot(page, 'intake-1-matter');
  });

  await test.step('choose the matter and 首次申领', async () => {
    await pickMatter(page, 'sbk', '社会保障卡申领');
    await expect(page.getByRole('radio', { name: /^补领/ })).toBeVisible();
    await pickSituation(page, '首次申领');
  });

  await test.step('a wrong ID check digit is shown beside the field and keeps the clerk on the step', async () => {
    await fillApplicant(page, APPLICANT.badIdNumber);
    await page.getByLabel('证件号码', { exact: true }).blur();
    await expect(fieldOf(page, '证件号码')).toContainText('身份证号码校验位错误，请核对最后一位');
    // Announced to screen readers: the field is invalid and the message is an alert tied to it.
    await expect(page.getByLabel('证件号码', { exact: true })).toHaveAttribute('aria-invalid', 'true');
    await expect(fieldOf(page, '证件号码').getByRole('alert')).toContainText('校验位错误');
    await saveScreenshot(page, 'intake-3-id-error');
    await nextStep(page);
    await expect(page.getByText('请先修改本页标出的问题')).toBeVisible();
    await expect(page.getByRole('radiogroup', { name: '办理方式' })).toBeVisible();
  });

  await test.step('once corrected the error goes; the locality follows the 参保地', async () => {
    await page.getByLabel('证件号码', { exact: true }).fill(APPLICANT.idNumber);
    await expect(fieldOf(page, '证件号码')).not.toContainText('校验位');
    await pickDivision(page, '参保地（发卡地）', ['四川省', '成都市', '锦江区']);
    await expect(fieldOf(page, '业务属地')).toContainText('四川省 / 成都市 / 锦江区');
    await draftSaved(page);
    await saveScreenshot(page, 'intake-3-applicant');
    await nextStep(page);
  });

  await test.step('materials: originals seen, the form kept to be mailed, the photo uploaded as a scan', async () => {
    await expect(materialRow(page, '《社会保障卡申领登记表》')).toBeVisible();
    await setHandling(page, '申请人有效身份证件', '原件核验后退还');
    await setHandling(page, '《社会保障卡申领登记表》', '原件留存待寄递');
    await setHandling(page, '近期免冠彩色证件照', '电子材料');
    await expect(materialRow(page, '近期免冠彩色证件照')).toContainText('电子材料未上传扫描件');
    await uploadScan(page, '近期免冠彩色证件照', { name: '证件照.png', mimeType: 'image/png', buffer: PNG_BYTES });
    const photo = materialRow(page, '近期免冠彩色证件照');
    await expect(photo).toContainText('证件照.png');
    await expect(photo).toContainText(/SHA-256 [0-9a-f]{8}/);
    await expect(photo).toContainText('已齐');
    await draftSaved(page);
    await saveScreenshot(page, 'intake-4-materials');
    await nextStep(page);
  });

  let receiptNo = '';
  await test.step('受理 waits for 人证核验 of the applicant (manual: no card reader here)', async () => {
    await expect(page.getByText('形式审查通过，材料齐全，可以收件')).toBeVisible();
    await expect(page.getByText('尚未完成人证核验')).toBeVisible();
    await expect(page.getByRole('button', { name: '收件', exact: true })).toBeDisabled();
    await verifyIdentityManually(page);
    await expect(page.getByRole('button', { name: '收件', exact: true })).toBeEnabled();
    await draftSaved(page);
    await saveScreenshot(page, 'intake-5-review');
  });

  await test.step('受理 after confirming; the number appears after the commit', async () => {
    await page.getByRole('button', { name: '收件', exact: true }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '确认收件并流转至业务办理地？' });
    await expect(confirm).toBeVisible();
    const accepted = page.waitForResponse((res) => decodeURIComponent(res.url()).endsWith('/api/call/intake:accept'));
    await confirm.getByRole('button', { name: '收件', exact: true }).click();
    const answer = (await (await accepted).json()) as { ok: boolean; value: { documentNo: string } };
    expect(answer, JSON.stringify(answer)).toMatchObject({ ok: true });
    receiptNo = answer.value.documentNo;
    expect(receiptNo).toMatch(RECEIPT_NO);
    await expect(page.getByRole('heading', { name: '已收件' })).toBeVisible();
    await expect(page.getByLabel('收件凭证编号')).toHaveText(receiptNo);
    // The preview frame is sandboxed without scripts: its document is read from the attribute, not by running code in it.
    const preview = await documentPreview(page);
    await expect(preview).toHaveAttribute('srcdoc', new RegExp(receiptNo));
    await expect(preview).toHaveAttribute('srcdoc', /收件凭证/);
    await saveScreenshot(page, 'intake-result-accepted');
    // No printer is set up in the browser host: A4 documents are written as PDF files.
    await page.getByRole('button', { name: '打印回执' }).click();
    // The first PDF starts a headless Chromium in the host: allow for it on a busy machine.
    await expect(page.getByText(/^已输出为 PDF：.+\.pdf$/)).toBeVisible({ timeout: 45_000 });
  });

  await test.step("it is in today's list, masked, and found by ID number and by receipt number", async () => {
    await openMenu(page, '办件查询');
    await expect(page.getByText(/^今天（\d{4}-\d{2}-\d{2}）的办件，共 1 件$/)).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: receiptNo });
    await expect(row).toContainText('社会保障卡申领');
    await expect(row).toContainText('张三');
    await expect(row).toContainText('5001**********0014');
    await expect(row).toContainText('已收件');
    await expect(row).toContainText('已保存在本机');
    await expect(page.getByText(APPLICANT.idNumber)).toHaveCount(0);
    await saveScreenshot(page, 'cases-list');

    const search = async (text: string, kind: string) => {
      await page.getByLabel('查找办件').fill(text);
      await page.getByRole('button', { name: '查询' }).click();
      await expect(page.getByText(`已按${kind}查找，共 1 件`)).toBeVisible();
      await expect(page.getByRole('row').filter({ hasText: receiptNo })).toBeVisible();
    };
    await search(APPLICANT.idNumber, '证件号码（精确匹配）');
    await search(receiptNo.toLowerCase().replace(/-/g, ''), '回执号 / 告知书编号');
    await search('张', '姓名（前缀匹配）');
  });

  await test.step('the case detail shows everything, with the timeline from the audit log', async () => {
    await page.getByRole('button', { name: receiptNo }).click();
    const drawer = page.getByRole('dialog').filter({ hasText: '办件详情' });
    await expect(drawer).toContainText('四川省成都市锦江区');
    await expect(drawer).toContainText('参保地（发卡地）');
    await expect(drawer).toContainText('张三 · 居民身份证 5001**********0014 · 138****8000');
    // No gateway here: where the case is, not a dash, under 部门办理状态.
    await expect(drawer.getByTestId('dept-not-yet')).toHaveText(
      '部门尚未收到：办件已保存在本机，连通部门网关后自动送达',
    );
    await saveScreenshot(page, 'case-detail');
    await drawer.getByRole('tab', { name: '材料与附件' }).click();
    await expect(drawer.getByRole('row').filter({ hasText: '近期免冠彩色证件照' })).toContainText('证件照.png');
    await drawer
      .getByRole('row')
      .filter({ hasText: '近期免冠彩色证件照' })
      .getByRole('button', { name: '查看' })
      .click();
    const scan = page.getByRole('img', { name: '证件照.png' });
    await expect(scan).toBeVisible();
    await expect.poll(() => scan.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    const viewer = page.getByRole('dialog', { name: '扫描件：证件照.png' });
    await viewer.getByRole('button', { name: /Close|关闭/ }).click();
    await expect(viewer).toBeHidden();
    await drawer.getByRole('tab', { name: '办理记录' }).click();
    await expect(drawer.getByText('受理', { exact: true })).toBeVisible();
    await expect(drawer.getByText('人证核验', { exact: true })).toBeVisible();
    await expect(drawer.getByText('打印文书', { exact: true })).toBeVisible();
    await expect(drawer.getByText(`文书编号：${receiptNo}`, { exact: false }).first()).toBeVisible();
    await saveScreenshot(page, 'case-detail-timeline');
  });
});
