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
import { createHash } from 'node:crypto';
import { RetentionRepo } from '../../src-main/backup/retention-repo';
import { PNG_BYTES } from '../../src-main/cases/testing/intake-fixtures';
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

describe('ticket files both ways', () => {
  const PDF = Buffer.from('%PDF-1.4\n% 申请人补充说明\n%%EOF\n');
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const b64 = (b: Buffer) => b.toString('base64');
  const slots = async (caseId: string) =>
    (
      await gw.pool.query<{ ticket: boolean; verified: boolean; sha256: string; side: string | null }>(
        `SELECT ticket_id IS NOT NULL AS ticket, verified_at IS NOT NULL AS verified, sha256, side
         FROM attachment_slots WHERE case_id = $1 ORDER BY ticket_id NULLS FIRST, sha256`,
        [caseId],
      )
    ).rows;

  it('clerk files reach the gateway outside the case, the reviewer files reach the window, retention clears them', async () => {
    const { caseId } = await acceptReadyCase(app, CLERK);
    await app.services.sync.syncNow();
    const complete = (await gw.pool.query('SELECT complete_at FROM cases WHERE case_id = $1', [caseId])).rows[0];
    const caseSlots = await slots(caseId);

    // Judged by content: a text file named .jpg is refused and nothing is written.
    const outboxBefore = app.services.db.prepare('SELECT count(*) AS n FROM outbox').get();
    const refused = await callErr(app, CLERK, 'tickets:open', {
      caseId,
      category: 'material-question',
      body: '附申请人说明',
      files: [{ fileName: '说明.jpg', dataBase64: b64(Buffer.from('just text, not a picture')) }],
    });
    expect([refused.code, refused.details?.fields]).toEqual([
      'invalid-input',
      [{ path: 'files.0', code: 'file-type' }],
    ]);
    expect(app.services.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual(outboxBefore);

    const opened = await callOk(app, CLERK, 'tickets:open', {
      caseId,
      category: 'material-question',
      body: '附申请人说明和照片',
      files: [
        { fileName: '说明.pdf', dataBase64: b64(PDF) },
        { fileName: '照片.png', dataBase64: b64(PNG_BYTES) },
      ],
    });
    expect(opened.files.map((f) => [f.fileName, f.mediaType, f.side, f.synced])).toEqual([
      ['说明.pdf', 'application/pdf', 'window', false],
      ['照片.png', 'image/png', 'window', false],
    ]);
    // One of the two is altered at the window after it was declared: the gateway refuses its bytes.
    const altered = opened.files[1]!.attachmentId;
    app.services.db
      .prepare('UPDATE case_ticket_files SET bytes = ? WHERE attachment_id = ?')
      .run(Buffer.concat([PNG_BYTES, Buffer.from([0])]), altered);
    await app.services.sync.syncNow();
    const after = await slots(caseId);
    expect(after.slice(0, caseSlots.length)).toEqual(caseSlots);
    expect(after.slice(caseSlots.length).map((s) => [s.ticket, s.side, s.verified, s.sha256])).toEqual(
      [
        [true, 'window', true, sha(PDF)],
        [true, 'window', false, sha(PNG_BYTES)],
      ].sort((a, b) => String(a[3]).localeCompare(String(b[3]))),
    );
    const failed = app.services.db
      .prepare("SELECT state, last_error FROM outbox WHERE kind = 'ticket-file' AND ref = ?")
      .get(altered);
    expect(failed).toEqual({ state: 'failed', last_error: 'hash-mismatch' });
    expect((await gw.pool.query('SELECT complete_at FROM cases WHERE case_id = $1', [caseId])).rows[0]).toEqual(
      complete,
    );
    const mine = (await callOk(app, CLERK, 'tickets:case', { caseId }))[0]!;
    expect(mine.files.map((f) => f.synced)).toEqual([true, false]);

    // The reviewer sees and downloads the clerk's file, and attaches one of their own.
    const { rows } = await gw.pool.query<{ department_id: string }>(
      'SELECT department_id FROM cases WHERE case_id = $1',
      [caseId],
    );
    await addReviewer(gw.pool, 'reviewer-f', 'correct horse 7', rows[0]!.department_id);
    const reviewer = new Browser(gw.url);
    await reviewer.login('reviewer-f', 'correct horse 7');
    const page = await reviewer.go('GET', `/dept/cases/${caseId}`);
    const pdfId = opened.files[0]!.attachmentId;
    expect(page.html).toContain(`/dept/cases/${caseId}/attachments/${pdfId}`);
    expect((await reviewer.go('GET', `/dept/cases/${caseId}/attachments/${pdfId}`)).html).toContain('申请人补充说明');
    const upload = await fetch(`${gw.url}/dept/tickets/${opened.ticketId}/attachments`, {
      method: 'POST',
      headers: {
        cookie: reviewer.cookieHeader(),
        'content-type': 'application/octet-stream',
        'x-csrf-token': reviewer.csrf(page.html),
        'x-file-name': encodeURIComponent('样表.pdf'),
      },
      body: PDF,
    });
    expect(upload.status).toBe(200);

    await app.services.sync.syncNow();
    const withDept = (await callOk(app, CLERK, 'tickets:case', { caseId }))[0]!;
    const dept = withDept.files.find((f) => f.side === 'department')!;
    expect(dept).toMatchObject({ fileName: '样表.pdf', mediaType: 'application/pdf', synced: true, purged: false });
    const fetched = await callOk(app, CLERK, 'tickets:file', { attachmentId: dept.attachmentId });
    expect([fetched.fileName, fetched.sha256, Buffer.from(fetched.dataBase64, 'base64').equals(PDF)]).toEqual([
      '样表.pdf',
      sha(PDF),
      true,
    ]);
    // Kept: opened again without the gateway.
    const device = app.services.sync.repo.device()!;
    app.services.sync.repo.saveDevice({ ...device, gatewayUrl: 'http://127.0.0.1:9' });
    expect((await callOk(app, CLERK, 'tickets:file', { attachmentId: dept.attachmentId })).sha256).toBe(sha(PDF));
    app.services.sync.repo.saveDevice({ ...device });
    // A helper does not see the case's files.
    expect((await callErr(app, HELPER, 'tickets:file', { attachmentId: dept.attachmentId })).code).toBe('not-found');

    // Retention clears the files' bytes and names with the ticket text.
    new RetentionRepo(app.services.db).purgeTickets(caseId);
    const left = app.services.db
      .prepare(
        'SELECT count(*) AS n FROM case_ticket_files f JOIN case_tickets t USING (ticket_id) WHERE t.case_id = ? AND (f.bytes IS NOT NULL OR f.purged_at IS NULL)',
      )
      .get(caseId);
    expect(left).toEqual({ n: 0 });
    expect((await callErr(app, CLERK, 'tickets:file', { attachmentId: dept.attachmentId })).code).toBe('not-found');
  });
});
