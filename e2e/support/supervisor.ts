import { expect, type Browser, type Page } from '@playwright/test';
import { socialSecurityCardApplication } from '../../src-main/cases/intake-fixtures';
import { PNG_BYTES } from './intake';
import { callFromPage } from './steps';

export const SUPERVISOR = { username: 'sup01', displayName: '赵主管', password: 'Super2026ok', role: 'supervisor' as const };


/** Accepts a case through the contract as the signed-in counter user: draft, photo, 人证核验 (manual), 受理. */
export async function seedAcceptedCase(page: Page): Promise<{ caseId: string; documentNo: string }> {
  const draft = (await callFromPage(page, 'drafts:create')) as { ok: boolean; value: { caseId: string } };
  expect(draft.ok).toBe(true);
  const { caseId } = draft.value;
  expect(await callFromPage(page, 'attachments:add', { caseId, materialCode: 'PHOTO', fileName: 'photo.png', dataBase64: PNG_BYTES.toString('base64') })).toMatchObject({ ok: true });
  const person = { name: '张三', idType: 'resident-id', idNumber: '500101199003070014' };
  const verified = await callFromPage(page, 'identity:verify', { caseId, role: 'applicant', method: 'manual', manualReason: '测试：窗口人工核验', person, confirmedMatch: true });
  expect(verified).toMatchObject({ ok: true, value: { result: 'pass' } });
  const accepted = (await callFromPage(page, 'intake:accept', { application: socialSecurityCardApplication(caseId) })) as { ok: boolean; value: { documentNo: string } };
  expect(accepted).toMatchObject({ ok: true });
  return { caseId, documentNo: accepted.value.documentNo };
}

/**
 * The customer display: a second browser context (its own host cookie from the start URL, no
 * staff sign-in), as a separate browser profile on the counter's customer screen would be.
 */
export async function openCustomerDisplay(browser: Browser, startUrl: string, ratingUrl: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  await page.goto(startUrl);
  await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
  await page.goto(ratingUrl);
  return page;
}
