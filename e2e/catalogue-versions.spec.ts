// 清单化管理 through the real UIs: the gateway administrator imports catalogue versions with the CLI (a broken
// file is refused with every error's path), the window's administrator checks for updates in 系统设置, reads
// the diff, applies the new version and rolls it back.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from './support/fixtures';
import {
  freePort,
  importCatalogue,
  issueCode,
  startGateway,
  startTestPostgres,
  type GatewayProcess,
  type TestPostgres,
} from './support/gateway';
import { ADMIN, callFromPage, completeFirstRun, openSettings } from './support/steps';

const RESOURCES = resolve(__dirname, '..', 'resources', 'catalogue');
const SCREENSHOTS = resolve(__dirname, '..', 'test-results', 'screenshots');
let db: TestPostgres | null = null;
let gateway: GatewayProcess | null = null;

test.afterAll(async () => {
  await gateway?.stop();
  await db?.stop();
});

/** The shipped catalogue version, and the next one this spec publishes (its last part raised by one). */
const SHIPPED = (JSON.parse(readFileSync(join(RESOURCES, 'catalogue.json'), 'utf8')) as { catalogueVersion: string })
  .catalogueVersion;
const NEXT = SHIPPED.replace(/\d+$/, (n) => String(Number(n) + 1));

/** Writes the shipped files changed into version NEXT (one matter added, one promise shortened), or broken. */
function nextVersionFile(dir: string, broken = false): string {
  const catalogue = JSON.parse(readFileSync(join(RESOURCES, 'catalogue.json'), 'utf8')) as {
    catalogueVersion: string;
    matters: Record<string, unknown>[];
  };
  const routing = JSON.parse(readFileSync(join(RESOURCES, 'routing.json'), 'utf8')) as {
    matters: Record<string, string>;
  };
  catalogue.catalogueVersion = NEXT;
  const card = catalogue.matters.find((m) => m.code === 'CQ-KSTB-0001') as Record<string, unknown>;
  card.promisedDays = broken ? 'three' : 3;
  catalogue.matters.push({ ...structuredClone(card), code: 'CQ-KSTB-0999', name: '社会保障卡换领（试点）' });
  if (!broken) routing.matters['CQ-KSTB-0999'] = 'hrss';
  const file = join(dir, broken ? 'broken.json' : 'next.json');
  writeFileSync(file, JSON.stringify({ catalogue, routing }));
  return file;
}

test('a catalogue version imported on the gateway is reviewed, applied and rolled back at the window', async ({
  app: page,
}) => {
  test.setTimeout(240_000);
  // First run is not under test here; on a loaded machine the first screen may take longer than the default wait.
  await expect(page.getByRole('heading', { name: '首次使用：初始化本窗口' })).toBeVisible({ timeout: 90_000 });
  // Its own 10 s wait for the workbench may also be too short under load: the greeting is awaited again below.
  await completeFirstRun(page).catch(() => undefined);
  await expect(page.getByRole('heading', { name: `${ADMIN.displayName}，您好` })).toBeVisible({ timeout: 90_000 });
  db = await startTestPostgres();
  gateway = await startGateway(db.url, await freePort());
  const dir = mkdtempSync(join(tmpdir(), 'tongban-catalogue-'));
  const shipped = await importCatalogue(db.url, [join(RESOURCES, 'catalogue.json'), join(RESOURCES, 'routing.json')]);
  expect(shipped.output).toContain(`catalogue ${SHIPPED} published`);
  const broken = await importCatalogue(db.url, [nextVersionFile(dir, true)]);
  expect(broken.ok).toBe(false);
  expect(broken.output).toContain('catalogue.matters[0].promisedDays:');
  expect(broken.output).toContain('routing.matters.CQ-KSTB-0999:');

  const code = await issueCode(db.url, '50010303', '510000');
  expect(await callFromPage(page, 'sync:configure', { gatewayUrl: gateway.url, code })).toMatchObject({ ok: true });
  expect((await importCatalogue(db.url, [nextVersionFile(dir)])).ok).toBe(true);

  await openSettings(page, '部门网关');
  const card = page.locator('.ant-card').filter({ has: page.getByText('事项清单更新', { exact: true }) });
  await card.getByRole('button', { name: '检查更新' }).click();
  await expect(card.getByText(`新版本 ${NEXT}`)).toBeVisible();
  await expect(card).toContainText('新增事项 1 项，删除 0 项，变更 1 项');
  await expect(card.getByRole('row').filter({ hasText: 'CQ-KSTB-0999' })).toContainText('新增');
  await expect(card.getByRole('row').filter({ hasText: 'CQ-KSTB-0001' })).toContainText('承诺时限');
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: join(SCREENSHOTS, 'catalogue-update-diff.png'), animations: 'disabled' });

  await card.getByRole('button', { name: '应用' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '应用' }).click();
  await expect(card.getByText('没有待应用的新版本')).toBeVisible();
  await expect(card).toContainText(NEXT);
  await expect(card).toContainText('部门网关发布');
  await expect(card.locator(`tr[data-row-key="${NEXT}"]`)).toContainText('使用中');
  await card.screenshot({ path: join(SCREENSHOTS, 'catalogue-update-applied.png'), animations: 'disabled' });

  await card.getByRole('button', { name: '回退' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '回退' }).click();
  await expect(card.locator(`tr[data-row-key="${NEXT}"]`)).toContainText('已回退');
  await expect(card).toContainText('随程序安装');
  await expect(card.getByRole('button', { name: '回退' })).toBeDisabled();
});
