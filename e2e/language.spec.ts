import { expect, test } from './support/fixtures';
import { ADMIN, HALL } from './support/steps';

test('the UI switches to English and back, and remembers the choice', async ({ app: page }) => {
  // The segmented control hides its radio inputs; people click the visible option.
  await page.getByRole('radiogroup', { name: '界面语言' }).getByText('English').click();
  await expect(page.getByRole('radio', { name: 'English' })).toBeChecked();
  await expect(page.getByRole('heading', { name: 'First run: set up this window' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  await page.getByLabel('Hall name').fill(HALL.name);
  await page.getByLabel('Division code').fill('50010');
  await page.getByLabel('Window number').fill(HALL.windowNo);
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Full name').fill(ADMIN.displayName);
  await page.getByLabel('Password', { exact: true }).fill('short1');
  await page.getByRole('button', { name: 'Finish setup' }).click();
  await expect(page.getByText('The division code has 6 digits')).toBeVisible();
  await expect(page.getByText('At least 8 characters')).toBeVisible();
  await expect(page.getByText('The passwords do not match').or(page.getByText('Required'))).toBeVisible();

  await page.getByLabel('Division code').fill(HALL.divisionCode);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Finish setup' }).click();
  await expect(page.getByRole('heading', { name: 'Write down or print this window’s recovery code' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Continue' })).toBeDisabled();
  await page
    .getByRole('checkbox', { name: 'I have written down or printed the recovery code and keep it safe' })
    .check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('heading', { name: `Hello, ${ADMIN.displayName}` })).toBeVisible();
  await expect(page.getByText(`${ADMIN.displayName} · Administrator`)).toBeVisible();
  await expect(page.getByText('Gateway not configured').first()).toBeVisible();
  for (const item of ['Workbench', 'Users', 'Settings', 'Audit log'])
    await expect(page.getByRole('menuitem', { name: item })).toBeVisible();

  await page.getByRole('menuitem', { name: 'Audit log' }).click();
  await expect(page.getByRole('cell', { name: 'Window set up', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Verify audit chain' }).click();
  await expect(page.getByText(/^Audit chain intact \(\d+ entries\)$/)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('menuitem', { name: 'Workbench' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill('Wrong0pass');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong user name or password');

  await page.getByRole('radiogroup', { name: 'Language' }).getByText('中文').click();
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('登录名或密码错误');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});
