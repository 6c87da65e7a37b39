import { expect, type Browser, type Page } from '@playwright/test';
import { socialSecurityCardApplication } from '../../src-main/cases/testing/intake-fixtures';
import { watchConsole } from './console-guard';
import { startHost, type RunningHost } from './host';
import { PNG_BYTES } from './intake';
import { callFromPage, saveScreenshot } from './steps';

export const SUPERVISOR = {
  username: 'sup01',
  displayName: '赵主管',
  password: 'Super2026ok',
  role: 'supervisor' as const,
};

/** Accepts a case through the contract as the signed-in counter user: draft, photo, 人证核验 (manual), 受理. */
export async function seedAcceptedCase(page: Page): Promise<{ caseId: string; documentNo: string }> {
  const draft = (await callFromPage(page, 'drafts:create')) as { ok: boolean; value: { caseId: string } };
  expect(draft.ok).toBe(true);
  const { caseId } = draft.value;
  expect(
    await callFromPage(page, 'attachments:add', {
      caseId,
      materialCode: 'PHOTO',
      fileName: 'photo.png',
      dataBase64: PNG_BYTES.toString('base64'),
    }),
  ).toMatchObject({ ok: true });
  const person = { name: '张三', idType: 'resident-id', idNumber: '500101199003070014' };
  const verified = await callFromPage(page, 'identity:verify', {
    caseId,
    role: 'applicant',
    method: 'manual',
    manualReason: '测试：窗口人工核验',
    person,
    confirmedMatch: true,
  });
  expect(verified).toMatchObject({ ok: true, value: { result: 'pass' } });
  const accepted = (await callFromPage(page, 'intake:accept', {
    application: socialSecurityCardApplication(caseId),
  })) as { ok: boolean; value: { documentNo: string } };
  expect(accepted).toMatchObject({ ok: true });
  return { caseId, documentNo: accepted.value.documentNo };
}

/**
 * The customer display: a second browser context (its own host cookie from the one-time pairing
 * address a signed-in clerk created, no staff sign-in), as a separate browser profile on the
 * counter's customer screen would be. `pairingUrl` carries the rating route as its fragment.
 */
export async function openCustomerDisplay(browser: Browser, pairingUrl: string): Promise<Page> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.goto(pairingUrl);
  return page;
}

/**
 * A new PC (or a replaced disk): a second host on a new, empty data folder, where the first-run
 * screen restores `backupPath` (encrypted: opened with the old PC's `recoveryCode`) instead of setting the window up; the host is then restarted on the
 * same folder, as the administrator restarts the program. Returns the restarted host and its page
 * (on the login screen). The caller stops the host (which deletes the folder).
 */
export async function restoreOnNewPc(
  browser: Browser,
  backupPath: string,
  cases: number,
  recoveryCode: string,
): Promise<{ host: RunningHost; page: Page; problems: () => string[] }> {
  const fresh = await startHost();
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  const guard = watchConsole(page);
  try {
    await page.goto(fresh.url);
    await expect(page.getByRole('heading', { name: '首次使用：初始化本窗口' })).toBeVisible();
    await page.getByLabel('备份文件的完整路径').fill(backupPath);
    await page.getByLabel('恢复码').fill(recoveryCode);
    await page.getByRole('button', { name: '核验并恢复' }).click();
    await expect(page.getByRole('status').filter({ hasText: `备份已核验（办件 ${cases} 件）` })).toBeVisible();
    // Nothing left to set up by hand: the restart brings the hall and its accounts back.
    await expect(page.getByRole('button', { name: '完成初始化' })).toBeHidden();
    await saveScreenshot(page, 'setup-restore');
    // The swap happens at start-up, before the database opens: restart the program on the same folder
    // (the page leaves first, so the killed host does not cut its event stream mid-chunk).
    await page.goto('about:blank');
    await fresh.kill();
    const host = await startHost({ dataDir: fresh.dataDir });
    await page.goto(host.url);
    await expect(page.getByRole('heading', { name: '工作人员登录' })).toBeVisible();
    return { host, page, problems: () => guard.problems };
  } catch (err) {
    await fresh.stop();
    throw err;
  }
}
