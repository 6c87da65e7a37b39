// 责任追溯 through the real UI (issue #19): an enrolled window's 校验审计链 compares its chain with the heads
// the department gateway witnessed. The window's database is encrypted inside the host process, so here the
// gateway's record is made to disagree (a witness hash changed); the row-altered-on-the-window case, both
// sides, is tests/sync/audit-witness.test.ts. Either way the supervisor sees the break, and the gateway
// records the conflict for its operators.
import { expect, test } from './support/fixtures';
import {
  freePort,
  issueCode,
  queryGateway,
  startGateway,
  startTestPostgres,
  type GatewayProcess,
  type TestPostgres,
} from './support/gateway';
import { completeFirstRun, HALL, openMenu, openSettings, saveScreenshot } from './support/steps';

const WINDOW_CODE = '50010303'; // the hall's division code and window number 3
let db: TestPostgres | null = null;
let gateway: GatewayProcess | null = null;

test.afterAll(async () => {
  await gateway?.stop();
  await db?.stop();
});

test('校验审计链 compares with the gateway’s witnesses and reports a disagreement', async ({ app: page }) => {
  test.setTimeout(120_000);
  db = await startTestPostgres();
  const port = await freePort();
  gateway = await startGateway(db.url, port);

  await completeFirstRun(page);
  const code = await issueCode(db.url, WINDOW_CODE, HALL.divisionCode);
  await openSettings(page, '部门网关');
  await page.getByLabel('网关地址', { exact: true }).fill(gateway.url);
  await page.getByLabel('接入码', { exact: true }).fill(code);
  await page.getByRole('button', { name: '接入网关' }).click();
  await expect(page.getByText('已接入部门网关', { exact: true })).toBeVisible();

  await openMenu(page, '审计日志');
  await page.getByRole('button', { name: '校验审计链' }).click();
  const outcome = page.getByTestId('audit-chain-outcome');
  await expect(outcome).toContainText(/审计链完整（共 \d+ 条）/);
  await expect(outcome).toContainText(/已与部门网关留存的 \d+ 个审计链见证核对/);
  await saveScreenshot(page, 'audit-witness-ok');

  const [latest] = await queryGateway<{ seq: string }>(db.url, 'SELECT max(seq) AS seq FROM window_audit_witnesses');
  await queryGateway(db.url, "UPDATE window_audit_witnesses SET hash = repeat('e', 64) WHERE seq = $1", [latest?.seq]);
  await page.getByRole('button', { name: '校验审计链' }).click();
  await expect(outcome).toContainText(`审计链在第 ${latest?.seq} 条断裂：与部门网关留存的审计链记录（见证）不符`);
  await saveScreenshot(page, 'audit-witness-broken');
  const conflicts = await queryGateway<{ kind: string }>(db.url, 'SELECT kind FROM window_audit_conflicts');
  expect(conflicts.map((c) => c.kind)).toContain('changed');
});
