// 责任追溯 through the real UI (issue #19): an enrolled window's 校验审计链 compares its chain with the heads
// the department gateway witnessed. The window's database is encrypted inside the host process, so here the
// gateway's record is made to disagree (a witness hash changed); the row-altered-on-the-window case, both
// sides, is tests/sync/audit-witness.test.ts. Either way the supervisor sees the break, and the gateway
// records the conflict for its operators.
import { expect, test } from './support/fixtures';
import {
  addSupervisor,
  freePort,
  type GatewayProcess,
  joinGateway,
  queryGateway,
  startGateway,
  startTestPostgres,
  type TestPostgres,
} from './support/gateway';
import { completeFirstRun, HALL, openMenu, saveScreenshot } from './support/steps';

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
  await joinGateway(page, db.url, gateway.url, WINDOW_CODE);

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

  // The district supervisor sees the conflict on the gateway's pages and records how it was explained.
  await addSupervisor(db.url, 'wz-supervisor', 'supervise 2026 ok', [HALL.divisionCode]);
  const sv = await page.context().newPage();
  await sv.goto(`${gateway.url}/dept/login`);
  await sv.getByLabel('用户名').fill('wz-supervisor');
  await sv.getByLabel('密码').fill('supervise 2026 ok');
  await sv.getByRole('button', { name: '登录' }).click();
  await sv.getByRole('link', { name: '审计链冲突' }).click();
  await expect(sv.getByRole('heading', { name: '窗口审计链冲突' })).toBeVisible();
  const row = sv.getByRole('row').filter({ hasText: WINDOW_CODE }).first();
  await expect(row).toContainText('已见证的记录被改动');
  await expect(row).toContainText('待处理');
  await saveScreenshot(sv, 'audit-conflicts-list');
  await row.getByRole('link').click();
  await expect(sv.getByText('e'.repeat(64))).toBeVisible();
  await sv.getByLabel(/处理说明/).fill('演练：测试人员改动了部门网关的见证记录，已恢复，见运维记录 E2E-1。');
  await saveScreenshot(sv, 'audit-conflict-detail');
  await sv.getByRole('button', { name: '记录处理结果' }).click();
  await expect(sv.getByText('处理记录')).toBeVisible();
  await expect(sv.getByText('wz-supervisor').first()).toBeVisible();
  await saveScreenshot(sv, 'audit-conflict-resolved');
  const resolved = await queryGateway<{ n: string }>(
    db.url,
    "SELECT count(*) AS n FROM gateway_audit WHERE action = 'window.audit-conflict-resolved'",
  );
  expect(Number(resolved[0]?.n)).toBeGreaterThan(0);
  await sv.close();
});
