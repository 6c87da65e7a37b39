// 办理时限提醒 above the department's case list (issue #19 item 5): its cases not yet decided whose 承诺时限
// (case_facts.due_on: 受理 + the promised working days, with the 放假调休 calendar) ends within 2 working days,
// and those already past it, as the supervision dashboard counts them (overdue: due_on before today).
import type pg from 'pg';
import { chinaToday } from '../supervision/filters';
import { html, type Html } from './html';

/** Working days ahead that count as "due soon". */
export const DUE_SOON_WORKING_DAYS = 2;

/** One case to be reminded of. */
export interface DeadlineRow {
  caseId: string;
  receiptNo: string;
  matterName: string;
  dueOn: string;
  state: 'overdue' | 'due-soon';
}

/** The department's undecided cases that are overdue or due within DUE_SOON_WORKING_DAYS, most urgent first. */
export async function caseDeadlines(
  pool: Pick<pg.Pool, 'query'>,
  departmentId: string,
  now = new Date(),
): Promise<DeadlineRow[]> {
  const today = chinaToday(now);
  const { rows } = await pool.query<DeadlineRow>(
    `SELECT f.case_id AS "caseId", c.manifest->>'receiptNo' AS "receiptNo", c.manifest->>'matterName' AS "matterName",
            to_char(f.due_on, 'YYYY-MM-DD') AS "dueOn",
            CASE WHEN f.due_on < $2::date THEN 'overdue' ELSE 'due-soon' END AS state
       FROM case_facts f JOIN cases c USING (case_id)
      WHERE f.decided_on IS NULL AND f.department_id = $1 AND f.due_on IS NOT NULL
        AND (f.due_on < $2::date OR working_days_between($2::date, f.due_on) <= $3)
      ORDER BY f.due_on, f.case_id LIMIT 200`,
    [departmentId, today, DUE_SOON_WORKING_DAYS],
  );
  return rows;
}

/** The notice: counts, and the first few cases with their last day. */
export function deadlineReminders(rows: DeadlineRow[]): Html {
  if (rows.length === 0) return html``;
  const overdue = rows.filter((r) => r.state === 'overdue').length;
  const soon = rows.length - overdue;
  const shown = rows
    .slice(0, 10)
    .map(
      (r) =>
        html`<li class="${r.state}"><a href="/dept/cases/${r.caseId}">${r.receiptNo}</a> ${r.matterName} · 承诺时限至 ${r.dueOn}${r.state === 'overdue' ? html` <span class="overdue">已超期</span>` : ' · 即将到期'}</li>`,
    );
  return html`<div class="notice" role="status" data-reminder="deadlines"><p>办理时限提醒：已超过承诺时限未办结 ${overdue} 件，${DUE_SOON_WORKING_DAYS} 个工作日内到期 ${soon} 件。</p><ul>${shown}</ul>${rows.length > 10 ? html`<p class="muted">另有 ${rows.length - 10} 件未列出。</p>` : ''}</div>`;
}
