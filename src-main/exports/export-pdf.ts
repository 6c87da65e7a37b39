// The ledger as a printable A4 landscape report (HTML → PDF through the printing side's Chromium):
// a summary page, detail pages of LEDGER_PDF_ROWS rows, then the adjustment pages.
import {
  ADJUSTMENT_FIELD_LABELS_ZH,
  adjustmentValueLabel,
  chinaDateTime,
  departmentDocumentsText,
  deptStatusLabel,
  ledgerOutcomeLabel,
  LEDGER_SYNC_LABELS_ZH,
  type LedgerAdjustment,
  type LedgerEntry,
} from '@common/supervisor/ledger';
import { formatDuration, type KeyedCount, type LedgerSummary } from '@common/supervisor/ledger-summary';
import { RATING_LEVEL_LABELS_ZH, type RatingLevel } from '@tongban/protocol/supervisor/ratings';
import { pageHtml } from '../printing/html/assets';
import { escapeHtml as e, type Templates } from '../printing/html/templates';
import type { LedgerHeading } from './export-summary';

/** Detail rows per PDF page (fits the fixed row height of ledger-report.css). */
export const LEDGER_PDF_ROWS = 16;

/** Largest ledger the PDF export accepts (about 190 pages); bigger scopes go to XLSX or CSV. */
export const LEDGER_PDF_MAX_ROWS = 3000;

const DETAIL: [string, number][] = [
  ['序号', 8],
  ['文书编号', 27],
  ['办理时间', 14],
  ['事项／情形', 38],
  ['结果／受理模式', 16],
  ['申请人', 16],
  ['证件号码', 27],
  ['收件人', 14],
  ['业务属地部门', 33],
  ['EMS运单号', 24],
  ['同步状态／部门编号', 25],
  ['部门状态', 17],
  ['评价', 14],
];
const ADJUST: [string, number][] = [
  ['序号', 10],
  ['记录时间', 30],
  ['所属日结日期', 26],
  ['文书编号', 42],
  ['调整项目', 45],
  ['原值', 60],
  ['新值', 60],
];

const sub = (text: string) => (text ? `<span class="sub">${e(text)}</span>` : '');
const td = (html: string, center = false) => `<td${center ? ' class="c"' : ''}>${html}</td>`;

/** 多地联办 in the PDF's narrow status cell: '联办 1/2 办结' (the XLSX and CSV list each part). */
const partsDone = (r: LedgerEntry): string =>
  r.parts?.length ? `联办 ${r.parts.filter((p) => p.status === 'approved').length}/${r.parts.length} 办结` : '';

function detailRow(r: LedgerEntry, no: number): string {
  return [
    td(String(no), true),
    td(e(r.documentNo)),
    td(e(chinaDateTime(r.decidedAt).slice(5)), true),
    td(e(r.matterName) + sub(r.situationName)),
    td(e(ledgerOutcomeLabel(r.outcome, r.acceptanceMode)) + sub(r.acceptanceMode ?? ''), true),
    td(e(r.applicantName) + sub(r.agentName ? `代：${r.agentName}` : '')),
    td(e(r.applicantIdMasked)),
    td(e(r.clerkName)),
    td(e(r.departmentName ?? '—') + sub(departmentDocumentsText(r))),
    td(e(r.waybillNos.join(' ') || '—')),
    td(e(LEDGER_SYNC_LABELS_ZH[r.syncState]) + sub(r.departmentNo ?? '')),
    `<td class="c ka">${e(r.deptStatus ? deptStatusLabel(r.deptStatus) : '—').replace('（', '<wbr>（')}${sub(partsDone(r))}</td>`,
    td(e(r.rating ? RATING_LEVEL_LABELS_ZH[r.rating as RatingLevel] : '—'), true),
  ].join('');
}

function adjustmentRow(a: LedgerAdjustment, no: number): string {
  return [
    td(String(no), true),
    td(e(chinaDateTime(a.recordedAt)), true),
    td(e(a.businessDate), true),
    td(e(a.documentNo ?? a.caseId)),
    td(e(ADJUSTMENT_FIELD_LABELS_ZH[a.field] ?? a.field)),
    td(e(adjustmentValueLabel(a.field, a.oldValue))),
    td(e(adjustmentValueLabel(a.field, a.newValue))),
  ].join('');
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Keeps the first `n` entries and folds the rest into 其他. */
function top(list: readonly KeyedCount[], n: number): KeyedCount[] {
  if (list.length <= n) return [...list];
  const rest = list.slice(n - 1).reduce((a, b) => a + b.count, 0);
  return [...list.slice(0, n - 1), { key: 'other', name: '其他', count: rest }];
}

function table(caption: string, head: string[], rows: (string | number)[][]): string {
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => (i ? `<td class="n">${e(c)}</td>` : `<td>${e(c)}</td>`)).join('')}</tr>`)
    .join('');
  return `<table><caption>${e(caption)}</caption><thead><tr>${head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${body || `<tr><td colspan="${head.length}">（无）</td></tr>`}</tbody></table>`;
}

function summaryBody(s: LedgerSummary): { cards: string; tables: string } {
  const card = (k: string, v: string | number, unit = '') =>
    `<div class="lr-card"><div class="k">${e(k)}</div><div class="v">${e(v)}${unit ? `<small>${e(unit)}</small>` : ''}</div></div>`;
  const cards = [
    card('办件总数', s.cases, '件'),
    card('收件', s.byOutcome.accepted, '件'),
    card('一次性告知', s.byOutcome.incomplete, '件'),
    card('不予收件', s.byOutcome.rejected, '件'),
    card('平均窗口用时', formatDuration(s.avgCounterSeconds)),
    card('未发送至部门', s.unsent, '件'),
  ].join('');
  const clerks = s.byClerk
    .slice(0, 12)
    .map((c) => [c.clerkName, c.count, c.accepted, c.incomplete, c.rejected, formatDuration(c.avgCounterSeconds)]);
  const levels = ([5, 4, 3, 2, 1] as RatingLevel[]).map((l) => [
    RATING_LEVEL_LABELS_ZH[l],
    s.ratings.byLevel[String(l) as '1'],
  ]);
  const tables = [
    table(
      '按事项',
      ['事项', '件数'],
      top(s.byMatter, 14).map((m) => [m.name, m.count]),
    ),
    `<div>${table(
      '按部门办理状态',
      ['状态', '件数'],
      top(s.byDeptStatus, 8).map((d) => [d.name, d.count]),
    )}<br>${table('好差评', ['评价', '件数'], [...levels, ['差评待回访整改（当前）', s.poorAwaitingFollowUp]])}</div>`,
    table('按收件人', ['收件人', '件数', '收件', '告知', '不予', '平均用时'], clerks),
  ].join('');
  return { cards, tables };
}

/** The whole report as one HTML document; detail rows must already be limited to LEDGER_PDF_MAX_ROWS. */
export function ledgerReportHtml(
  t: Templates,
  resourcesDir: string,
  h: LedgerHeading,
  s: LedgerSummary,
  rows: readonly LedgerEntry[],
  adjustments: readonly LedgerAdjustment[],
): string {
  const detailPages = chunks(rows, LEDGER_PDF_ROWS);
  const adjustPages = chunks(adjustments, LEDGER_PDF_ROWS);
  const pageCount = 1 + Math.max(1, detailPages.length) + adjustPages.length;
  const printedAt = chinaDateTime(h.generatedAt.toISOString());
  const period = h.from === h.to ? h.from : `${h.from} 至 ${h.to}`;
  const common = {
    hallName: h.hallName,
    period,
    windowLabel: h.windowLabel,
    clerkLabel: h.clerkLabel,
    printedBy: h.generatedBy,
    printedAt,
    pageCount,
  };
  const { cards, tables } = summaryBody(s);
  const sections = [
    t.render('ledger-report-summary', {
      ...common,
      title: h.title,
      closedLabel: h.closedLabel,
      pageNo: 1,
      cards,
      tables,
    }),
  ];
  const page = (title: string, cols: [string, number][], body: string, pageNo: number) =>
    t.render('ledger-report', {
      ...common,
      title,
      pageNo,
      cols: cols.map(([, w], i) => (i === cols.length - 1 ? '<col>' : `<col style="width:${w}mm">`)).join(''),
      head: cols.map(([name]) => `<th>${e(name)}</th>`).join(''),
      rows: body,
    });
  (detailPages.length ? detailPages : [[]]).forEach((p, i) => {
    const base = i * LEDGER_PDF_ROWS;
    const body = p.length
      ? p.map((r, j) => `<tr>${detailRow(r, base + j + 1)}</tr>`).join('\n')
      : `<tr><td colspan="${DETAIL.length}">本期间无办件。</td></tr>`;
    sections.push(page(`${h.title}（明细）`, DETAIL, body, 2 + i));
  });
  adjustPages.forEach((p, i) => {
    const body = p.map((a, j) => `<tr>${adjustmentRow(a, i * LEDGER_PDF_ROWS + j + 1)}</tr>`).join('\n');
    sections.push(page(`${h.title}（日结后调整记录）`, ADJUST, body, 2 + Math.max(1, detailPages.length) + i));
  });
  return pageHtml(t, {
    resourcesDir,
    embedFonts: true,
    title: `${h.title} ${period}`,
    css: ['ledger-report.css'],
    body: sections.join('\n'),
  });
}
