import { expect, test } from './support/fixtures';
import {
  accept,
  COUNTER_CLERK,
  fileCardApplicant,
  handInCardMaterials,
  materialRow,
  nextStep,
  pickDivision,
  pickMatter,
  pickSituation,
  PNG_BYTES,
  setHandling,
  uploadScan,
  type Staff,
} from './support/intake';
import {
  callFromPage,
  completeFirstRun,
  openMenu,
  openSettings,
  pickOption,
  saveScreenshot,
  signIn,
  signOut,
} from './support/steps';
import type { Page } from '@playwright/test';

const CARDS = {
  zhangsan: '张三 · 成年 · 居民身份证（长期有效）',
  lisi: '李四 · 成年 · 居民身份证（2035年到期）',
  zhaoliu: '赵六 · 居民身份证已过期（2016年到期）',
};
const SUPERVISOR: Staff = { username: 'sup01', displayName: '赵主管', password: 'Super2026ok', role: 'supervisor' };
const HELPER: Staff = { username: 'helper07', displayName: '陈志强', password: 'Township7go', role: 'helper' };

/** As the administrator (first run), switches to the simulated reader through the contract, then signs in as `staff`. */
async function setUpWithSimulatedReader(page: Page, staff: Staff = COUNTER_CLERK): Promise<void> {
  await completeFirstRun(page);
  const current = (await callFromPage(page, 'identity:getSettings')) as {
    ok: boolean;
    value: { reader: { driver: string } };
  };
  expect(current.ok).toBe(true);
  const settings = { ...current.value, reader: { ...current.value.reader, driver: 'simulated' } };
  expect(await callFromPage(page, 'identity:updateSettings', settings)).toMatchObject({ ok: true });
  expect(await callFromPage(page, 'users:create', staff)).toMatchObject({ ok: true });
  await signOut(page);
  await signIn(page, staff.username, staff.password, staff.displayName);
}

/** Places a sample card on the simulated reader from the (first) 模拟放卡 select. */
async function placeCard(page: Page, label: string): Promise<void> {
  await page.getByLabel('模拟放卡').first().click();
  await pickOption(page, label);
  await expect(page.getByRole('status', { name: '身份证读卡器' }).first()).toContainText('已放卡');
}

/** The verification section of one person on 确认与办结. */
const personPanel = (page: Page, role: '申请人' | '代办人') => page.getByRole('region', { name: `人证核验：${role}` });

test('a clerk reads 张三’s card, verifies 人证一致 against the chip photo and accepts the case', async ({
  app: page,
}) => {
  await completeFirstRun(page);

  await test.step('the administrator sets the reader driver to simulated in 系统设置', async () => {
    await openSettings(page, '打印与设备');
    await page.getByLabel('读卡器驱动').click();
    await pickOption(page, '模拟读卡器（培训）');
    await page.getByRole('button', { name: '保存读卡器设置' }).click();
    await expect(page.getByText('读卡器设置已保存')).toBeVisible();
    expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
    await signOut(page);
    await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);
  });

  await test.step('读取身份证 fills the applicant from the chip', async () => {
    await pickMatter(page, 'sbk', '社会保障卡申领');
    await pickSituation(page, '首次申领');
    await expect(page.getByRole('status', { name: '身份证读卡器' })).toContainText('就绪');
    await placeCard(page, CARDS.zhangsan);
    await page.getByRole('button', { name: '读取身份证' }).click();
    await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('张三');
    await expect(page.getByLabel('证件号码', { exact: true })).toHaveValue('500101199003070014');
    await saveScreenshot(page, 'identity-reader-read');
    await page.getByLabel('联系电话', { exact: true }).fill('13800138000');
    await pickDivision(page, '参保地（发卡地）', ['四川省', '成都市', '锦江区']);
    await nextStep(page);
    await expect(materialRow(page, '《社会保障卡申领登记表》')).toBeVisible();
    await handInCardMaterials(page);
  });

  await test.step('the panel shows the chip photo beside the form; 人证一致 + 确认核验 passes', async () => {
    const panel = personPanel(page, '申请人');
    await expect(panel.getByText('尚未完成人证核验')).toBeVisible();
    await expect(page.getByRole('button', { name: '收件', exact: true })).toBeDisabled();
    await panel.getByRole('button', { name: '读取申请人身份证' }).click();
    await expect(panel.getByRole('img', { name: '张三 的证件芯片照片' })).toBeVisible();
    await expect(panel).toContainText('长期');
    await expect(panel).toContainText('重庆市公安局万州区分局');
    await expect(panel).toContainText('证件有效，与表单一致');
    await saveScreenshot(page, 'identity-verify-panel');
    await panel.getByRole('button', { name: '人证一致，确认核验' }).click();
    await expect(panel.getByText(/已核验（/)).toBeVisible();
    await expect(panel).toContainText(`读卡+人工比对照片 · 通过 · ${COUNTER_CLERK.displayName}`);
    await accept(page);
  });
});

test('an expired card blocks 受理, another person’s card is flagged, manual verification needs a reason', async ({
  app: page,
}) => {
  await setUpWithSimulatedReader(page);
  await fileCardApplicant(page);
  await handInCardMaterials(page);
  const panel = personPanel(page, '申请人');

  await test.step('李四’s card against the typed 张三: name-mismatch', async () => {
    await placeCard(page, CARDS.lisi);
    await panel.getByRole('button', { name: '读取申请人身份证' }).click();
    await expect(panel.getByRole('alert').filter({ hasText: '姓名与核验的证件不一致' })).toBeVisible();
    await expect(panel.getByRole('alert').filter({ hasText: '证件号码与核验的证件不一致' })).toBeVisible();
  });

  await test.step('赵六’s expired card: verification fails and 受理 stays disabled with a clear reason', async () => {
    await placeCard(page, CARDS.zhaoliu);
    await panel.getByRole('button', { name: '读取申请人身份证' }).click();
    await expect(panel.getByRole('alert').filter({ hasText: '证件已超过有效期' })).toBeVisible();
    await panel.getByRole('button', { name: '人证一致，确认核验' }).click();
    await expect(panel).toContainText('读卡+人工比对照片 · 未通过');
    await expect(
      panel.getByRole('alert').filter({ hasText: '人证核验未通过' }).filter({ hasText: '证件已超过有效期' }),
    ).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: '暂不能收件' })).toBeVisible();
    await expect(page.getByRole('button', { name: '收件', exact: true })).toBeDisabled();
    await expect(panel.getByRole('button', { name: '主管核准' })).toHaveCount(0);
    await saveScreenshot(page, 'identity-expired-block');
  });

  await test.step('人工核验 cannot be saved without a reason; with one it is recorded', async () => {
    await panel.getByRole('button', { name: '人工核验' }).click();
    const dialog = page.getByRole('dialog', { name: /^人证核验：/ });
    await dialog.getByLabel(/人证一致/).check();
    await dialog.getByRole('button', { name: '确认核验' }).click();
    await expect(dialog.getByText('请填写核验说明（至少 2 个字）')).toBeVisible();
    await expect(dialog).toBeVisible();
    await dialog.getByLabel('核验说明').fill('证件芯片损坏，已核对居民身份证原件');
    await dialog.getByRole('button', { name: '确认核验' }).click();
    await expect(dialog).toBeHidden();
    await expect(panel.getByText(/已核验（/)).toBeVisible();
    await expect(panel).toContainText('人工核验 · 通过');
    await expect(panel).toContainText('证件芯片损坏，已核对居民身份证原件');
    await accept(page);
  });
});

test('a supervisor lets a failed verification through with a reason, and the audit log lists it', async ({
  app: page,
}) => {
  await setUpWithSimulatedReader(page, SUPERVISOR);
  await fileCardApplicant(page);
  await handInCardMaterials(page);
  const panel = personPanel(page, '申请人');
  await placeCard(page, CARDS.zhaoliu);
  await panel.getByRole('button', { name: '读取申请人身份证' }).click();
  await panel.getByRole('button', { name: '人证一致，确认核验' }).click();
  await expect(page.getByRole('button', { name: '收件', exact: true })).toBeDisabled();

  await panel.getByRole('button', { name: '主管核准' }).click();
  const dialog = page.getByRole('dialog', { name: '主管核准：申请人' });
  await dialog.getByRole('button', { name: '确认核准' }).click();
  await expect(dialog.getByText('请填写核准理由（至少 4 个字）')).toBeVisible();
  await dialog.getByLabel('核准理由').fill('已电话核实公安部门，证件正在换领中');
  await dialog.getByRole('button', { name: '确认核准' }).click();
  await expect(dialog).toBeHidden();
  await expect(panel).toContainText(`主管已核准（${SUPERVISOR.displayName}`);
  await accept(page);

  await openMenu(page, '审计日志');
  await expect(
    page.getByRole('table').getByRole('cell', { name: '主管放行人证核验', exact: true }).first(),
  ).toBeVisible();
});

test('代办: the agent’s card fills the agent, and with a 授权委托书 the case is accepted', async ({ app: page }) => {
  await setUpWithSimulatedReader(page);
  await pickMatter(page, 'sbk', '社会保障卡申领');
  await pickSituation(page, '首次申领');
  await page.getByRole('radio', { name: '代办（委托他人办理）' }).check();
  await page.locator('#applicant-name').fill('张三');
  await page.locator('#applicant-idNumber').fill('500101199003070014');
  await page.locator('#applicant-phone').fill('13800138000');
  await placeCard(page, CARDS.lisi);
  await page.getByRole('button', { name: '读取身份证' }).click();
  await expect(page.locator('#agent-name')).toHaveValue('李四');
  await expect(page.locator('#applicant-name')).toHaveValue('张三');
  await page.locator('#agent-phone').fill('13900139000');
  await page.locator('#agent-relationship').fill('朋友');
  await pickDivision(page, '参保地（发卡地）', ['四川省', '成都市', '锦江区']);
  await nextStep(page);
  await expect(materialRow(page, '授权委托书')).toBeVisible();
  // 代办 makes the power of attorney and the agent's ID required; 关系证明 only where the locality asks for it.
  // The agent's card was read: their ID is already 原件核验后退还 (0120).
  await expect(materialRow(page, '代办人有效身份证件')).toContainText('原件核验后退还');
  await expect(materialRow(page, '代办人与申请人关系证明')).toContainText('代办且参保地要求时提供');
  await expect(materialRow(page, '代办人与申请人关系证明').locator('.field-warning')).toHaveCount(0);
  await setHandling(page, '申请人有效身份证件', '原件核验后退还');
  await setHandling(page, '代办人有效身份证件', '原件核验后退还');
  await setHandling(page, '《社会保障卡申领登记表》', '原件留存待寄递');
  await setHandling(page, '授权委托书', '原件留存待寄递');
  await setHandling(page, '近期免冠彩色证件照', '电子材料');
  await uploadScan(page, '近期免冠彩色证件照', { name: '证件照.png', mimeType: 'image/png', buffer: PNG_BYTES });
  await nextStep(page);
  const panel = personPanel(page, '代办人');
  await expect(panel.getByText('尚未完成人证核验')).toBeVisible();
  await panel.getByRole('button', { name: '读取代办人身份证' }).click();
  await expect(panel.getByRole('img', { name: '李四 的证件芯片照片' })).toBeVisible();
  await panel.getByRole('button', { name: '人证一致，确认核验' }).click();
  await expect(panel.getByText(/已核验（/)).toBeVisible();
  await accept(page);
});

test('婚姻登记 refuses 代办; a township helper sees no supervisor pages', async ({ app: page }) => {
  await setUpWithSimulatedReader(page, HELPER);
  for (const item of ['业务台账', '好差评回访', '监控看板'])
    await expect(page.getByRole('menuitem', { name: item })).toHaveCount(0);
  await pickMatter(page, 'hydj', '内地居民婚姻登记');
  await pickSituation(page, '结婚登记');
  await expect(page.getByRole('radio', { name: '代办（委托他人办理）' })).toBeDisabled();
});
