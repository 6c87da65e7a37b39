// The 汇总 part of a ledger export as rows of cells, shared by the XLSX summary sheet and the CSV
// summary file; the PDF draws the same facts as HTML tables.
import { LEDGER_OUTCOME_LABELS_ZH } from '@common/supervisor/ledger';
import type { LedgerSummary } from '@common/supervisor/ledger-summary';
import { RATING_LEVEL_LABELS_ZH, type RatingLevel } from '@tongban/protocol/supervisor/ratings';
import { CASE_OUTCOMES } from '@common/cases/case-types';

/** What heads a ledger export. */
export interface LedgerHeading {
  title: string;
  hallName: string;
  from: string;
  to: string;
  windowLabel: string;
  clerkLabel: string;
  generatedAt: Date;
  generatedBy: string;
  /** e.g. '已日结 1 天 / 共 1 天'. */
  closedLabel: string;
}

/** One summary row; `header` rows are styled as headings, `dateCol` marks a date cell. */
export interface SummaryRow {
  values: (string | number | Date | null)[];
  header?: boolean;
  dateCol?: number;
}

/** Minutes with one decimal, or null. */
export const minutes = (seconds: number | null): number | null =>
  seconds === null ? null : Math.round(seconds / 6) / 10;

/** The summary as rows: heading facts, then one block per breakdown. */
export function summaryRows(h: LedgerHeading, s: LedgerSummary): SummaryRow[] {
  const rows: SummaryRow[] = [
    { values: ['项目', h.title] },
    { values: ['单位', h.hallName] },
    { values: ['统计期间', h.from === h.to ? h.from : `${h.from} 至 ${h.to}`] },
    { values: ['窗口', h.windowLabel] },
    { values: ['收件人', h.clerkLabel] },
    { values: ['日结状态', h.closedLabel] },
    { values: ['生成时间', new Date(h.generatedAt.getTime() + 8 * 3_600_000)], dateCol: 1 },
    { values: ['制表人', h.generatedBy] },
    { values: [] },
    { values: ['办件总数', s.cases] },
    ...CASE_OUTCOMES.map((o) => ({ values: [LEDGER_OUTCOME_LABELS_ZH[o], s.byOutcome[o]] })),
    { values: ['平均窗口用时（分钟）', minutes(s.avgCounterSeconds)] },
    { values: ['未发送至部门（件）', s.unsent] },
    { values: ['评价数', s.ratings.count] },
    { values: ['差评数', s.ratings.poor] },
    { values: ['差评待回访整改（当前）', s.poorAwaitingFollowUp] },
    { values: [] },
    { values: ['事项编码', '事项名称', '件数'], header: true },
    ...s.byMatter.map((m) => ({ values: [m.key, m.name, m.count] })),
    { values: [] },
    { values: ['部门办理状态', '', '件数'], header: true },
    ...s.byDeptStatus.map((d) => ({ values: [d.name, '', d.count] })),
    { values: [] },
    { values: ['收件人', '', '件数', '收件', '一次性告知', '不予收件', '平均用时（分钟）'], header: true },
    ...s.byClerk.map((c) => ({
      values: [c.clerkName, '', c.count, c.accepted, c.incomplete, c.rejected, minutes(c.avgCounterSeconds)],
    })),
    { values: [] },
    { values: ['窗口', '', '件数'], header: true },
    ...s.byWindow.map((w) => ({ values: [w.name, '', w.count] })),
    { values: [] },
    { values: ['评价等级', '', '件数'], header: true },
    ...([5, 4, 3, 2, 1] as RatingLevel[]).map((l) => ({
      values: [RATING_LEVEL_LABELS_ZH[l], '', s.ratings.byLevel[String(l) as '1']],
    })),
  ];
  return rows;
}
