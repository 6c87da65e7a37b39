import { expect, test } from './support/fixtures';
import { startHost } from './support/host';
import { APPLICANT, COUNTER_CLERK, draftSaved, fieldOf, pickMatter, pickSituation, setUpStaff } from './support/intake';
import { openMenu, signIn } from './support/steps';

test('a draft survives the host being killed and a new host started on the same data folder', async ({
  app: page,
  host,
}) => {
  await setUpStaff(page);

  await test.step('the clerk starts 社会保障卡申领 / 首次申领 and types; the draft is saved as they type', async () => {
    await pickMatter(page, 'sbk', '社会保障卡申领');
    await pickSituation(page, '首次申领');
    await page.getByLabel('姓名', { exact: true }).fill(APPLICANT.name);
    await page.getByLabel('证件号码', { exact: true }).fill(APPLICANT.idNumber);
    await page.getByLabel('联系电话', { exact: true }).fill(APPLICANT.phone);
    await draftSaved(page);
  });

  await test.step('the host is killed (as in a crash) and a new one starts on the same data', async () => {
    // Leave the page first: its event stream would report the dead host as console errors.
    await page.goto('about:blank');
    await host.kill();
    const restarted = await startHost({ dataDir: host.dataDir });
    try {
      await page.goto(restarted.url);
      await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);

      await openMenu(page, '受理');
      const draft = page.getByRole('listitem', { name: '社会保障卡申领' });
      await expect(draft).toContainText('首次申领');
      await draft.getByRole('button', { name: '继续办理' }).click();
      await expect(page.getByLabel('姓名', { exact: true })).toHaveValue(APPLICANT.name);
      await expect(page.getByLabel('证件号码', { exact: true })).toHaveValue(APPLICANT.idNumber);
      await expect(page.getByLabel('联系电话', { exact: true })).toHaveValue(APPLICANT.phone);
      await expect(fieldOf(page, '证件号码')).not.toContainText('校验位');

      await test.step('放弃草稿 removes it after confirming', async () => {
        await page.getByRole('button', { name: '放弃草稿' }).click();
        await page.getByRole('tooltip').getByRole('button', { name: '确定' }).click();
        await expect(page.getByText('草稿已放弃')).toBeVisible();
        await expect(page.getByText('没有未完成的草稿')).toBeVisible();
      });
      await page.goto('about:blank');
    } finally {
      await restarted.stop();
    }
  });
});
