// 办理时限提醒 on the department's case list (issue #19 item 5): undecided cases past their 承诺时限 and those due
// within 2 working days (weekends and 放假调休 by the working calendar), of the reviewer's department only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../testing/browser';
import { testFile, testManifest } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { chinaToday } from '../supervision/filters';
import { caseDeadlines } from './deadline-reminders';
import { addReviewer } from './repo';

const SC = '510000';
let t: TestGateway;

beforeAll(async () => {
  t = await startTestGateway();
  await addReviewer(t.pool, 'psb1', 'correct horse 1', 'SC-CD-PSB');
});
afterAll(async () => t?.close());

describe('deadline reminders', () => {
  it('lists overdue and due-soon undecided cases of the department, most urgent first', async () => {
    const device = await t.device(SC);
    const push = async (departmentId = 'SC-CD-PSB') => {
      const file = testFile(100);
      const m = testManifest(SC, [file], { departmentId });
      expect((await device.putCase(m)).status).toBe(201);
      expect((await device.putAttachment(m.caseId, file.slot.attachmentId, file.bytes)).status).toBe(201);
      return m;
    };
    const today = chinaToday();
    // The working day `n` working days after today (negative: before), by the gateway's calendar.
    const workday = async (n: number) =>
      (
        await t.pool.query<{ d: string }>(
          `SELECT to_char(day, 'YYYY-MM-DD') AS d FROM working_calendar
            WHERE working AND seq = (SELECT seq FROM working_calendar WHERE day = $1::date) + $2 ORDER BY day LIMIT 1`,
          [today, n],
        )
      ).rows[0]?.d as string;
    const due = async (caseId: string, dueOn: string, decided = false) =>
      t.pool.query(
        `UPDATE case_facts SET due_on = $2::date, decided_on = CASE WHEN $3 THEN $2::date END WHERE case_id = $1`,
        [caseId, dueOn, decided],
      );
    const late = await push();
    const soon = await push();
    const later = await push();
    const decided = await push();
    const otherDept = await push('SC-CD-CIVIL');
    await due(late.caseId, await workday(-1));
    await due(soon.caseId, await workday(2));
    await due(later.caseId, await workday(3));
    await due(decided.caseId, await workday(-3), true);
    await due(otherDept.caseId, await workday(-2));

    const rows = await caseDeadlines(t.pool, 'SC-CD-PSB');
    expect(rows.map((r) => [r.caseId, r.state])).toEqual([
      [late.caseId, 'overdue'],
      [soon.caseId, 'due-soon'],
    ]);

    const b = new Browser(t.url);
    await b.login('psb1', 'correct horse 1');
    const list = (await b.go('GET', '/dept/cases')).html;
    expect(list).toContain('办理时限提醒：已超过承诺时限未办结 1 件，2 个工作日内到期 1 件。');
    expect(list).toContain(`href="/dept/cases/${late.caseId}"`);
    expect(list).not.toContain(
      `<a href="/dept/cases/${later.caseId}">${later.receiptNo}</a> ${later.matterName} · 承诺时限`,
    );
  });
});
