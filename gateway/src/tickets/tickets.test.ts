// 问题处理 on the real PostgreSQL: window PUTs idempotent like records, the department's pages, deadlines in
// working days over the 国庆 holidays, escalation once, the originals' watch, and refusals that change nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusFeed } from '@tongban/protocol/sync/status';
import type { TicketManifest, TicketMessageManifest, TicketState } from '@tongban/protocol/sync/tickets';
import { auditRows } from '../audit';
import { addReviewer } from '../department/repo';
import { addSupervisor } from '../supervision/accounts';
import { Browser } from '../testing/browser';
import type { DeviceClient } from '../testing/device-client';
import { testManifest } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { ticketClock } from './clock';
import { runTicketWatch } from './watch';

const SC = '510000';
let now = new Date('2026-09-30T02:00:00Z'); // Wednesday 10:00 in China, the eve of 国庆
const clock = ticketClock(undefined, () => now);
let t: TestGateway;
let device: DeviceClient;
let other: DeviceClient;
let reviewer: Browser;
let cursor: string | null = null;

beforeAll(async () => {
  t = await startTestGateway({ tickets: { now: () => now, watchEveryMs: 0 } });
  device = await t.device(SC);
  other = await t.device('500101');
  await addReviewer(t.pool, 'psb-t', 'correct horse 9', 'SC-CD-PSB');
  reviewer = new Browser(t.url);
  expect((await reviewer.login('psb-t', 'correct horse 9')).status).toBe(303);
});
afterAll(async () => t?.close());

async function newCase(originals = false): Promise<string> {
  const m = testManifest(SC, [], {
    ...(originals
      ? {
          materials: [{ code: 'HK', name: '户口簿', handling: 'kept-to-mail', pages: 2, required: true }],
        }
      : {}),
  });
  expect((await device.putCase(m)).status).toBe(201);
  return m.caseId;
}

/** Every ticket state the feed sends from the last cursor on. */
async function feedTickets(by: DeviceClient = device): Promise<TicketState[]> {
  const out: TicketState[] = [];
  for (;;) {
    const res = await by.feed(cursor, 50);
    expect(res.status).toBe(200);
    const page = res.json as StatusFeed;
    out.push(...(page.tickets ?? []));
    cursor = page.nextCursor;
    if (!page.hasMore) return out;
  }
}

const ticketOf = (caseId: string): TicketManifest => ({
  ticketId: randomUUID(),
  caseId,
  category: 'material-question',
  body: '户口簿复印件第 2 页不清晰，是否需要重新提交？',
  byName: '王窗口',
  openedAt: now.toISOString(),
});
const putTicket = (m: TicketManifest, by = device) =>
  by.request('PUT', `/v1/cases/${m.caseId}/tickets/${m.ticketId}`, { body: m, idempotencyKey: m.ticketId });
const putMessage = (m: TicketMessageManifest, by = device) =>
  by.request('PUT', `/v1/cases/${m.caseId}/tickets/${m.ticketId}/messages/${m.messageId}`, {
    body: m,
    idempotencyKey: m.messageId,
  });
const snapshot = async (caseId: string) =>
  (
    await t.pool.query(
      `SELECT t.*, (SELECT count(*) FROM case_ticket_messages m WHERE m.ticket_id = t.ticket_id) AS messages
       FROM case_tickets t WHERE case_id = $1 ORDER BY ticket_id`,
      [caseId],
    )
  ).rows;

describe('window tickets', () => {
  it('stores a window ticket once with its working-day deadline; refusals change nothing', async () => {
    const caseId = await newCase();
    const m = ticketOf(caseId);
    const first = await putTicket(m);
    expect(first.status).toBe(201);
    expect((await putTicket(m)).status).toBe(200);
    const before = await snapshot(caseId);
    const other422 = await putTicket({ ...m, body: '另一个问题' });
    expect([other422.status, other422.body]).toMatchObject([422, { error: { code: 'manifest-mismatch' } }]);
    const empty = await putTicket({ ...ticketOf(caseId), body: '' });
    expect([empty.status, empty.body]).toMatchObject([400, { error: { code: 'invalid-manifest' } }]);
    const badCategory = await putTicket({ ...ticketOf(caseId), category: 'gossip' as TicketManifest['category'] });
    expect(badCategory.status).toBe(400);
    const foreign = await putTicket(ticketOf(caseId), other);
    expect([foreign.status, foreign.body]).toMatchObject([403, { error: { code: 'district-forbidden' } }]);
    const early = await putMessage({
      messageId: randomUUID(),
      ticketId: randomUUID(),
      caseId,
      body: '补充',
      byName: '王窗口',
      at: now.toISOString(),
    });
    expect([early.status, early.body]).toMatchObject([409, { error: { code: 'out-of-order' } }]);
    expect(await snapshot(caseId)).toEqual(before);

    const [state] = (await feedTickets()).filter((x) => x.ticketId === m.ticketId);
    // 3 working days from Wed 30 Sep 2026: 1–7 Oct are 国庆 holidays; Thu 8, Fri 9 and Sat 10 (调休上班) count.
    expect(state).toMatchObject({ status: 'open', openedBySide: 'window', dueAt: '2026-10-10T16:00:00.000Z' });
  });
});

describe('department tickets and escalation', () => {
  it('the reviewer opens a ticket, the window answers it, the feed carries both; an unanswered one escalates once', async () => {
    const caseId = await newCase();
    const page = await reviewer.go('GET', `/dept/cases/${caseId}`);
    expect(page.html).toContain('问题处理');
    const csrf = reviewer.csrf(page.html);
    const refused = await reviewer.go('POST', `/dept/cases/${caseId}/tickets`, {
      _csrf: csrf,
      category: 'other',
      body: ' ',
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('请填写问题说明');
    expect(await t.count(`case_tickets WHERE case_id = '${caseId}'`)).toBe(0);
    for (const body of ['请核实申请人联系电话', '请补充说明迁入地址']) {
      const opened = await reviewer.go('POST', `/dept/cases/${caseId}/tickets`, {
        _csrf: csrf,
        category: 'applicant-request',
        body,
      });
      expect(opened.status).toBe(303);
    }
    const tickets = (await feedTickets()).filter((x) => x.caseId === caseId);
    expect(tickets.map((x) => [x.openedBySide, x.status, x.openedBy])).toEqual([
      ['department', 'open', 'psb-t'],
      ['department', 'open', 'psb-t'],
    ]);
    const [answered, ignored] = tickets as [TicketState, TicketState];
    const reply: TicketMessageManifest = {
      messageId: randomUUID(),
      ticketId: answered.ticketId,
      caseId,
      body: '已电话核实，号码无误。',
      byName: '王窗口',
      at: now.toISOString(),
    };
    expect((await putMessage(reply)).status).toBe(201);
    expect((await putMessage(reply)).status).toBe(200);
    const after = (await feedTickets()).find((x) => x.ticketId === answered.ticketId);
    expect(after).toMatchObject({ status: 'answered', messages: [{ side: 'window', body: '已电话核实，号码无误。' }] });
    expect(after?.version).toBeGreaterThan(answered.version);
    const list = await reviewer.go('GET', '/dept/tickets');
    expect(list.html).toContain('请补充说明迁入地址');

    // applicant-request: 5 working days → due end of Wed 14 Oct. The day before: due soon, not escalated.
    now = new Date('2026-10-13T02:00:00Z');
    expect((await reviewer.go('GET', '/dept/cases')).html).toContain('2 个工作日内到期');
    await runTicketWatch(t.pool, clock); // (the first test's window ticket, due 10 Oct, escalates here)
    const notYet = await t.pool.query('SELECT 1 FROM case_tickets WHERE case_id = $1 AND escalated_at IS NOT NULL', [
      caseId,
    ]);
    expect(notYet.rowCount).toBe(0);
    now = new Date('2026-10-14T16:00:01Z');
    const escalated = await runTicketWatch(t.pool, clock);
    expect(escalated.escalated).toBeGreaterThanOrEqual(1);
    expect((await runTicketWatch(t.pool, clock)).escalated).toBe(0);
    const states = (await feedTickets()).filter((x) => x.caseId === caseId);
    expect(states.find((x) => x.ticketId === ignored.ticketId)?.escalatedAt).toBe('2026-10-14T16:00:01.000Z');
    expect(states.find((x) => x.ticketId === answered.ticketId)).toBeUndefined(); // answered: not escalated
    expect((await auditRows(t.pool, 'ticket.escalated')).map((r) => r.details.ticketId)).toContain(ignored.ticketId);
    expect((await reviewer.go('GET', `/dept/cases/${caseId}`)).html).toContain('已超期，已报督办');
  });
});

describe("the originals' parcel", () => {
  it('opens one 原件未到 ticket after N working days unless confirmed; confirming closes it', async () => {
    now = new Date('2026-11-02T02:00:00Z'); // Monday
    const late = await newCase(true);
    const confirmed = await newCase(true);
    // The gateway stamps receipt with its own clock; this test's clock is earlier than the machine's.
    await t.pool.query('UPDATE cases SET received_at = $1 WHERE case_id = ANY($2::uuid[])', [now, [late, confirmed]]);
    const page = await reviewer.go('GET', `/dept/cases/${confirmed}`);
    expect(page.html).toContain('确认收到原件');
    const csrf = reviewer.csrf(page.html);
    const bad = await reviewer.go('POST', `/dept/cases/${confirmed}/originals`, { _csrf: csrf, condition: 'lost' });
    expect([bad.status, bad.html.includes('请选择原件收到时的状态')]).toEqual([400, true]);
    expect(await t.count(`case_originals WHERE case_id = '${confirmed}'`)).toBe(0);
    const ok = await reviewer.go('POST', `/dept/cases/${confirmed}/originals`, { _csrf: csrf, condition: 'intact' });
    expect(ok.status).toBe(303);
    expect(
      (await reviewer.go('POST', `/dept/cases/${confirmed}/originals`, { _csrf: csrf, condition: 'intact' })).status,
    ).toBe(409);

    now = new Date('2026-11-09T15:00:00Z'); // Mon 9 Nov 23:00: the 5th working day (3–6, 9 Nov) has not ended
    expect((await runTicketWatch(t.pool, clock)).originals).toBe(0);
    now = new Date('2026-11-09T16:00:01Z');
    expect((await runTicketWatch(t.pool, clock)).originals).toBe(1);
    expect((await runTicketWatch(t.pool, clock)).originals).toBe(0);
    const [auto] = (await feedTickets()).filter((x) => x.caseId === late);
    expect(auto).toMatchObject({ category: 'originals-missing', openedBy: 'system', status: 'open' });
    expect(await t.count(`case_tickets WHERE case_id = '${confirmed}'`)).toBe(0);

    const latePage = await reviewer.go('GET', `/dept/cases/${late}`);
    expect(latePage.html).toContain('系统自动');
    await reviewer.go('POST', `/dept/cases/${late}/originals`, { _csrf: csrf, condition: 'intact' });
    const [closed] = (await feedTickets()).filter((x) => x.caseId === late);
    expect(closed).toMatchObject({ ticketId: auto?.ticketId, status: 'closed' });
    expect((await auditRows(t.pool, 'originals.confirmed')).length).toBe(2);
  });
});

describe('closing a ticket', () => {
  it('the opener (or a supervisor in scope) closes it with a reason; a closed ticket takes nothing more and never escalates', async () => {
    now = new Date('2026-11-16T02:00:00Z');
    const caseId = await newCase();
    // The window closes its own ticket through the signed sync (a message marked `closes`, the reason its body).
    const mine = ticketOf(caseId);
    expect((await putTicket(mine)).status).toBe(201);
    const close: TicketMessageManifest = {
      messageId: randomUUID(),
      ticketId: mine.ticketId,
      caseId,
      body: '申请人已自行补交，问题已解决。',
      byName: '王窗口',
      at: now.toISOString(),
      closes: true,
    };
    expect((await putMessage(close)).status).toBe(201);
    expect((await putMessage(close)).status).toBe(200);
    const more = await putMessage({ ...close, messageId: randomUUID(), closes: undefined, body: '再补充' });
    expect([more.status, more.body]).toMatchObject([422, { error: { code: 'record-conflict' } }]);
    // The department's ticket is not the window's to close.
    const page = await reviewer.go('GET', `/dept/cases/${caseId}`);
    const csrf = reviewer.csrf(page.html);
    await reviewer.go('POST', `/dept/cases/${caseId}/tickets`, { _csrf: csrf, category: 'other', body: '请核实地址' });
    await reviewer.go('POST', `/dept/cases/${caseId}/tickets`, { _csrf: csrf, category: 'system', body: '附件打不开' });
    const states = (await feedTickets()).filter((x) => x.caseId === caseId);
    expect(states.find((x) => x.ticketId === mine.ticketId)).toMatchObject({
      status: 'closed',
      closedAt: now.toISOString(),
      messages: [{ side: 'window', author: '王窗口', body: '申请人已自行补交，问题已解决。', closes: true }],
    });
    const [deptTicket, supTicket] = states.filter((x) => x.openedBySide === 'department') as [TicketState, TicketState];
    const before = await snapshot(caseId);
    const notMine = await putMessage({ ...close, messageId: randomUUID(), ticketId: deptTicket.ticketId });
    expect([notMine.status, notMine.body]).toMatchObject([422, { error: { code: 'record-conflict' } }]);
    expect(await snapshot(caseId)).toEqual(before);

    // The reviewer closes the department's ticket from the case page; a reason is required.
    const noReason = await reviewer.go('POST', `/dept/tickets/${deptTicket.ticketId}/close`, {
      _csrf: csrf,
      reason: '',
    });
    expect([noReason.status, noReason.html.includes('请填写关闭理由')]).toEqual([400, true]);
    const windowTicket = await reviewer.go('POST', `/dept/tickets/${mine.ticketId}/close`, {
      _csrf: csrf,
      reason: 'x',
    });
    expect(windowTicket.status).toBe(409); // already closed by the window
    const closed = await reviewer.go('POST', `/dept/tickets/${deptTicket.ticketId}/close`, {
      _csrf: csrf,
      reason: '窗口已电话说明，无需再答复。',
    });
    expect(closed.status).toBe(303);
    expect((await reviewer.go('GET', `/dept/cases/${caseId}`)).html).toContain('关闭问题单，理由');

    // A district supervisor closes a ticket of their district only.
    await addSupervisor(t.pool, 'sup-sc', 'correct horse 9', 'district-supervisor', [SC]);
    await addSupervisor(t.pool, 'sup-cq', 'correct horse 9', 'district-supervisor', ['500101']);
    // Past its deadline, the ticket is on the dashboard of the supervisor whose district it is, with a close form.
    await t.pool.query("UPDATE case_tickets SET due_at = $2::timestamptz - interval '1 day' WHERE ticket_id = $1", [
      supTicket.ticketId,
      now,
    ]);
    const closeForm = `action="/dept/supervision/tickets/${supTicket.ticketId}/close"`;
    const supClose = async (username: string) => {
      const b = new Browser(t.url);
      expect((await b.login(username, 'correct horse 9')).status).toBe(303);
      const dashboard = (await b.go('GET', '/dept/supervision?from=2020-01-01&to=2030-12-31')).html;
      expect(dashboard.includes(closeForm)).toBe(username === 'sup-sc');
      const token = b.csrf(dashboard);
      return b.go('POST', `/dept/supervision/tickets/${supTicket.ticketId}/close`, {
        _csrf: token,
        reason: '督办结案',
      });
    };
    expect((await supClose('sup-cq')).status).toBe(404);
    expect((await supClose('sup-sc')).status).toBe(303);

    const after = (await feedTickets()).filter((x) => x.caseId === caseId);
    expect(after.map((x) => [x.ticketId, x.status, x.messages.at(-1)?.side])).toEqual(
      expect.arrayContaining([
        [deptTicket.ticketId, 'closed', 'department'],
        [supTicket.ticketId, 'closed', 'supervisor'],
      ]),
    );
    // Long past every deadline: closed tickets do not escalate.
    now = new Date('2027-01-10T02:00:00Z');
    await runTicketWatch(t.pool, clock);
    expect(await t.count(`case_tickets WHERE case_id = '${caseId}' AND escalated_at IS NOT NULL`)).toBe(0);
    const audited = (await auditRows(t.pool, 'ticket.closed')).map((r) => [r.details.ticketId, r.details.side]);
    expect(audited).toEqual(
      expect.arrayContaining([
        [mine.ticketId, 'window'],
        [deptTicket.ticketId, 'department'],
        [supTicket.ticketId, 'supervisor'],
      ]),
    );
  });
});
