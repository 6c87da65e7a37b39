// The supervision pages (server-rendered, Chinese, no script): the dashboard (办件总览) and the 工作台账.
import { html, page, type Html } from '../department/html';
import { divisionText } from '../department/reference';
import type { ReviewerSession } from '../department/sessions';
import { ratingChart, seriesChart, volumeChart } from './charts';
import type { Filters } from './filters';
import type { CoordinationItem, LedgerRow } from './ledger';
import type { Totals } from './queries';
import type { Cell, Table } from './tables';
import { TICKET_TEXT_MAX } from '@tongban/protocol/sync/tickets';

const BANNER = '跨省通办 · 监督管理';

/** Choices of the filter form. */
export interface FilterOptions {
  districts: string[];
  windows: { deviceId: string; windowCode: string; district: string }[];
  matters: { code: string; name: string }[];
  departments: string[];
}

/** The query string of the current filters (for export links). */
export function filterQuery(f: Filters & { district: string | null }): string {
  const q = new URLSearchParams({ from: f.from, to: f.to });
  if (f.district) q.set('district', f.district);
  if (f.deviceId) q.set('window', f.deviceId);
  if (f.matter) q.set('matter', f.matter);
  if (f.department) q.set('department', f.department);
  return q.toString();
}

const opt = (value: string, label: string, current: string | null) =>
  html`<option value="${value}"${value === current ? html` selected` : ''}>${label}</option>`;

function filterForm(
  action: string,
  f: Filters & { district: string | null },
  o: FilterOptions,
  city: boolean,
  full = true,
): Html {
  const more = full
    ? html`<label>窗口 <select name="window">${opt('', '全部', f.deviceId)}${o.windows.map((w) => opt(w.deviceId, `${w.windowCode}（${w.district}）`, f.deviceId))}</select></label>
    <label>事项 <select name="matter">${opt('', '全部', f.matter)}${o.matters.map((m) => opt(m.code, `${m.code} ${m.name}`, f.matter))}</select></label>
    <label>业务属地部门 <select name="department">${opt('', '全部', f.department)}${o.departments.map((d) => opt(d, d, f.department))}</select></label>`
    : '';
  return html`<form method="get" action="${action}" class="filters">
    <label>起 <input type="date" name="from" value="${f.from}"></label>
    <label>止 <input type="date" name="to" value="${f.to}"></label>
    <label>区县 <select name="district">${city || o.districts.length > 1 ? opt('', '全部', f.district) : ''}${o.districts.map((d) => opt(d, divisionText(d), f.district))}</select></label>
    ${more}<button type="submit">查询</button></form>`;
}

const cell = (c: Cell) => (c === null ? '—' : typeof c === 'number' ? c.toLocaleString('zh-CN') : c);

/** A table with its CSV and XLSX export links; `action` adds a last column acting on each row's id (page only). */
export function tableSection(
  t: Table,
  query: string,
  exportBase = '/dept/supervision/export',
  action?: { title: string; cell: (id: string) => Html },
): Html {
  const acts = action && t.rowIds ? action : null;
  const columns = acts ? [...t.columns, acts.title] : t.columns;
  return html`<section class="sv-table" id="${t.name}"><h2>${t.title}</h2>
    <p class="exports">导出：<a href="${exportBase}/${t.name}.xlsx?${query}">XLSX</a> · <a href="${exportBase}/${t.name}.csv?${query}">CSV</a></p>
    <div class="scroll"><table><thead><tr>${columns.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
    <tbody>${t.rows.length ? t.rows.map((r, i) => html`<tr>${r.map((c) => html`<td${typeof c === 'number' ? html` class="num"` : ''}>${cell(c)}</td>`)}${acts ? html`<td>${acts.cell(t.rowIds?.[i] ?? '')}</td>` : ''}</tr>`) : html`<tr><td colspan="${columns.length}" class="muted">没有数据</td></tr>`}</tbody></table></div></section>`;
}

/** 督办结案: a supervisor closes an overdue ticket with a reason (POST /dept/supervision/tickets/{id}/close). */
function closeTicketCell(user: ReviewerSession): { title: string; cell: (id: string) => Html } {
  return {
    title: '督办结案',
    cell: (id) =>
      html`<form method="post" action="/dept/supervision/tickets/${id}/close" class="inline"><input type="hidden" name="_csrf" value="${user.csrfToken}"><input name="reason" required maxlength="${TICKET_TEXT_MAX}" placeholder="关闭理由" aria-label="关闭理由"><button type="submit">关闭问题单</button></form>`,
  };
}

/** The supervision pages' navigation. */
export function nav(current: 'dashboard' | 'ledger' | 'audit'): Html {
  const link = (href: string, label: string, on: boolean) =>
    on ? html`<strong>${label}</strong>` : html`<a href="${href}">${label}</a>`;
  return html`<nav class="sv-nav">${link('/dept/supervision', '办件总览', current === 'dashboard')} · ${link('/dept/supervision/ledger', '工作台账', current === 'ledger')} · ${link('/dept/supervision/audit-conflicts', '审计链冲突', current === 'audit')}</nav>`;
}

export function scopeText(user: ReviewerSession): string {
  return user.role === 'city-supervisor'
    ? '全市各区县'
    : (user.districts ?? []).map((d) => divisionText(d)).join('、') || '（未分配区县）';
}

const kpi = (label: string, value: Cell, tone = '') =>
  html`<div class="kpi${tone ? ` ${tone}` : ''}"><span>${label}</span><strong>${cell(value)}</strong></div>`;

/** The dashboard page. */
export function dashboardPage(
  user: ReviewerSession,
  f: Filters & { district: string | null },
  options: FilterOptions,
  t: Totals,
  series: { unit: string; points: { at: string; received: number; decided: number }[] },
  tables: Table[],
  tickets: { open: number; overdue: number },
): string {
  const query = filterQuery(f);
  const volume = tables.find((x) => x.name === 'by-window' || x.name === 'by-district');
  const volumeRows = (volume?.rows ?? []).map((r) => ({
    label: String(r[0]),
    value: Number(r[1]),
    overdue: Number(r[5]) + Number(r[6]),
  }));
  const unit = series.unit === 'day' ? '日' : series.unit === 'week' ? '周' : '月';
  return page(
    '办件总览 · 监督管理',
    html`${nav('dashboard')}<h1>办件总览</h1><p class="muted">监督范围：${scopeText(user)}。统计口径：期间内收件的案件；超期按业务属地部门受理之日起的承诺时限（工作日，含法定节假日调休）计算。</p>
    ${filterForm('/dept/supervision', f, options, user.role === 'city-supervisor')}
    <div class="kpis">${kpi('收件', t.received)}${kpi('审查中', t.inReview)}${kpi('超期办结', t.decidedLate, t.decidedLate ? 'warn' : '')}${kpi('超期未办结', t.openOverdue, t.openOverdue ? 'bad' : '')}
      ${kpi('补正次数', t.supplementRequests)}${kpi('不予办理', t.rejected)}${kpi('平均办理（工作日）', t.avgDecisionDays)}
      ${kpi('问题工单未关闭', tickets.open)}${kpi('工单逾期未答复', tickets.overdue, tickets.overdue ? 'bad' : '')}
      ${kpi('好评率', t.rated ? `${((t.ratedGood / t.rated) * 100).toFixed(1)}%` : null)}${kpi('差评', t.ratedPoor, t.ratedPoor ? 'warn' : '')}</div>
    <p class="exports">全部表格：<a href="/dept/supervision/export/all.xlsx?${query}">导出 XLSX（每表一页）</a></p>
    ${seriesChart(`收件与办结（按${unit}）`, series.points)}
    ${volume ? volumeChart(`${volume.title}收件量`, volumeRows) : ''}
    ${ratingChart(t.ratedGood, t.ratedPoor, t.rated)}
    ${tables.map((x) => tableSection(x, query, undefined, x.name === 'overdue-tickets' ? closeTicketCell(user) : undefined))}`,
    user,
    BANNER,
  );
}

/** The 工作台账 page; the city supervisor also gets the 协调事项 form. */
export function ledgerPage(
  user: ReviewerSession,
  f: Filters & { district: string | null },
  options: FilterOptions,
  ledger: { version: string; table: Table },
  items: { table: Table; open: CoordinationItem[] },
  rows: LedgerRow[],
  error: string | null,
): string {
  const query = filterQuery(f);
  const city = user.role === 'city-supervisor';
  const form = city
    ? html`<form method="post" action="/dept/supervision/ledger/items" class="action"><h2>记录协调事项</h2>
      ${error ? html`<p class="alert" role="alert">${error}</p>` : ''}
      <input type="hidden" name="_csrf" value="${user.csrfToken}">
      <label>事项 <select name="matter" required>${rows.map((r) => opt(r.code, `${r.code} ${r.name}`, null))}</select></label>
      <label>责任单位 <input type="text" name="unit" maxlength="100" required></label>
      <label>负责人 <input type="text" name="owner" maxlength="50" required></label>
      <label>办结期限 <input type="date" name="due" required></label>
      <p><label for="issue">协调内容</label><textarea id="issue" name="issue" maxlength="1000" required></textarea></p>
      <button type="submit">记录</button></form>
      ${items.open.map(
        (
          i,
        ) => html`<form method="post" action="/dept/supervision/ledger/items/${i.itemId}/resolve" class="action resolve">
        <input type="hidden" name="_csrf" value="${user.csrfToken}"><span>#${i.itemId} ${i.matterCode} ${i.unit}：${i.issue}</span>
        <label>办理结果 <input type="text" name="outcome" maxlength="500" required></label><button type="submit">办结</button></form>`,
      )}`
    : '';
  return page(
    '工作台账 · 监督管理',
    html`${nav('ledger')}<h1>跨省通办事项工作台账</h1>
    <p class="muted">事项目录版本：${ledger.version}。范围：${scopeText(user)}。开通区县：期间内有收件的区县。</p>
    ${filterForm('/dept/supervision/ledger', f, options, city, false)}
    <p class="exports">导出台账：<a href="/dept/supervision/ledger/export.xlsx?${query}">XLSX</a> · <a href="/dept/supervision/ledger/export.pdf?${query}">PDF</a></p>
    ${tableSection(ledger.table, query, '/dept/supervision/ledger/export')}
    ${tableSection(items.table, query, '/dept/supervision/ledger/export')}
    ${form}`,
    user,
    BANNER,
  );
}
