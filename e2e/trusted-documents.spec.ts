// Issue #13's done-when, once through the real UIs: a clerk files 户口迁移 where the 居民户口簿 comes from
// 调取电子证照 (no original) and the applicant chooses 网络送达; the window's A4 收件凭证 is a PAdES-signed PDF
// (poppler's pdfsig: valid); its QR code, rendered to PNG and read by zbarimg, opens the verification page
// showing 已收件; the reviewer approves on the department page with a result PDF (signed by the gateway's
// department seal); the window shows the result, and the applicant downloads it on the verification page
// with the 取件码 printed on the receipt.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { pdfsig } from '@tongban/pdf-seal/testing/pdfsig';
import { parseVerifyUrl } from '@tongban/protocol/verify/url';
import { DOCUMENT_ARTIFACTS, pdfText, scanBarcodes } from '../src-main/printing/testing/pdf-tools';
import { expect, test } from './support/fixtures';
import { addReviewer, queryGateway, type GatewayProcess, type TestPostgres } from './support/gateway';
import { BOOK, enrolledClerk, fileHukouMigration, gatewayWithLicences, slow, takeBookLicence } from './support/hukou';
import { accept, nextStep, setHandling } from './support/intake';
import { callFromPage, openMenu, openSettings, saveScreenshot } from './support/steps';

const REVIEWER = { username: 'td-reviewer', password: 'Review2026ok' };
const WAIT = { timeout: 60_000, intervals: [1_000, 2_000] };

let db: TestPostgres | null = null;
let gateway: GatewayProcess | null = null;

test.afterAll(async () => {
  await gateway?.stop();
  await db?.stop();
});

/** A one-page 准予迁入决定书 as a department system would export it (unsigned; the gateway seals it). */
async function decisionPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage([595, 842]).drawText('Decision: household registration transfer approved', { x: 60, y: 760, font });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

test('电子证照 instead of the original, a signed notice whose QR verifies, 网络送达 of the signed result', async ({
  app: page,
}) => {
  // Generous: on the shared 2-core machine under heavy load the whole flow took 3–4 minutes.
  test.setTimeout(300_000);
  ({ db, gateway } = await gatewayWithLicences());
  const dbUrl = db.url;
  const gatewayUrl = gateway.url;
  await enrolledClerk(page, dbUrl, gatewayUrl, async () => {
    // 系统设置 → 部门网关 → 扫码核验地址: a placeholder is refused outside 培训模式; the public address is saved.
    await openSettings(page, '部门网关');
    const card = page.locator('#verify-base-card');
    await expect(card).toContainText(`${gatewayUrl}/v/…`);
    await card.getByLabel('核验地址（公网）').fill('https://verify.example.com');
    await card.getByRole('button', { name: '保存核验地址' }).click();
    await expect(card.getByText(/这是示例地址/)).toBeVisible();
    await card.getByLabel('核验地址（公网）').fill(`${gatewayUrl}/`);
    await card.getByRole('button', { name: '保存核验地址' }).click();
    await expect(page.getByText('核验地址已保存，此后出具的文书使用新地址')).toBeVisible();
    await expect(card.getByLabel('核验地址（公网）')).toHaveValue(gatewayUrl);
    await card.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'trusted-documents-0-verify-base');
  });

  let receiptNo = '';
  await test.step('户口迁移: the 居民户口簿 from 调取电子证照, 网络送达 chosen, accepted', async () => {
    await fileHukouMigration(page, async () => {
      await page.getByRole('radio', { name: '网络送达（凭取件码下载）' }).check();
    });
    await takeBookLicence(page);
    await saveScreenshot(page, 'licence-materials-step');
    await setHandling(page, '迁移人有效身份证件', '原件核验后退还');
    for (const name of ['《户口迁移申请表》', '被投靠人居民户口簿', '结婚证'])
      await setHandling(page, name, '原件留存待寄递');
    await nextStep(page);
    await slow(page.getByText(/已核验（/)).toBeVisible();
    receiptNo = await accept(page);
  });

  const drawer = page.getByRole('dialog').filter({ hasText: '办件详情' });
  let noticePath = '';
  let noticeText = '';
  await test.step('the A4 收件凭证 is a signed PDF: pdfsig says valid, the whole document, 样章（培训）', async () => {
    await openMenu(page, '办件查询');
    await page.getByRole('button', { name: receiptNo }).click();
    await drawer.getByRole('tab', { name: '打印', exact: true }).click();
    const row = drawer.locator('.print-panel').getByTestId('print-acceptance-a4');
    await row.getByRole('button').first().click();
    const status = row.getByRole('status');
    await expect(status).toContainText(/已保存为 PDF：.+\.pdf/, { timeout: 45_000 });
    noticePath = /已保存为 PDF：(.+\.pdf)/.exec((await status.textContent()) ?? '')?.[1] ?? '';
    expect(existsSync(noticePath)).toBe(true);
    const report = pdfsig(readFileSync(noticePath));
    expect(report.signatures, report.output).toBe(1);
    expect(report.valid, report.output).toBe(true);
    expect(report.totalDocumentSigned, report.output).toBe(true);
    expect(report.signerName).toContain('样章（培训）');
    noticeText = pdfText(noticePath).replace(/\s+/g, '');
    expect(noticeText).toContain('免提交原件');
    expect(noticeText).toContain('网络送达');
  });

  // The QR code, read from the page rendered to PNG by zbarimg.
  // The notice's other QR code is the 好差评 address.
  const symbols = scanBarcodes(noticePath, 150).filter((s) => s.startsWith('QR-Code:') && s.includes('/v/'));
  expect(symbols).toHaveLength(1);
  const url = symbols[0]!.slice('QR-Code:'.length);
  const scanned = parseVerifyUrl(url);
  expect(scanned, url).not.toBeNull();
  expect(scanned!.base).toBe(gateway.url);
  const pickupCode = /取件码(\d{8})/.exec(noticeText)?.[1] ?? '';
  expect(pickupCode).toMatch(/^\d{8}$/);

  // The case (the licence in its manifest) and the issued document reach the gateway.
  await expect(async () => {
    expect(await callFromPage(page, 'sync:now', {})).toMatchObject({ ok: true });
    const cases = await queryGateway<{ manifest: { licences?: { number: string; provider: string }[] } }>(
      dbUrl,
      "SELECT manifest FROM cases WHERE manifest->>'receiptNo' = $1",
      [receiptNo],
    );
    expect(cases[0]?.manifest.licences).toEqual([
      expect.objectContaining({ number: BOOK.valid, provider: 'gateway-table' }),
    ]);
    const rows = await queryGateway<{ n: string }>(
      dbUrl,
      'SELECT count(*) AS n FROM issued_documents WHERE document_no = $1',
      [scanned!.documentNo],
    );
    expect(Number(rows[0]?.n)).toBe(1);
  }).toPass(WAIT);

  const phone = await page.context().newPage();
  await test.step('scanning the QR code opens the verification page: 文书真实有效, 已收件', async () => {
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(url);
    await expect(phone.getByRole('heading', { name: '✓ 文书真实有效' })).toBeVisible();
    await expect(phone.locator('.steps li.now')).toHaveText('已收件');
    await expect(phone.getByText('户口迁移').first()).toBeVisible();
    await expect(phone.getByText('张*').first()).toBeVisible();
    await saveScreenshot(phone, 'trusted-documents-1-verify-received');
  });

  await test.step('the reviewer approves with the result PDF; the gateway seals it', async () => {
    const [stored] = await queryGateway<{ case_id: string; department_id: string }>(
      dbUrl,
      "SELECT case_id, department_id FROM cases WHERE manifest->>'receiptNo' = $1",
      [receiptNo],
    );
    await addReviewer(dbUrl, REVIEWER.username, REVIEWER.password, stored!.department_id);
    const dept = await page.context().newPage();
    await dept.goto(`${gateway!.url}/dept/login`);
    await dept.getByLabel('用户名').fill(REVIEWER.username);
    await dept.getByLabel('密码').fill(REVIEWER.password);
    await dept.getByRole('button', { name: '登录' }).click();
    await dept.goto(`${gateway!.url}/dept/cases/${stored!.case_id}`);
    const state = dept.locator('dt', { hasText: '当前状态' }).locator('xpath=following-sibling::dd[1]');
    await dept.getByRole('button', { name: '受理审查', exact: true }).click();
    await expect(state).toHaveText('审查中');
    await dept
      .locator('#result-approve')
      .setInputFiles({ name: '准予迁入决定书.pdf', mimeType: 'application/pdf', buffer: await decisionPdf() });
    await dept.getByRole('button', { name: '准予/办结', exact: true }).click();
    await expect(state).toHaveText('已办结（准予）');
    await expect(dept.locator('#result-info')).toContainText('准予迁入决定书.pdf');
    await saveScreenshot(dept, 'trusted-documents-2-department-result');
    await dept.close();
  });

  await test.step('the window shows the result after the next sync', async () => {
    await drawer
      .getByRole('button', { name: /Close|关闭/ })
      .first()
      .click();
    await expect(drawer).toBeHidden();
    // The list follows the sync loop: its row says 已办结 once the decision came back.
    const row = page.getByRole('row').filter({ hasText: receiptNo });
    await expect(async () => {
      expect(await callFromPage(page, 'sync:now', {})).toMatchObject({ ok: true });
      await expect(row).toContainText('已办结', { timeout: 2_000 });
    }).toPass(WAIT);
    await page.getByRole('button', { name: receiptNo }).click();
    await expect(drawer.getByTestId('case-result-file')).toHaveText('准予迁入决定书.pdf');
    await drawer.getByRole('button', { name: '查看/打印办理结果' }).click();
    await expect(page.getByText('办理结果已取回并核对无误（准予迁入决定书.pdf）')).toBeVisible();
    await saveScreenshot(page, 'trusted-documents-3-window-result');
  });

  await test.step('the applicant downloads it on the verification page with the 取件码: signed by the department', async () => {
    // Scanned again: a fresh load (the open page is the same address without the fragment).
    await phone.goto('about:blank');
    await phone.goto(url);
    await expect(phone.locator('.steps li.now')).toHaveText('已办结（准予）');
    await expect(phone.getByText('办理结果已可下载。')).toBeVisible();
    await phone.getByLabel('取件码（收件凭证上的 8 位数字）').fill(pickupCode);
    const download = phone.waitForEvent('download');
    await phone.getByRole('button', { name: '下载办理结果' }).click();
    const file = await (await download).path();
    const result = pdfsig(readFileSync(file));
    mkdirSync(DOCUMENT_ARTIFACTS, { recursive: true });
    writeFileSync(join(DOCUMENT_ARTIFACTS, 'pdfsig-department-result.txt'), result.output);
    copyFileSync(file, join(DOCUMENT_ARTIFACTS, 'department-result.pdf'));
    expect(result.valid, result.output).toBe(true);
    expect(result.totalDocumentSigned, result.output).toBe(true);
    expect(result.signerName).toContain('样章（培训）');
    const fetches = await queryGateway<{ n: string }>(dbUrl, 'SELECT count(*) AS n FROM result_fetches WHERE ok', []);
    expect(Number(fetches[0]?.n)).toBeGreaterThanOrEqual(1);
  });
  await phone.close();
});
