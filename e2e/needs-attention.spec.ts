import { openDataFolderDatabase } from '../src-main/db/key-store';
import { expect, test } from './support/fixtures';
import {
  accept,
  COUNTER_CLERK,
  fileCardApplicant,
  handInCardMaterials,
  verifyIdentityManually,
} from './support/intake';
import { callFromPage, completeFirstRun, openMenu, saveScreenshot, signIn, signOut } from './support/steps';
import { SUPERVISOR } from './support/supervisor';

// The gateway's refusal itself is covered against the real gateway in tests/sync/loop.test.ts; here the
// stored outcome of one (需要处理 with the gateway's reason) is what the clerk and the supervisor see.
test('a case the gateway refused: the reason on the case in Chinese, the 同步状态 filter, one click from the dashboard', async ({
  app: page,
  host,
}) => {
  test.setTimeout(120_000);
  await completeFirstRun(page);
  expect(await callFromPage(page, 'users:create', COUNTER_CLERK)).toMatchObject({ ok: true });
  expect(await callFromPage(page, 'users:create', SUPERVISOR)).toMatchObject({ ok: true });
  await signOut(page);
  await signIn(page, COUNTER_CLERK.username, COUNTER_CLERK.password, COUNTER_CLERK.displayName);
  await fileCardApplicant(page);
  await handInCardMaterials(page);
  await verifyIdentityManually(page);
  const receiptNo = await accept(page);
  const db = openDataFolderDatabase(host.dataDir);
  db.prepare("UPDATE cases SET sync_state = 'needs-attention', attention_reason = 'invalid-manifest'").run();
  db.close();

  await openMenu(page, '办件查询');
  await page.getByRole('button', { name: receiptNo }).click();
  const alert = page.getByRole('alert').filter({ hasText: '这件办件需要处理' });
  await expect(alert).toContainText('部门网关认为办件数据不完整或格式有误');
  await expect(alert).toContainText('办件仍完整保存在本机');
  await expect(alert).not.toContainText('invalid-manifest');
  await saveScreenshot(page, 'needs-attention-case');
  await page.keyboard.press('Escape');
  await signOut(page);
  await signIn(page, SUPERVISOR.username, SUPERVISOR.password, SUPERVISOR.displayName);
  await openMenu(page, '监控看板');
  await page.getByRole('button', { name: '查看需处理的 1 件办件' }).click();
  await expect(page.getByRole('status').filter({ hasText: '「需要处理」的办件（不限日期），共 1 件' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: receiptNo })).toBeVisible();
  await saveScreenshot(page, 'needs-attention-list');
});
