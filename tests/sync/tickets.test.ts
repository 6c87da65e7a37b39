// 问题处理 across the real parts: a window app on a real SQLite file and the gateway on a real PostgreSQL. The
// reviewer opens a ticket on the department page; the window, offline for a while, answers it and opens one of
// its own; after reconnecting both reach the gateway once and the gateway's state (deadlines) comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { addReviewer } from '../../gateway/src/department/repo';
import { Browser } from '../../gateway/src/testing/browser';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { callErr, callOk } from '../../src-main/testing/call';
import { createUser, initialised, testApp, type TestApp } from '../../src-main/testing/test-app';
import { acceptReadyCase } from './window';

let gw: TestGateway;
let app: TestApp;
let admin: string;
const CLERK = 'clerk';
const HELPER = 'helper';

beforeAll(async () => {
  gw = await startTestGateway({ tickets: { watchEveryMs: 0 } });
  app = await testApp();
  admin = await initialised(app);
  await createUser(app, admin, 'clerk1', 'clerk');
  await createUser(app, admin, 'helper1', 'helper');
  await app.call(CLERK, 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
  await app.call(HELPER, 'auth:login', { username: 'helper1', password: 'Passw0rd!' }, 0);
  const { code } = await issueEnrolmentCode(gw.pool, '50010112', '500101', 1);
  expect(await app.call(admin, 'sync:configure', { gatewayUrl: gw.url, code }, 0)).toMatchObject({ ok: true });
  await app.services.sync.syncNow();
}, 120_000);

afterAll(async () => {
  await app?.services.sync.engine.stop();
  await app?.services.printing.close();
  app?.dispose();
  await gw?.close();
});

const gatewayTickets = async (caseId: string) =>
  (
    await gw.pool.query<{ opened_by_side: string; status: string; messages: number; due_at: Date }>(
      `SELECT opened_by_side, status, due_at, (SELECT count(*)::int FROM case_ticket_messages m WHERE m.ticket_id = t.ticket_id) AS messages
       FROM case_tickets t WHERE case_id = $1 ORDER BY opened_at`,
      [caseId],
    )
  ).rows;

describe('tickets between the window and the department', () => {
  it('a department ticket answered while offline reaches the gateway once after reconnecting', async () => {
    const { caseId } = await acceptReadyCase(app, CLERK);
    await app.services.sync.syncNow();
    const { rows } = await gw.pool.query<{ department_id: string }>(
      'SELECT department_id FROM cases WHERE case_id = $1',
      [caseId],
    );
    await addReviewer(gw.pool, 'reviewer-t', 'correct horse 7', rows[0]!.department_id);
    const reviewer = new Browser(gw.url);
    await reviewer.login('reviewer-t', 'correct horse 7');
    const page = await reviewer.go('GET', `/dept/cases/${caseId}`);
    expect(page.status).toBe(200);
    const opened = await reviewer.go('POST', `/dept/cases/${caseId}/tickets`, {
      _csrf: reviewer.csrf(page.html),
      category: 'originals-missing',
      body: '纸质原件未收到，请提供 EMS 运单号。',
    });
    expect(opened.status).toBe(303);

    await app.services.sync.syncNow();
    const inbox = await callOk(app, CLERK, 'tickets:inbox', {});
    expect(inbox).toMatchObject({ newCount: 1, overdueCount: 0 });
    const ticket = inbox.tickets[0]!;
    expect(ticket).toMatchObject({ caseId, category: 'originals-missing', openedBySide: 'department', status: 'open' });
    expect(ticket.dueAt).not.toBeNull();
    // A helper sees only the cases they filed: this one is answered like one that does not exist.
    expect((await callErr(app, HELPER, 'tickets:answer', { ticketId: ticket.ticketId, body: '好的' })).code).toBe(
      'not-found',
    );
    expect((await callOk(app, HELPER, 'tickets:inbox', {})).tickets).toEqual([]);
    // Bad input: refused, nothing written.
    const outboxBefore = app.services.db.prepare('SELECT count(*) AS n FROM outbox').get();
    expect((await callErr(app, CLERK, 'tickets:answer', { ticketId: ticket.ticketId, body: '   ' })).code).toBe(
      'invalid-input',
    );
    expect((await callErr(app, CLERK, 'tickets:open', { caseId, category: 'gossip' as never, body: 'x' })).code).toBe(
      'invalid-input',
    );
    expect(app.services.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual(outboxBefore);

    // Offline: the answer and a new window ticket wait in the outbox.
    const device = app.services.sync.repo.device()!;
    app.services.sync.repo.saveDevice({ ...device, gatewayUrl: 'http://127.0.0.1:9' });
    const answered = await callOk(app, CLERK, 'tickets:answer', {
      ticketId: ticket.ticketId,
      body: '原件已于昨日寄出，EMS 运单号 1234567890123。',
    });
    expect(answered).toMatchObject({ status: 'answered', messages: [{ side: 'window', synced: false }] });
    const own = await callOk(app, CLERK, 'tickets:open', {
      caseId,
      category: 'material-question',
      body: '请确认照片是否合格',
    });
    expect(own).toMatchObject({ synced: false, dueAt: null });
    await app.services.sync.syncNow();
    expect(app.services.sync.statusView().state).toBe('offline');
    expect((await gatewayTickets(caseId)).map((t) => [t.status, t.messages])).toEqual([['open', 0]]);

    // Back online: both arrive once; the gateway's deadline for the window's ticket comes back.
    app.services.sync.repo.saveDevice({ ...device });
    await app.services.sync.syncNow();
    await app.services.sync.syncNow();
    expect((await gatewayTickets(caseId)).map((t) => [t.opened_by_side, t.status, t.messages])).toEqual([
      ['department', 'answered', 1],
      ['window', 'open', 0],
    ]);
    // (the test app's clock is not the gateway's: order by side, not by time)
    const after = (await callOk(app, CLERK, 'tickets:case', { caseId })).sort((a, b) =>
      a.openedBySide.localeCompare(b.openedBySide),
    );
    expect(after.map((t) => [t.openedBySide, t.status, t.synced])).toEqual([
      ['department', 'answered', true],
      ['window', 'open', true],
    ]);
    expect(after[1]!.dueAt).toBe((await gatewayTickets(caseId))[1]!.due_at.toISOString());
    expect(after[0]!.messages[0]).toMatchObject({ side: 'window', synced: true });
    const caseAfter = await reviewer.go('GET', `/dept/cases/${caseId}`);
    expect(caseAfter.html).toContain('EMS 运单号 1234567890123');
    expect(caseAfter.html).toContain('请确认照片是否合格');
  });

  it('the window closes its own ticket with a reason; the close reaches the gateway, which stops escalating it', async () => {
    const { caseId } = await acceptReadyCase(app, CLERK);
    await app.services.sync.syncNow();
    const own = await callOk(app, CLERK, 'tickets:open', { caseId, category: 'other', body: '请确认收件' });
    await app.services.sync.syncNow();
    // The department's tickets are not the window's to close; bad input changes nothing.
    const deptTicket = app.services.db
      .prepare("SELECT ticket_id FROM case_tickets WHERE opened_by_side = 'department' LIMIT 1")
      .get() as { ticket_id: string };
    expect((await callErr(app, CLERK, 'tickets:close', { ticketId: deptTicket.ticket_id, reason: '无需' })).code).toBe(
      'forbidden',
    );
    expect((await callErr(app, CLERK, 'tickets:close', { ticketId: own.ticketId, reason: ' ' })).code).toBe(
      'invalid-input',
    );
    const closed = await callOk(app, CLERK, 'tickets:close', {
      ticketId: own.ticketId,
      reason: '部门已电话确认收件。',
    });
    expect(closed).toMatchObject({ status: 'closed', messages: [{ closes: true, synced: false }] });
    expect((await callErr(app, CLERK, 'tickets:answer', { ticketId: own.ticketId, body: '补充' })).code).toBe(
      'conflict',
    );
    expect(app.services.audit.list({ action: 'ticket.close', limit: 5 })).toHaveLength(1);
    await app.services.sync.syncNow();
    const { rows } = await gw.pool.query<{ status: string; closed: boolean; closes: boolean[] }>(
      `SELECT status, closed_at IS NOT NULL AS closed,
              (SELECT array_agg(closes) FROM case_ticket_messages m WHERE m.ticket_id = t.ticket_id) AS closes
       FROM case_tickets t WHERE ticket_id = $1`,
      [own.ticketId],
    );
    expect(rows).toEqual([{ status: 'closed', closed: true, closes: [true] }]);
    await gw.pool.query(`UPDATE case_tickets SET due_at = now() - interval '7 days' WHERE ticket_id = $1`, [
      own.ticketId,
    ]);
    const { escalateOverdue } = await import('../../gateway/src/tickets/watch');
    await escalateOverdue(gw.pool, new Date());
    await app.services.sync.syncNow();
    const [after] = (await callOk(app, CLERK, 'tickets:case', { caseId })).filter((t) => t.ticketId === own.ticketId);
    expect(after).toMatchObject({ status: 'closed', escalatedAt: null, messages: [{ closes: true, synced: true }] });
  });
});
