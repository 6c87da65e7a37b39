import { existsSync } from 'node:fs';
import { s10CheckDigit } from '@tongban/protocol/validators/check-digits';
import { decodeEscPos } from '../src-main/printing/testing/escpos-decoder';
import { pdfText } from '../src-main/printing/testing/pdf-tools';
import { startVirtualPrinter, type VirtualPrinter } from '../src-main/printing/testing/virtual-printer';
import { expect, test } from './support/fixtures';
import {
  accept,
  APPLICANT,
  COUNTER_CLERK,
  fileCardApplicant,
  handInCardMaterials,
  verifyIdentityManually,
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

/** A valid S10 number with the serial `n` (EA000000005CN, EA000000014CN, …). */
function s10(n: number): string {
  const serial = String(n).padStart(8, '0');
  return `EA${serial}${s10CheckDigit(serial)}CN`;
}

/** The receipt as the paper would show it. */
function receiptText(job: Buffer): string {
  return decodeEscPos(job)
    .lines.map((l) => l.text)
    .join('\n');
}

test('print settings, receipts on a network printer, A4 as PDF, an EMS waybill, reprints and a printer that goes away', async ({
  app: page,
}) => {
  test.setTimeout(180_000);
  let printer: VirtualPrinter = await startVirtualPrinter();
  const pool = [0, 1, 2, 3, 4].map(s10);
  const badLine = `EA00000009${(s10CheckDigit('00000009') + 1) % 10}CN`;

  try {
    await test.step('the administrator sets the receipt printer and the hall profile, and imports the waybill pool', async () => {
      await completeFirstRun(page);
      await openSettings(page, '打印与设备');
      const section = page.locator('#print-settings-card');
      await expect(section.getByText('打印设置', { exact: true })).toBeVisible();
      await section.getByLabel('小票打印机', { exact: true }).fill(printer.url);
      await section.getByLabel('小票打印机', { exact: true }).press('Escape');
      await section.getByLabel('大厅地址（寄件地址）').fill('重庆市渝中区人民路123号');
      await section.getByLabel('大厅电话（寄件电话）').fill('023-63891234');
      // The shipped 好差评 address is a placeholder, which is refused in print outside 培训模式.
      await section.getByLabel('好差评地址').fill('https://hcp.cq.gov.cn/rate?w={windowCode}&d={documentNo}');
      await section.getByLabel('面单尺寸').click();
      await pickOption(page, '100×150毫米二联面单');
      await section.getByRole('button', { name: '保存打印设置' }).click();
      await expect(page.getByText('打印设置已保存')).toBeVisible();
      const thermalRow = section.getByRole('row').filter({ hasText: printer.url });
      await expect(thermalRow).toContainText(/就绪|未知/);
      // The explanation column speaks Chinese, not error codes.
      await expect(section.getByRole('table', { name: '打印机状态' })).not.toContainText(
        /ECONN|no-status|device-|printer-/,
      );

      await section.getByLabel('运单号（每行一个）').fill([...pool, badLine, 'hello', pool[0]].join('\n'));
      await section.getByRole('button', { name: '导入', exact: true }).click();
      const report = section.getByRole('status').filter({ hasText: '导入 5 个' });
      await expect(report).toContainText('有误 3 行');
      await expect(report).toContainText(`第 6 行 ${badLine}：校验位不正确`);
      await expect(report).toContainText('第 7 行 HELLO：格式不正确'.replace('HELLO', 'hello'));
      await expect(report).toContainText(`第 8 行 ${pool[0]}：文件中重复`);
      await expect(section.getByText('单号池余量：5 个')).toBeVisible();
      await section.scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'printing-settings');
      expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
      await signOut(page);
      await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);
    });

    let receiptNo = '';
    await test.step('the clerk accepts a case', async () => {
      await fileCardApplicant(page);
      await handInCardMaterials(page);
      await verifyIdentityManually(page);
      receiptNo = await accept(page);
    });

    const drawer = page.getByRole('dialog').filter({ hasText: '办件详情' });
    const panel = drawer.locator('.print-panel');
    await test.step('the thermal receipt goes to the network printer, with the masked ID only', async () => {
      await openMenu(page, '办件查询');
      await page.getByRole('button', { name: receiptNo }).click();
      await drawer.getByRole('tab', { name: '打印', exact: true }).click();
      const job = printer.nextJob();
      await panel
        .getByTestId('print-receipt')
        .getByRole('button', { name: /^打印 收件凭证（小票）/ })
        .click();
      await expect(panel.getByTestId('print-receipt').getByRole('status')).toHaveText('已打印（第1份）');
      const text = receiptText(await job);
      expect(text).toContain(receiptNo);
      expect(text).toContain('社会保障卡申领');
      expect(text).toContain('5001**********0014');
      expect(text).not.toContain(APPLICANT.idNumber);
      expect(text).not.toContain('补打');
    });

    await test.step('the A4 notice is saved as a PDF', async () => {
      const row = panel.getByTestId('print-acceptance-a4');
      // The slip printed above does not make the A4 notice a reprint.
      await expect(row.getByRole('button').first()).toHaveAccessibleName(/^打印 收件凭证（A4）/);
      await row.getByRole('button').first().click();
      // The first PDF starts a headless Chromium in the host: allow for it on a busy machine.
      const result = row.getByRole('status');
      await expect(result).toContainText(/已保存为 PDF：.+\.pdf/, { timeout: 45_000 });
      const path = /已保存为 PDF：(.+\.pdf)/.exec((await result.textContent()) ?? '')?.[1] ?? '';
      if (existsSync(path)) expect(pdfText(path).replace(/\s+/g, '')).toContain(receiptNo);
      await saveScreenshot(page, 'printing-panel');
    });

    await test.step('a waybill for the originals comes from the pool and its label prints', async () => {
      await drawer.getByRole('tab', { name: '寄递', exact: true }).click();
      await expect(drawer.getByText(/^单号池余量不足（剩余 5 个，预警线 20 个）/)).toBeVisible();
      await drawer.getByRole('button', { name: '登记运单' }).click();
      const dialog = page.getByRole('dialog', { name: '登记 EMS 运单' });
      await expect(dialog.getByLabel('收件人姓名/单位')).not.toHaveValue('');
      await dialog.getByLabel('收件人电话').fill('028-86541234');
      await dialog.getByLabel('收件地址').fill('四川省成都市锦江区红星路二段70号');
      await dialog.getByLabel('重量（克）').fill('350');
      await saveScreenshot(page, 'printing-waybill-form');
      await dialog.getByRole('button', { name: '登记并取号' }).click();
      await expect(dialog).toBeHidden();
      const row = drawer.locator(`tr[data-row-key="${pool[0]}"]`);
      await expect(row).toContainText('材料寄往业务属地');
      await expect(row).toContainText('已寄出');
      await expect(drawer.getByText(/^单号池余量不足（剩余 4 个/)).toBeVisible();
      const label = drawer.getByTestId(`print-waybill-${pool[0]}`);
      await label.getByRole('button').first().click();
      await expect(label.getByRole('status')).toContainText(/已保存为 PDF：.+\.pdf/, { timeout: 45_000 });
      await row.getByRole('button', { name: '已签收' }).click();
      await expect(row).toContainText('已签收');
    });

    await test.step('a reprint of the slip says 补打 (the A4 notice was not one), and the print log lists all four prints', async () => {
      await drawer.getByRole('tab', { name: '打印', exact: true }).click();
      const job = printer.nextJob();
      const receipt = panel.getByTestId('print-receipt');
      await receipt.getByRole('button', { name: /^补打（第2份） 收件凭证（小票）/ }).click();
      await expect(receipt.getByRole('status')).toHaveText('已补打（第2份）');
      expect(receiptText(await job)).toContain('补打');
      const log = panel.getByRole('table', { name: '打印记录' });
      await expect(log.locator('tr.ant-table-row')).toHaveCount(4);
      await expect(log).toContainText('收件凭证（小票）');
      await expect(log).toContainText('80毫米热敏小票');
      await expect(log).toContainText('A4纸');
      await expect(log).toContainText('100×150毫米二联面单'); // the label size saved in the print settings
      await expect(log.getByText('补打（第2份）')).toBeVisible();
      await expect(log).toContainText('EMS邮件详情单');
      await expect(log).toContainText(COUNTER_CLERK.displayName);
      await expect(log).toContainText(`网络打印机 127.0.0.1:${printer.port}`);
      await expect(log).toContainText('PDF 文件');
    });

    await test.step('with the printer gone the clerk sees why and prints the same copy again once it is back', async () => {
      const port = printer.port;
      await printer.close();
      const receipt = panel.getByTestId('print-receipt');
      await receipt.getByRole('button', { name: /^补打（第3份） 收件凭证（小票）/ }).click();
      const failure = receipt.getByRole('alert');
      await expect(failure).toContainText('打印失败：无法连接打印机');
      await saveScreenshot(page, 'printing-failed');
      printer = await startVirtualPrinter({ port });
      const job = printer.nextJob();
      await failure.getByRole('button', { name: '重新打印' }).click();
      await expect(receipt.getByRole('status')).toHaveText('已补打（第3份）');
      expect(receiptText(await job)).toContain('补打（第3份）');
    });
  } finally {
    await printer.close();
  }
});
