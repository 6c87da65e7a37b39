// The login page and the case list.
import { CASE_STATUSES, CASE_STATUS_LABELS_ZH, type CaseStatus } from '@tongban/protocol/sync/status';
import { maskIdNumber, maskName } from '@tongban/protocol/validators/masking';
import { alertBox, chinaTime, html, page, type Html } from './html';
import type { CaseListRow } from './repo';
import type { ReviewerSession } from './sessions';

/** The login form; `csrf` is echoed from the pre-login cookie. */
export function loginPage(csrf: string, error: string | null): string {
  return page(
    '登录 · 部门审查',
    html`<section class="login"><h1>部门审查人员登录</h1>${alertBox(error)}
      <form method="post" action="/dept/login">
        <input type="hidden" name="_csrf" value="${csrf}">
        <p><label for="username">用户名</label><input id="username" name="username" type="text" autocomplete="username" required></p>
        <p><label for="password">密码</label><input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">登录</button></p>
      </form></section>`,
  );
}

/** The department's complete cases with a status filter; names and ID numbers masked. */
export function caseListPage(
  rows: CaseListRow[],
  status: CaseStatus | null,
  user: ReviewerSession,
  notice: Html = html``,
): string {
  const options = CASE_STATUSES.map(
    (s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${CASE_STATUS_LABELS_ZH[s]}</option>`,
  );
  const body = rows.map(
    (r) => html`<tr>
      <td><a href="/dept/cases/${r.caseId}">${r.receiptNo}</a></td><td>${r.departmentNo}</td><td>${r.matterName}</td><td>${r.situationName}</td>
      <td>${maskName(r.applicantName)}</td><td>${maskIdNumber(r.applicantIdNumber)}</td><td>${r.windowCode}</td>
      <td>${chinaTime(r.receivedAt)}</td><td class="status">${CASE_STATUS_LABELS_ZH[r.status]}${r.joint ? html`<span class="muted">（联办·本部门环节）</span>` : ''}</td></tr>`,
  );
  return page(
    '案件列表 · 部门审查',
    html`<h1>本部门案件（材料已齐）</h1>${notice}
    <form method="get" action="/dept/cases">
      <label for="status">状态</label>
      <select id="status" name="status"><option value="">全部</option>${options}</select>
      <button type="submit">筛选</button>
    </form>
    <table><caption class="muted">共 ${rows.length} 件</caption>
      <thead><tr><th scope="col">受理编号</th><th scope="col">部门编号</th><th scope="col">事项</th><th scope="col">情形</th><th scope="col">申请人</th>
      <th scope="col">证件号码</th><th scope="col">受理窗口</th><th scope="col">送达时间</th><th scope="col">状态</th></tr></thead>
      <tbody>${body.length ? body : html`<tr><td colspan="9" class="muted">没有案件</td></tr>`}</tbody>
    </table>`,
    user,
  );
}

/** A plain message page (not found, forbidden, expired session). */
export function messagePage(title: string, message: string, user?: ReviewerSession): string {
  return page(title, html`<h1>${title}</h1><p>${message}</p><p><a href="/dept/cases">返回案件列表</a></p>`, user);
}
