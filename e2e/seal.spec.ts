import { opensslPkcs12 } from '@tongban/pdf-seal/testing/pdfsig';
import { expect, test } from './support/fixtures';
import { completeFirstRun, openSettings, saveScreenshot } from './support/steps';

// 电子印章证书 (decision 0160): the administrator sees the 样章（培训） warning, a wrong password is refused
// under its field, the right one imports the Chinese-named certificate and shows its expiry.
test('the administrator imports the hall seal certificate', async ({ app: page }) => {
  const p12 = opensslPkcs12({ cn: '渝中区政务服务中心收件专用章', o: '重庆市渝中区人民政府', password: 'Seal-2026' });
  await completeFirstRun(page);
  await openSettings(page, '打印与设备');
  const card = page.locator('#seal-certificate');
  await expect(card.getByText('未导入：文书用程序生成的“样章（培训）”证书签名')).toBeVisible();
  const file = { name: '收件专用章.p12', mimeType: 'application/x-pkcs12', buffer: p12 };
  await card.locator('input[type=file]').setInputFiles(file);
  await card.getByLabel('证书密码').fill('wrong');
  await card.getByRole('button', { name: '导入证书' }).click();
  await expect(card.getByText('印章证书密码不正确')).toBeVisible();
  await card.getByLabel('证书密码').fill('Seal-2026');
  await card.getByRole('button', { name: '导入证书' }).click();
  await expect(card.getByText('渝中区政务服务中心收件专用章').first()).toBeVisible();
  await expect(card.getByText(/有效，还剩 36[45] 天/)).toBeVisible();
  await expect(card.getByRole('button', { name: '更换证书' })).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'seal-certificate-imported');
});
