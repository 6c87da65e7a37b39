// The dashboard's tables as data: the page renders them and the exports (CSV, XLSX) write the same rows, so
// what is exported is exactly what is shown.
import type pg from 'pg';
import { chinaTime } from '../department/html';
import { divisionText } from '../department/reference';
import type { Filters } from './filters';
import { TICKET_CATEGORY_LABELS_ZH, followUps, overdueTickets, ticketCounts } from './problems';
import { breakdown, refusals, totals, type Grouping, type Totals } from './queries';

/** A cell: text or a number (numbers stay numbers in XLSX). */
export type Cell = string | number | null;

/** One table of the dashboard. */
export interface Table {
  name: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Page only (never exported): the id each row acts on, e.g. the ticket a supervisor may close. */
  rowIds?: string[];
}

/** The tables that can be exported, by URL name. */
export const TABLE_NAMES = [
  'summary',
  'by-district',
  'by-window',
  'by-matter',
  'by-department',
  'refusals',
  'tickets',
  'overdue-tickets',
  'follow-ups',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const pct = (n: number, of: number): string => (of > 0 ? `${((n / of) * 100).toFixed(1)}%` : '—');

const FIGURE_COLUMNS = [
  '收件',
  '已受理',
  '审查中',
  '已办结',
  '超期办结',
  '超期未办结',
  '补正次数',
  '不予办理',
  '平均办理（工作日）',
  '评价数',
  '好评率',
  '差评数',
];

function figureCells(t: Totals): Cell[] {
  return [
    t.received,
    t.accepted,
    t.inReview,
    t.decided,
    t.decidedLate,
    t.openOverdue,
    t.supplementRequests,
    t.rejected,
    t.avgDecisionDays,
    t.rated,
    pct(t.ratedGood, t.rated),
    t.ratedPoor,
  ];
}

const GROUP_TITLE: Record<Grouping, [string, string]> = {
  district: ['按区县', '区县'],
  window: ['按窗口', '窗口'],
  matter: ['按事项', '事项编码'],
  department: ['按业务属地部门', '部门编号'],
};

/** The 总体情况 table of already computed totals. */
export function summaryTable(f: Filters, t: Totals): Table {
  return {
    name: 'summary',
    title: '总体情况',
    columns: ['统计期间', ...FIGURE_COLUMNS],
    rows: [[`${f.from} 至 ${f.to}`, ...figureCells(t)]],
  };
}

/** Builds one table for the filters. */
export async function buildTable(db: pg.Pool, name: TableName, f: Filters, today: string, now: Date): Promise<Table> {
  switch (name) {
    case 'summary':
      return summaryTable(f, await totals(db, f, today));
    case 'by-district':
    case 'by-window':
    case 'by-matter':
    case 'by-department': {
      const by = name.slice(3) as Grouping;
      const rows = await breakdown(db, f, today, by);
      const [title, key] = GROUP_TITLE[by];
      const label = (r: (typeof rows)[number]) => (by === 'district' ? divisionText(r.label) : r.label);
      return { name, title, columns: [key, ...FIGURE_COLUMNS], rows: rows.map((r) => [label(r), ...figureCells(r)]) };
    }
    case 'refusals': {
      const rows = await refusals(db, f);
      return { name, title: '不予办理理由', columns: ['理由', '件数'], rows: rows.map((r) => [r.reason, r.count]) };
    }
    case 'tickets': {
      const rows = await ticketCounts(db, f, now);
      return {
        name,
        title: '问题工单',
        columns: ['类别', '期间新建', '未关闭', '逾期未答复'],
        rows: rows.map((r) => [TICKET_CATEGORY_LABELS_ZH[r.category] ?? r.category, r.opened, r.open, r.overdue]),
      };
    }
    case 'overdue-tickets': {
      const rows = await overdueTickets(db, f, now);
      return {
        name,
        title: '逾期未答复的问题工单',
        columns: ['部门编号', '事项', '区县', '窗口', '业务属地部门', '类别', '提出方', '提出时间', '答复期限'],
        rowIds: rows.map((r) => r.ticketId),
        rows: rows.map((r) => [
          r.departmentNo,
          r.matterName,
          r.district,
          r.windowCode,
          r.departmentId,
          TICKET_CATEGORY_LABELS_ZH[r.category] ?? r.category,
          r.openedBySide === 'window' ? '窗口' : '部门',
          chinaTime(r.openedAt),
          chinaTime(r.dueAt),
        ]),
      };
    }
    case 'follow-ups': {
      const fu = await followUps(db, f, today);
      return {
        name,
        title: `差评整改（共 ${fu.total} 件，未完成 ${fu.open} 件，逾期 ${fu.overdue} 件）`,
        columns: ['部门编号', '事项', '区县', '窗口', '评价', '整改期限', '进度', '状态'],
        rows: fu.rows.map((r) => [
          r.departmentNo,
          r.matterName,
          r.district,
          r.windowCode,
          r.level === 1 ? '非常不满意' : '不满意',
          r.dueDate,
          ['未回访', '已回访', '已核实', '已整改'][r.steps] ?? '已反馈',
          r.dueDate < today ? '逾期' : '进行中',
        ]),
      };
    }
  }
}
