// The whole loop on real parts: a window app on a real SQLite file, the gateway on a real
// PostgreSQL, department decisions, and the statuses coming back to the window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { performAction } from '../../gateway/src/department/actions';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { createUser, initialised, testApp, type TestApp } from '../../src-main/testing/test-app';
import type { CaseDetail } from '@common/cases/case-types';
import type { CommandInput, DecisionView } from '@common/contract';
import { callOk } from '../../src-main/testing/call';
import { PNG_BYTES } from '../../src-main/cases/testing/intake-fixtures';
import { acceptReadyCase, forgetAtGateway } from './window';

let gw: TestGateway;
let app: TestApp;
let admin: string;
const CLERK = 'clerk';

beforeAll(async () => {
  gw = await startTestGateway();
  app = await testApp();
  admin = await initialised(app);
  await createUser(app, admin, 'clerk1', 'clerk');
  await app.call(CLERK, 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
}, 120_000);

afterAll(async () => {
  await app?.shutdown();
  await gw?.close();
});

async function detail(caseId: string): Promise<CaseDetail> {
  return callOk(app, CLERK, 'cases:get', { caseId });
}

async function decide(
  caseId: string,
  action: Parameters<typeof performAction>[3],
  fields: Record<string, string | string[]> = {},
) {
  const { rows } = await gw.pool.query<{ department_id: string; case_version: number }>(
    'SELECT department_id, case_version FROM cases WHERE case_id = $1',
    [caseId],
  );
  const row = rows[0]!;
  const form = new URLSearchParams({ caseVersion: String(row.case_version) });
  for (const [k, v] of Object.entries(fields)) for (const value of [v].flat()) form.append(k, value);
  await performAction(
    gw.pool,
    { reviewerId: 1, username: 'reviewer', departmentId: row.department_id, csrfToken: '' },
    caseId,
    action,
    form,
  );
}

const outbox = (caseId: string) =>
  app.services.db.prepare('SELECT kind, state, last_error FROM outbox WHERE case_id = ? ORDER BY id').all(caseId) as {
    kind: string;
    state: string;
    last_error: string | null;
  }[];

describe('window ⇄ gateway', () => {
  let caseId: string;

  it('a case accepted while the gateway is unreachable stays saved on this PC and says so', async () => {
    const { code } = await issueEnrolmentCode(gw.pool, '50010112', '500101', 1);
    expect(await app.call(admin, 'sync:configure', { gatewayUrl: gw.url, code }, 0)).toMatchObject({
      ok: true,
      value: { district: '500101' },
    });
    await app.services.sync.engine.syncNow();
    // Point the device at a closed port: the gateway is "down".
    const device = app.services.sync.repo.device()!;
    app.services.sync.repo.saveDevice({ ...device, gatewayUrl: 'http://127.0.0.1:9' });
    const decision: DecisionView = await acceptReadyCase(app, CLERK);
    caseId = decision.caseId;
    await app.services.sync.syncNow();
    expect(app.services.sync.statusView()).toMatchObject({ state: 'offline', pending: 1 });
    expect(await detail(caseId)).toMatchObject({ syncState: 'local', departmentNo: null });
    app.services.sync.repo.saveDevice({ ...device });
  });

  it('once the gateway answers, the case is delivered with a department number and its file verified', async () => {
    const changed: string[][] = [];
    const stop = app.services.events.subscribe((e) => {
      if (e.name === 'cases:changed') changed.push((e.payload as { caseIds: string[] }).caseIds);
    });
    await app.services.sync.syncNow();
    stop();
    // The open lists are told once, with the case in it (they reload without the clerk pressing 刷新).
    expect(changed.flat()).toContain(caseId);
    const d = await detail(caseId);
    expect(d.syncState).toBe('delivered');
    expect(d.departmentNo).toMatch(/^KSTB-500101-\d{4}-\d{6}$/);
    expect(app.services.sync.statusView()).toMatchObject({ state: 'online', pending: 0 });
    const { rows } = await gw.pool.query<{ complete: boolean }>(
      'SELECT complete_at IS NOT NULL AS complete FROM cases WHERE case_id = $1',
      [caseId],
    );
    expect(rows[0]?.complete).toBe(true);
  });

  it('the department asks for a supplement; the window sees 需补正 with the list and sends the material', async () => {
    await decide(caseId, 'review');
    await decide(caseId, 'request-supplement', { missing: ['APPLY-FORM'] });
    await app.services.sync.syncNow();
    const d = await detail(caseId);
    expect(d.deptStatus).toBe('supplement-requested');
    expect(d.deptDetails?.missing?.[0]).toContain('申领登记表');

    const { supplementId } = await callOk(app, CLERK, 'supplements:start', { caseId });
    expect(
      await app.call(
        CLERK,
        'supplements:attach',
        { supplementId, materialCode: 'APPLY-FORM', fileName: 'form.png', dataBase64: PNG_BYTES.toString('base64') },
        0,
      ),
    ).toMatchObject({ ok: true });
    expect(
      await app.call(
        CLERK,
        'supplements:submit',
        {
          supplementId,
          materials: [{ code: 'APPLY-FORM', name: '《社会保障卡申领登记表》', handling: 'electronic', pages: 1 }],
          note: '补交登记表',
        },
        0,
      ),
    ).toMatchObject({ ok: true });
    // 提交补正 once per request: a second supplement for the same request is refused before it is sent.
    expect(await app.call(CLERK, 'supplements:start', { caseId }, 0)).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'supplement-sent' } },
    });
    await app.services.sync.syncNow();
    await app.services.sync.syncNow();
    expect(await detail(caseId)).toMatchObject({ syncState: 'delivered', deptStatus: 'supplement-received' });
  });

  it('the department approves and mails the result; the window shows 已办结 and the waybill number', async () => {
    await decide(caseId, 'approve');
    await decide(caseId, 'mail', { waybillNo: 'EA000000005CN' });
    const changed: string[] = [];
    const stop = app.services.events.subscribe((e) => {
      if (e.name === 'cases:changed') changed.push(...(e.payload as { caseIds: string[] }).caseIds);
    });
    await app.services.sync.syncNow();
    stop();
    expect(changed).toEqual([caseId]); // the department's statuses arrived by the feed: one notice for the case
    const d = await detail(caseId);
    expect(d).toMatchObject({ deptStatus: 'result-mailed', deptDetails: { waybillNo: 'EA000000005CN' } });
    const { rows } = await gw.pool.query<{ status: string }>('SELECT status FROM cases WHERE case_id = $1', [caseId]);
    expect(rows[0]?.status).toBe('result-mailed');
  });

  it('a file over 1 MiB goes up in resumable chunks and is verified', async () => {
    const big = Buffer.concat([PNG_BYTES.subarray(0, 8), Buffer.alloc(2_600_000, 7)]);
    const decision = await acceptReadyCase(app, CLERK, big);
    await app.services.sync.syncNow();
    expect(await detail(decision.caseId)).toMatchObject({ syncState: 'delivered' });
    const { rows } = await gw.pool.query<{ size: string; verified: boolean }>(
      'SELECT size, verified_at IS NOT NULL AS verified FROM attachment_slots WHERE case_id = $1',
      [decision.caseId],
    );
    expect(rows.map((r) => ({ size: Number(r.size), verified: r.verified }))).toEqual([
      { size: big.length, verified: true },
    ]);
  });

  it('a case the gateway refuses goes to 需要处理 and does not block the others', async () => {
    const bad = await acceptReadyCase(app, CLERK);
    const good = await acceptReadyCase(app, CLERK);
    // Simulate a corrupted local row: the manifest no longer validates at the gateway.
    app.services.db.prepare("UPDATE cases SET department_id = '' WHERE case_id = ?").run(bad.caseId);
    await app.services.sync.syncNow();
    // The reason is the refusal itself, not the file upload that had nowhere to go after it.
    expect(await detail(bad.caseId)).toMatchObject({
      syncState: 'needs-attention',
      attentionReason: 'invalid-manifest',
    });
    expect(outbox(bad.caseId)).toEqual([
      { kind: 'case', state: 'failed', last_error: 'invalid-manifest' },
      { kind: 'attachment', state: 'failed', last_error: 'invalid-manifest' },
    ]);
    expect(await detail(good.caseId)).toMatchObject({ syncState: 'delivered' });
    // 办件查询 → 同步状态 需要处理 lists it (of any day); 已送达 lists the good one.
    const list = async (syncState: CommandInput<'cases:list'>['syncState']) =>
      (await callOk(app, CLERK, 'cases:list', { syncState })).rows.map((c) => c.caseId);
    expect(await list('needs-attention')).toContain(bad.caseId);
    expect(await list('needs-attention')).not.toContain(good.caseId);
    expect(await list('delivered')).toContain(good.caseId);
    expect(await list('local')).toEqual([]);
    expect(await list('undelivered')).toEqual([]);
  });

  it('a supplement for a case the gateway lost (restored from an older backup) sends the case again first; the supplement then needs attention with its reason', async () => {
    const { caseId: lost } = await acceptReadyCase(app, CLERK);
    await app.services.sync.syncNow();
    await decide(lost, 'review');
    await decide(lost, 'request-supplement', { missing: ['APPLY-FORM'] });
    await app.services.sync.syncNow();
    expect(await detail(lost)).toMatchObject({ deptStatus: 'supplement-requested' });
    const firstNo = (await detail(lost)).departmentNo;
    await forgetAtGateway(gw.pool, lost);

    const { supplementId } = await callOk(app, CLERK, 'supplements:start', { caseId: lost });
    await app.call(
      CLERK,
      'supplements:attach',
      { supplementId, materialCode: 'APPLY-FORM', fileName: 'form.png', dataBase64: PNG_BYTES.toString('base64') },
      0,
    );
    await app.call(
      CLERK,
      'supplements:submit',
      {
        supplementId,
        materials: [{ code: 'APPLY-FORM', name: '《社会保障卡申领登记表》', handling: 'electronic', pages: 1 }],
        note: '补交登记表',
      },
      0,
    );
    await app.services.sync.syncNow();
    // The 404 put the case push back in line; it went again in the same round, with its file.
    const { rows } = await gw.pool.query<{ department_no: string; complete: boolean }>(
      'SELECT department_no, complete_at IS NOT NULL AS complete FROM cases WHERE case_id = $1',
      [lost],
    );
    expect(rows).toEqual([{ department_no: expect.not.stringMatching(firstNo ?? '') as unknown, complete: true }]);
    app.clock.advanceMinutes(1); // the supplement's retry falls due
    await app.services.sync.syncNow();
    // The restored gateway's case is not waiting for a supplement: a person must sort it out.
    expect(await detail(lost)).toMatchObject({
      syncState: 'needs-attention',
      attentionReason: 'supplement-not-requested',
      departmentNo: rows[0]?.department_no,
    });
    // The department's statuses are those of the case's new life at the gateway (已送达), not the lost 需补正.
    expect((await detail(lost)).deptStatus).toBe('received');
    expect(outbox(lost).map((o) => `${o.kind}:${o.state}`)).toEqual([
      'case:done',
      'attachment:done',
      'supplement:failed',
      'attachment:failed',
    ]);
  });
});
