import { afterEach, describe, expect, it } from 'vitest';
import type { RatingTicketView } from '@common/supervisor/views';
import type { CommandInput } from '@common/contract';
import { callOk } from '../testing/call';
import { acceptCase, setClock, supervisorApp, type SupervisorTestApp } from '../testing/supervisor';

let t: SupervisorTestApp;
afterEach(async () => t?.dispose());

// The customer-facing screen: its own caller, never signed in.
const SCREEN = 'rating-screen';

async function openTicket(): Promise<{ caseId: string; documentNo: string; view: RatingTicketView }> {
  const c = await acceptCase(t.app, t.clerk);
  const view = await callOk(t.app, t.clerk, 'ratings:open', { caseId: c.caseId });
  return { ...c, view };
}

const rate = (ticket: string, extra: Partial<CommandInput<'ratings:submit'>> = {}): CommandInput<'ratings:submit'> => ({
  ticket,
  level: 5,
  indicators: ['attitude'],
  comment: '办理很快',
  ...extra,
});

describe('好差评', () => {
  it('lets the applicant rate once with a ticket; the clerk cannot rate on their behalf', async () => {
    t = await supervisorApp();
    const { caseId, documentNo, view } = await openTicket();
    expect(view.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(view.summary).toMatchObject({
      documentNo,
      matterName: '社会保障卡申领',
      outcome: '收件',
      applicantName: '张*',
      windowNo: '12',
      clerkName: 'clerk1',
    });
    // An instant, not a wall-clock string the screen would shift by eight hours again.
    expect(view.summary.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    // The screen shows the case for the applicant to confirm, with the ticket only.
    expect(await callOk(t.app, SCREEN, 'ratings:ticket', { ticket: view.ticket })).toMatchObject({
      summary: { documentNo },
    });
    // A staff window holding the ticket is refused; so is a screen with no ticket or a made-up one.
    expect(await t.app.call(t.clerk, 'ratings:submit', rate(view.ticket), 200)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', details: { reason: 'staff-cannot-rate' } },
    });
    expect(await t.app.call(SCREEN, 'ratings:submit', { level: 5 }, 20)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await t.app.call(SCREEN, 'ratings:submit', rate('A'.repeat(43)), 200)).toMatchObject({
      ok: false,
      error: { code: 'not-found', details: { reason: 'ticket-unknown' } },
    });
    const done = await callOk(t.app, SCREEN, 'ratings:submit', rate(view.ticket));
    expect(done.poor).toBe(false);
    expect(done.ratingId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(await t.app.call(SCREEN, 'ratings:submit', rate(view.ticket), 200)).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'ticket-used' } },
    });
    expect(await t.app.call(t.clerk, 'ratings:open', { caseId }, 60)).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'already-rated' } },
    });
    const entry = t.app.services.audit.list({ action: 'rating.submit', limit: 1 })[0];
    expect(entry).toMatchObject({
      actorId: null,
      actorName: 'applicant',
      target: `case:${caseId}`,
      details: { level: 5, poor: false },
    });
    const list = await callOk(t.app, t.sup, 'ratings:list', { from: '2026-11-30', to: '2026-11-30' });
    expect(list).toEqual([
      expect.objectContaining({
        caseId,
        level: 5,
        levelLabel: '非常满意',
        indicators: ['attitude'],
        realName: false,
        clerkName: 'clerk1',
      }),
    ]);
    const ledger = await callOk(t.app, t.sup, 'ledger:get', { date: '2026-11-30' });
    expect(ledger.rows[0]?.rating).toBe(5);
  });

  it('refuses an expired ticket and a superseded one; declining spends the ticket', async () => {
    t = await supervisorApp();
    const { caseId, view } = await openTicket();
    await setClock(t, new Date(t.app.clock.now.getTime() + 11 * 60_000));
    expect(await t.app.call(SCREEN, 'ratings:submit', rate(view.ticket), 200)).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'ticket-expired' } },
    });
    const second = await callOk(t.app, t.clerk, 'ratings:open', { caseId });
    const third = await callOk(t.app, t.clerk, 'ratings:open', { caseId });
    expect(await t.app.call(SCREEN, 'ratings:ticket', { ticket: second.ticket }, 60)).toMatchObject({
      ok: false,
      error: { details: { reason: 'ticket-superseded' } },
    });
    expect(await callOk(t.app, SCREEN, 'ratings:decline', { ticket: third.ticket })).toBeNull();
    expect(await t.app.call(SCREEN, 'ratings:submit', rate(third.ticket), 200)).toMatchObject({
      ok: false,
      error: { details: { reason: 'ticket-used' } },
    });
  });

  it('opens a 差评 follow-up due 15 working days later across 国庆 2026; steps go 回访 → 核实 → 整改 → 反馈', async () => {
    t = await supervisorApp();
    await setClock(t, '2026-09-30T03:00:00.000Z'); // Wednesday before 国庆 (10-01 … 10-07; 10-10 is a 调休 working day)
    const { caseId, view } = await openTicket();
    expect(
      await t.app.call(
        SCREEN,
        'ratings:submit',
        rate(view.ticket, { level: 2, realName: false, contact: { name: '张三', phone: '13800138000' } }),
        300,
      ),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(
      await t.app.call(
        SCREEN,
        'ratings:submit',
        rate(view.ticket, { level: 2, realName: true, contact: { name: '张三', phone: '12345' } }),
        300,
      ),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input', details: { fields: [{ path: 'contact.phone' }] } } });
    const r = await callOk(
      t.app,
      SCREEN,
      'ratings:submit',
      rate(view.ticket, {
        level: 2,
        indicators: ['efficiency', 'attitude'],
        comment: '等候时间太长',
        realName: true,
        contact: { name: '张三', phone: '13800138000' },
      }),
    );
    expect(r.poor).toBe(true);
    const [f] = await callOk(t.app, t.sup, 'followups:list', { filter: 'open' });
    expect(f).toMatchObject({
      caseId,
      dueDate: '2026-10-27',
      workingDays: 15,
      dueVerified: true,
      state: 'open',
      overdue: false,
      nextStep: 'callback',
      workingDaysLeft: 15,
    });
    const detail = await callOk(t.app, t.sup, 'followups:get', { followUpId: f?.followUpId ?? '' });
    expect(detail.contact).toEqual({ name: '张三', phone: '13800138000' });
    expect(t.app.services.audit.list({ action: 'followup.contact-view', limit: 1 })).toHaveLength(1);
    expect(JSON.stringify(t.app.services.audit.list({ limit: 50 }))).not.toContain('13800138000');

    const id = f?.followUpId ?? '';
    const step = (s: Record<string, unknown>) => t.app.call(t.sup, 'followups:record', { followUpId: id, ...s }, 300);
    expect(await step({ step: 'verify', note: '调取监控核实', finding: 'substantiated' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'step-out-of-order', expected: 'callback' } },
    });
    expect(await step({ step: 'callback', note: '已电话回访' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(
      await t.app.call(
        t.clerk,
        'followups:record',
        { followUpId: id, step: 'callback', note: '已电话回访', contacted: true },
        300,
      ),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await callOk(t.app, t.sup, 'followups:record', {
      followUpId: id,
      step: 'callback',
      note: '已电话回访，申请人反映排队时间长',
      contacted: true,
    });
    await setClock(t, '2026-10-28T02:00:00.000Z');
    const [late] = await callOk(t.app, t.sup, 'followups:list', { filter: 'overdue' });
    expect(late).toMatchObject({ followUpId: id, overdue: true, workingDaysLeft: -1, nextStep: 'verify' });
    const dash = await callOk(t.app, t.sup, 'dashboard:get', {});
    expect(dash.followUps).toMatchObject({ open: 1, overdue: 1 });
    await callOk(t.app, t.sup, 'followups:record', {
      followUpId: id,
      step: 'verify',
      note: '调取监控核实',
      finding: 'substantiated',
    });
    await callOk(t.app, t.sup, 'followups:record', { followUpId: id, step: 'rectify', note: '增开高峰时段窗口' });
    const closed = await callOk(t.app, t.sup, 'followups:record', {
      followUpId: id,
      step: 'feedback',
      note: '已向申请人反馈整改结果',
    });
    expect(closed).toMatchObject({ state: 'done', overdue: false, nextStep: null, workingDaysLeft: null });
    expect(closed.steps.map((s) => [s.step, s.byName])).toEqual([
      ['callback', 'sup1'],
      ['verify', 'sup1'],
      ['rectify', 'sup1'],
      ['feedback', 'sup1'],
    ]);
    expect(closed.steps[0]?.contacted).toBe(true);
    expect(await callOk(t.app, t.sup, 'followups:list', { filter: 'overdue' })).toEqual([]);
    expect(await step({ step: 'feedback', note: '再次反馈' })).toMatchObject({
      ok: false,
      error: { details: { reason: 'step-out-of-order', expected: null } },
    });
  });

  it('uses the configured number of working days', async () => {
    t = await supervisorApp();
    const s = await callOk(t.app, t.sup, 'supervisor:settings', {});
    expect(await t.app.call(t.sup, 'supervisor:updateSettings', { ...s, followUpWorkingDays: 5 }, 300)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await callOk(t.app, t.admin, 'supervisor:updateSettings', { ...s, followUpWorkingDays: 5 });
    await setClock(t, '2026-09-30T03:00:00.000Z');
    const { view } = await openTicket();
    await callOk(t.app, SCREEN, 'ratings:submit', rate(view.ticket, { level: 1 }));
    const [f] = await callOk(t.app, t.sup, 'followups:list', {});
    expect(f).toMatchObject({ dueDate: '2026-10-13', workingDays: 5, realName: false });
  });
});
