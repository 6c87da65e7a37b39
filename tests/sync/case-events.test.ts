// The window's own steps of a case reach the gateway's 全程记录 (decision 0205): after the case is delivered the
// sync round sends its audit rows of the listed actions (人证核验, 受理 …) with the clerk's name and no personal
// data; a step done later goes in a later round, once; the department's case page shows them beside its own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { addReviewer } from '../../gateway/src/department/repo';
import { Browser } from '../../gateway/src/testing/browser';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { callOk } from '../../src-main/testing/call';
import { createUser, initialised, testApp, type TestApp } from '../../src-main/testing/test-app';
import { acceptReadyCase } from './window';

let gw: TestGateway;
let app: TestApp;
const CLERK = 'clerk';

beforeAll(async () => {
  gw = await startTestGateway({ tickets: { watchEveryMs: 0 } });
  app = await testApp();
  const admin = await initialised(app);
  await createUser(app, admin, 'clerk1', 'clerk');
  await app.call(CLERK, 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
  const { code } = await issueEnrolmentCode(gw.pool, '50010112', '500101', 1);
  expect(await app.call(admin, 'sync:configure', { gatewayUrl: gw.url, code }, 0)).toMatchObject({ ok: true });
}, 120_000);

afterAll(async () => {
  await app?.services.sync.engine.stop();
  await app?.services.printing.close();
  app?.dispose();
  await gw?.close();
});

const stored = async (caseId: string) =>
  (
    await gw.pool.query<{ action: string; actor: string; details: Record<string, unknown> }>(
      'SELECT action, actor, details FROM window_case_events WHERE case_id = $1 ORDER BY seq',
      [caseId],
    )
  ).rows;

describe('window case events in the gateway trail', () => {
  it('sends the clerk’s steps after the case, later steps once, and shows them on the department page', async () => {
    const { caseId } = await acceptReadyCase(app, CLERK);
    // Offline: nothing goes, the marks stay.
    const device = app.services.sync.repo.device()!;
    app.services.sync.repo.saveDevice({ ...device, gatewayUrl: 'http://127.0.0.1:9' });
    await app.services.sync.syncNow();
    app.services.sync.repo.saveDevice(device);
    await app.services.sync.syncNow(); // the case goes first; its events are sent in the round after delivery
    await app.services.sync.syncNow();
    const first = await stored(caseId);
    expect(first.map((e) => [e.action, e.actor])).toEqual([
      ['identity.verify', 'clerk1'],
      ['case.accept', 'clerk1'],
    ]);
    // No personal data: the window's masked ID number and the like stay at the window.
    expect(JSON.stringify(first)).not.toMatch(/idNumber|applicantId|0307|\*\*/);
    expect(first[0]?.details).toMatchObject({ role: 'applicant', result: 'pass' });

    await callOk(app, CLERK, 'tickets:open', { caseId, category: 'other', body: '申请人询问办理进度。' });
    await app.services.sync.syncNow();
    await app.services.sync.syncNow();
    await app.services.sync.syncNow();
    expect((await stored(caseId)).map((e) => e.action)).toEqual(['identity.verify', 'case.accept', 'ticket.open']);
    const marks = app.services.db
      .prepare('SELECT last_seq = pushed_seq AS done FROM case_event_push WHERE case_id = ?')
      .get(caseId);
    expect(marks).toEqual({ done: 1 });

    const { rows } = await gw.pool.query<{ department_id: string }>(
      'SELECT department_id FROM cases WHERE case_id = $1',
      [caseId],
    );
    await addReviewer(gw.pool, 'reviewer-e', 'correct horse 8', rows[0]!.department_id);
    const reviewer = new Browser(gw.url);
    await reviewer.login('reviewer-e', 'correct horse 8');
    const page = (await reviewer.go('GET', `/dept/cases/${caseId}`)).html;
    expect(page).toContain('窗口 50010112 · clerk1');
    expect(page).toContain('窗口受理（形式审查通过）');
    expect(page).toContain('窗口提出问题单');
  });
});
