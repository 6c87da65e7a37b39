// 法人 applicants (issue #14): a company files 建筑工程施工许可证核发 (住建, 工程建设项目审批) through the wizard:
// the unit's name, its 统一社会信用代码 checked by GB 32100-2015 (a wrong check character is shown and blocks the
// step), its 法定代表人, and the 经办人 as the person whose identity the window verifies, with the 单位授权委托书
// among the materials. The window 收件s (异地代收代办): its 收件凭证 names the unit and claims no 受理.
import { expect, test } from './support/fixtures';
import {
  documentPreview,
  fieldOf,
  fillApplicant,
  materialRow,
  nextStep,
  pickDivision,
  pickMatter,
  pickSituation,
  setUpStaff,
  verifyIdentityManually,
  accept,
} from './support/intake';
import { saveScreenshot } from './support/steps';

const COMPANY = { name: '重庆某某建设有限公司', uscc: '91110000600037341L', legalRepresentative: '王五' };

test('a company files 施工许可 with its USCC and a verified 经办人; the 收件凭证 names the unit', async ({
  app: page,
}) => {
  await setUpStaff(page);

  await test.step('the matter admits 法人 and 非法人组织; the 经办人 and the unit are filled in', async () => {
    await pickMatter(page, '施工许可', '建筑工程施工许可证核发');
    await expect(page.getByText('法人、非法人组织')).toBeVisible();
    await pickSituation(page, '施工许可证核发');
    await fillApplicant(page);
    await page.getByLabel('单位名称', { exact: true }).fill(COMPANY.name);
    await page.getByLabel('统一社会信用代码', { exact: true }).fill('91110000600037341N');
    await page.getByLabel('统一社会信用代码', { exact: true }).blur();
    await expect(fieldOf(page, '统一社会信用代码').getByRole('alert')).toBeVisible();
    await saveScreenshot(page, 'organisation-uscc-error');
    await page.getByLabel('统一社会信用代码', { exact: true }).fill(COMPANY.uscc);
    await page.getByLabel('法定代表人（负责人）姓名', { exact: true }).fill(COMPANY.legalRepresentative);
    await pickDivision(page, '工程所在地', ['四川省', '成都市', '锦江区']);
    await page.getByLabel('工程名称', { exact: true }).fill('锦江区某住宅小区一期');
    await expect(fieldOf(page, '统一社会信用代码').getByRole('alert')).toHaveCount(0);
    await saveScreenshot(page, 'organisation-applicant');
    await nextStep(page);
  });

  await test.step('materials: the 单位授权委托书 and the 经办人’s ID among them, the rest the usual way', async () => {
    await expect(materialRow(page, '单位授权委托书（载明经办人）')).toBeVisible();
    await expect(materialRow(page, '经办人有效身份证件（居民身份证）')).toBeVisible();
    await page.getByRole('button', { name: '其余必需材料按常规方式收取' }).click();
    await saveScreenshot(page, 'organisation-materials');
    await nextStep(page);
    await expect(page.getByRole('heading', { name: '人证核验' })).toBeVisible();
  });

  await test.step('the 经办人 is verified; 收件 gives a 收件凭证 that names the unit and does not claim 受理', async () => {
    await verifyIdentityManually(page);
    await accept(page);
    const preview = await documentPreview(page);
    const doc = await preview.getAttribute('srcdoc');
    expect(doc).toContain('收件凭证');
    expect(doc).toContain(COMPANY.name);
    expect(doc).toContain(COMPANY.uscc);
    expect(doc).not.toMatch(/予以受理|决定受理|本窗口.{0,4}受理/);
    await saveScreenshot(page, 'organisation-receipt');
  });
});
