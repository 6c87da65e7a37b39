// Problem tickets (case_tickets, written by the 问题处理 code) and 差评 follow-ups as the supervisor sees them:
// counts for the period and the lists of overdue items with their cases.
import type pg from 'pg';
import { Params, wholeMonths, type Filters } from './filters';

/** Chinese names of the ticket categories (case_tickets.category). */
export const TICKET_CATEGORY_LABELS_ZH: Record<string, string> = {
  'material-question': '材料疑问',
  'originals-missing': '原件未到/破损',
  'applicant-request': '申请人诉求',
  system: '系统问题',
  other: '其他',
};

/** `AND …` on tickets `t` (opened in the period, in scope; matter and window are columns of the ticket). */
function ticketScope(f: Filters, p: Params): { join: string; where: string } {
  const parts = [
    `t.opened_at >= (${p.add(f.from)}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'`,
    `t.opened_at < (${p.add(f.to)}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`,
  ];
  if (f.districts) parts.push(`t.district = ANY(${p.add(f.districts)}::char(6)[])`);
  if (f.department) parts.push(`t.department_id = ${p.add(f.department)}`);
  if (f.matter) parts.push(`t.matter_code = ${p.add(f.matter)}`);
  if (f.deviceId) parts.push(`t.device_id = ${p.add(f.deviceId)}::uuid`);
  return { join: '', where: parts.join(' AND ') };
}

/** Ticket counts per category: opened in the period, still open, and unanswered past their deadline now. */
export interface TicketCount {
  category: string;
  opened: number;
  open: number;
  overdue: number;
}

/**
 * Whole months of the period (no window filter) count the opened tickets from their monthly rollup and the ragged
 * ends from the tickets; "still open" and "overdue now" read the open tickets only (partial indexes).
 */
export async function ticketCounts(db: pg.Pool, f: Filters, now: Date): Promise<TicketCount[]> {
  const months = f.deviceId ? null : wholeMonths(f.from, f.to);
  const p = new Params();
  const s = ticketScope(f, p);
  const at = p.add(now);
  if (!months) {
    const { rows } = await db.query<TicketCount>(
      `SELECT t.category, count(*)::int AS opened, count(*) FILTER (WHERE t.closed_at IS NULL)::int AS open,
              count(*) FILTER (WHERE t.status = 'open' AND t.due_at < ${at})::int AS overdue
       FROM case_tickets t ${s.join} WHERE ${s.where} GROUP BY 1 ORDER BY 1`,
      p.values,
    );
    return rows;
  }
  const [a, b] = [p.add(months[0]), p.add(months[1])];
  const rollup = [`m.month >= ${a}::date`, `m.month < ${b}::date`];
  if (f.districts) rollup.push(`m.district = ANY(${p.add(f.districts)}::char(6)[])`);
  if (f.department) rollup.push(`m.department_id = ${p.add(f.department)}`);
  if (f.matter) rollup.push(`m.matter_code = ${p.add(f.matter)}`);
  const ragged = `(t.opened_at < (${a}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
                   OR t.opened_at >= (${b}::date)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const { rows } = await db.query<TicketCount>(
    `SELECT category, sum(opened)::int AS opened, sum(open)::int AS open, sum(overdue)::int AS overdue FROM (
       SELECT m.category, m.opened, 0 AS open, 0 AS overdue FROM supervision_tickets_monthly m
       WHERE ${rollup.join(' AND ')}
       UNION ALL
       SELECT t.category, 1, 0, 0 FROM case_tickets t WHERE ${s.where} AND ${ragged}
       UNION ALL
       SELECT t.category, 0, 1, 0 FROM case_tickets t WHERE t.closed_at IS NULL AND ${s.where}
       UNION ALL
       SELECT t.category, 0, 0, 1 FROM case_tickets t WHERE t.status = 'open' AND t.due_at < ${at} AND ${s.where}
     ) x GROUP BY 1 HAVING sum(opened) > 0 ORDER BY 1`,
    p.values,
  );
  return rows;
}

/** An unanswered ticket past its deadline, with its case. */
export interface OverdueTicket {
  ticketId: string;
  category: string;
  openedBySide: string;
  openedAt: Date;
  dueAt: Date;
  departmentNo: string;
  matterName: string;
  district: string;
  windowCode: string;
  departmentId: string;
}

export async function overdueTickets(db: pg.Pool, f: Filters, now: Date, limit = 100): Promise<OverdueTicket[]> {
  const p = new Params();
  const s = ticketScope(f, p);
  const { rows } = await db.query<OverdueTicket>(
    `SELECT t.ticket_id AS "ticketId", t.category, t.opened_by_side AS "openedBySide", t.opened_at AS "openedAt",
            t.due_at AS "dueAt", c.department_no AS "departmentNo", c.manifest->>'matterName' AS "matterName",
            t.district, c.manifest->>'windowCode' AS "windowCode", t.department_id AS "departmentId"
     FROM case_tickets t JOIN cases c ON c.case_id = t.case_id ${s.join}
     WHERE t.status = 'open' AND t.due_at < ${p.add(now)} AND ${s.where}
     ORDER BY t.due_at LIMIT ${Number(limit)}`,
    p.values,
  );
  return rows;
}

/** A 差评 follow-up of a case received in the period, with its deadline and progress. */
export interface FollowUpRow {
  departmentNo: string;
  matterName: string;
  district: string;
  windowCode: string;
  level: number;
  dueDate: string;
  /** Steps done so far (回访 → 核实 → 整改 → 反馈: 4 = finished). */
  steps: number;
}

/** Follow-ups not finished, earliest deadline first, and the counts (all, open, overdue on `today`). */
export async function followUps(
  db: pg.Pool,
  f: Filters,
  today: string,
  limit = 100,
): Promise<{ total: number; open: number; overdue: number; rows: FollowUpRow[] }> {
  const p = new Params();
  // The case's keys are columns of the follow-up (copied from case_facts on insert), as is its step count.
  const parts = [`fu.received_on BETWEEN ${p.add(f.from)}::date AND ${p.add(f.to)}::date`];
  if (f.districts) parts.push(`fu.district = ANY(${p.add(f.districts)}::char(6)[])`);
  if (f.matter) parts.push(`fu.matter_code = ${p.add(f.matter)}`);
  if (f.department) parts.push(`fu.department_id = ${p.add(f.department)}`);
  if (f.deviceId) parts.push(`fu.case_device_id = ${p.add(f.deviceId)}::uuid`);
  const t = p.add(today);
  const { rows } = await db.query<FollowUpRow & { total: number; open: number; overdue: number }>(
    `WITH fu AS (
       SELECT fu.follow_up_id, fu.case_id, fu.rating_id, fu.due_date, fu.district, fu.steps_done AS steps
       FROM follow_ups fu WHERE ${parts.join(' AND ')}
     ), counts AS (
       SELECT count(*)::int AS total, count(*) FILTER (WHERE steps < 4)::int AS open,
              count(*) FILTER (WHERE steps < 4 AND due_date < ${t}::date)::int AS overdue FROM fu
     ), listed AS (
       SELECT * FROM fu WHERE steps < 4 ORDER BY due_date LIMIT ${Number(limit)}
     )
     SELECT counts.*, c.department_no AS "departmentNo", c.manifest->>'matterName' AS "matterName", x.district,
            c.manifest->>'windowCode' AS "windowCode", r.level, to_char(x.due_date, 'YYYY-MM-DD') AS "dueDate",
            x.steps::int AS steps
     FROM counts LEFT JOIN (listed x JOIN cases c ON c.case_id = x.case_id JOIN ratings r ON r.rating_id = x.rating_id)
       ON true
     ORDER BY x.due_date`,
    p.values,
  );
  const head = rows[0] ?? { total: 0, open: 0, overdue: 0 };
  return {
    total: head.total,
    open: head.open,
    overdue: head.overdue,
    rows: rows.filter((r) => r.departmentNo !== null).map(({ total: _t, open: _o, overdue: _v, ...r }) => r),
  };
}
