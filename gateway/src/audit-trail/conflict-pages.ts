// 审计链冲突 for supervisors (decision 0206): the windows whose audit chain disagrees with the heads the gateway
// witnessed, each with window, sequence, expected (witnessed) and reported hash, when, and its resolution.
import { html, chinaTime, page, alertBox, type Html } from '../department/html';
import type { ReviewerSession } from '../department/sessions';
import { nav } from '../supervision/pages';
import type { WitnessConflictRow } from './witnesses';

const BANNER = '跨省通办 · 监督管理';
const KIND_ZH = {
  changed: '已见证的记录被改动',
  missing: '已见证的记录不存在',
  rewound: '审计链回退（记录被截短或从旧备份恢复）',
} as const;
/** The note's longest length. */
export const RESOLUTION_NOTE_MAX = 1000;

const hash = (h: string | null): Html =>
  h ? html`<code class="hash">${h}</code>` : html`<span class="muted">（无）</span>`;
const state = (c: WitnessConflictRow): Html =>
  c.resolution
    ? html`<span class="muted">已处理（${chinaTime(new Date(c.resolution.at))} ${c.resolution.by}）</span>`
    : html`<span class="overdue">待处理</span>`;

/** The list, open ones first. */
export function conflictListPage(user: ReviewerSession, rows: WitnessConflictRow[]): string {
  const open = rows.filter((c) => !c.resolution).length;
  const body = rows.map(
    (c) => html`<tr><td><a href="/dept/supervision/audit-conflicts/${c.id}">#${c.id}</a></td><td>${c.windowCode}</td>
      <td class="num">${c.seq}</td><td>${KIND_ZH[c.kind]}</td><td>${chinaTime(new Date(c.detectedAt))}</td><td class="status">${state(c)}</td></tr>`,
  );
  return page(
    '审计链冲突 · 监督管理',
    html`${nav('audit')}<h1>窗口审计链冲突</h1>
    <p class="muted">窗口同步时上报本机审计链的最新序号和哈希（见证）。某窗口的审计记录在被见证之后改动、删除或回退，部门网关即记录一条冲突。
    处理时请核实原因（例如按规程从备份恢复），填写处理说明；处理记录写入部门网关审计链。</p>
    ${open ? html`<p class="notice" role="status">待处理冲突 ${open} 条。</p>` : ''}
    <table><thead><tr><th scope="col">编号</th><th scope="col">窗口</th><th scope="col">审计序号</th><th scope="col">冲突类型</th><th scope="col">发现时间</th><th scope="col">状态</th></tr></thead>
    <tbody>${body.length ? body : html`<tr><td colspan="6" class="muted">没有审计链冲突</td></tr>`}</tbody></table>`,
    user,
    BANNER,
  );
}

/** One conflict with its hashes and, while open, the resolution form. */
export function conflictPage(user: ReviewerSession, c: WitnessConflictRow, error: string | null): string {
  const resolution = c.resolution
    ? html`<h2>处理记录</h2><dl class="facts"><dt>处理时间</dt><dd>${chinaTime(new Date(c.resolution.at))}</dd>
        <dt>处理人</dt><dd>${c.resolution.by}</dd><dt>处理说明</dt><dd>${c.resolution.note}</dd></dl>`
    : html`<form method="post" action="/dept/supervision/audit-conflicts/${c.id}/resolve" class="action"><h2>记录处理结果</h2>
        ${alertBox(error)}<input type="hidden" name="_csrf" value="${user.csrfToken}">
        <p><label for="note">处理说明（核实的原因、依据和后续措施）</label><textarea id="note" name="note" maxlength="${RESOLUTION_NOTE_MAX}" required></textarea></p>
        <button type="submit">记录处理结果</button></form>`;
  return page(
    `审计链冲突 #${c.id} · 监督管理`,
    html`${nav('audit')}<p><a href="/dept/supervision/audit-conflicts">← 审计链冲突</a></p><h1>审计链冲突 #${c.id}</h1>
    <dl class="facts"><dt>窗口</dt><dd>${c.windowCode}</dd><dt>设备</dt><dd><code>${c.deviceId}</code></dd>
      <dt>审计序号</dt><dd>${c.seq}</dd><dt>冲突类型</dt><dd>${KIND_ZH[c.kind]}</dd>
      <dt>部门网关见证的哈希（应为）</dt><dd>${hash(c.witnessedHash)}</dd>
      <dt>窗口本次上报的哈希</dt><dd>${hash(c.reportedHash)}</dd>
      <dt>发现时间</dt><dd>${chinaTime(new Date(c.detectedAt))}</dd><dt>状态</dt><dd>${state(c)}</dd></dl>
    ${resolution}`,
    user,
    BANNER,
  );
}
