// 问题处理 on the department's pages: the case page's section (the originals' parcel, the tickets with their
// messages, a form to open one and to answer each) and the department's ticket list with its reminders.
import {
  TICKET_CATEGORIES,
  TICKET_CATEGORY_LABELS_ZH,
  TICKET_STATUS_LABELS_ZH,
  TICKET_TEXT_MAX,
  type TicketState,
} from '@tongban/protocol/sync/tickets';
import { alertBox, chinaTime, html, page, type Html } from '../department/html';
import type { CaseView } from '../department/repo';
import type { ReviewerSession } from '../department/sessions';
import { mailsOriginals } from './originals';

/** The last China day of a deadline that ends at the following midnight. */
const lastDay = (dueAt: string): string => chinaTime(new Date(Date.parse(dueAt) - 1)).slice(0, 10);

const SIDE_ZH = { window: '窗口', department: '部门', supervisor: '督办' } as const;
const csrf = (user: ReviewerSession) => html`<input type="hidden" name="_csrf" value="${user.csrfToken}">`;

/** A ticket's deadline as a short text: 已超期 / 已督办 / 答复期限. */
function deadline(t: TicketState, now: Date): Html {
  if (t.status !== 'open') return html`<span class="muted">${TICKET_STATUS_LABELS_ZH[t.status]}</span>`;
  const due = new Date(t.dueAt);
  const day = lastDay(t.dueAt);
  if (t.escalatedAt) return html`<span class="overdue">已超期，已报督办（期限 ${day}）</span>`;
  if (due.getTime() <= now.getTime()) return html`<span class="overdue">已超期（期限 ${day}）</span>`;
  return html`答复期限 ${day}（当日内）`;
}

function opener(t: TicketState): string {
  return t.openedBy === 'system' ? '系统自动' : `${SIDE_ZH[t.openedBySide]} ${t.openedBy}`;
}

const KB = (n: number) => `${Math.max(1, Math.round(n / 1024))} KB`;

/** The ticket's files: download links (verified ones) to the case's attachment route. */
function files(t: TicketState): Html {
  const list = t.attachments ?? [];
  if (list.length === 0) return html``;
  return html`<ul class="ticket-files">${list.map(
    (f) =>
      html`<li>${SIDE_ZH[f.side]}附件：${
        f.ready
          ? html`<a href="/dept/cases/${t.caseId}/attachments/${f.id}" target="_blank" rel="noopener">${f.name}</a>`
          : html`${f.name}<span class="muted">（上传中）</span>`
      } <span class="muted">${KB(f.size)}</span></li>`,
  )}</ul>`;
}

function fileForm(t: TicketState, user: ReviewerSession): Html {
  return html`<form class="action ticket-file" method="post" action="/dept/tickets/${t.ticketId}/attachments">${csrf(user)}
    <label for="file-${t.ticketId}">附件（JPG/PNG/PDF，不超过 8 MB）</label>
    <input type="file" id="file-${t.ticketId}" class="ticket-file-input" accept="image/jpeg,image/png,application/pdf" required>
    <button type="submit">上传附件</button></form>`;
}

function ticket(t: TicketState, user: ReviewerSession, now: Date): Html {
  const messages = t.messages.map(
    (m) =>
      html`<li><span class="muted">${chinaTime(new Date(m.at))} ${SIDE_ZH[m.side]} ${m.author}${m.closes ? ' 关闭问题单，理由' : ''}：</span>${m.body}</li>`,
  );
  const answer =
    t.closedAt === null
      ? html`<form class="action" method="post" action="/dept/tickets/${t.ticketId}/messages">${csrf(user)}
          <label for="answer-${t.ticketId}">${t.openedBySide === 'window' ? '答复' : '补充说明'}</label>
          <textarea id="answer-${t.ticketId}" name="body" maxlength="${TICKET_TEXT_MAX}" required></textarea>
          <button type="submit">${t.openedBySide === 'window' ? '提交答复' : '补充'}</button></form>${fileForm(t, user)}${
            t.openedBySide === 'department'
              ? html`<form class="action" method="post" action="/dept/tickets/${t.ticketId}/close">${csrf(user)}
          <label for="close-${t.ticketId}">关闭理由</label>
          <input type="text" id="close-${t.ticketId}" name="reason" maxlength="${TICKET_TEXT_MAX}" required>
          <button type="submit">关闭问题单</button></form>`
              : ''
          }`
      : html``;
  return html`<article class="ticket" data-ticket="${t.ticketId}"><h3>${TICKET_CATEGORY_LABELS_ZH[t.category]} · ${TICKET_STATUS_LABELS_ZH[t.status]}</h3>
    <p class="muted">${chinaTime(new Date(t.openedAt))} ${opener(t)} 提出 · ${deadline(t, now)}</p>
    <p>${t.body}</p>${messages.length ? html`<ul class="messages">${messages}</ul>` : ''}${files(t)}${answer}</article>`;
}

function originals(v: CaseView, user: ReviewerSession): Html {
  if (!mailsOriginals(v.manifest)) return html``;
  const o = v.originals;
  if (o)
    return html`<p class="notice">纸质原件已于 ${chinaTime(o.receivedAt)} 由 ${o.confirmedBy} 确认收到（${o.condition === 'intact' ? '完好' : '有破损'}）${o.note ? `：${o.note}` : ''}。</p>`;
  return html`<form class="action" method="post" action="/dept/cases/${v.caseId}/originals">${csrf(user)}
    <p>窗口寄递的纸质原件：${v.manifest.materials
      .filter((m) => m.handling === 'kept-to-mail')
      .map((m) => m.name)
      .join('、')}</p>
    <label for="condition">收到时状态</label><select id="condition" name="condition"><option value="intact">完好</option><option value="damaged">有破损</option></select>
    <label for="originalsNote">说明（可不填）</label><input type="text" id="originalsNote" name="note" maxlength="200">
    <button type="submit">确认收到原件</button></form>`;
}

/** The case page's 原件 and 问题处理 sections. */
export function ticketSection(v: CaseView, user: ReviewerSession, now = new Date()): Html {
  const options = TICKET_CATEGORIES.map((c) => html`<option value="${c}">${TICKET_CATEGORY_LABELS_ZH[c]}</option>`);
  return html`<h2>纸质原件</h2>${mailsOriginals(v.manifest) ? originals(v, user) : html`<p class="muted">本案件没有需要寄递的纸质原件。</p>`}
    <h2 id="tickets">问题处理</h2>${v.tickets.length ? v.tickets.map((t) => ticket(t, user, now)) : html`<p class="muted">本案件没有问题单。</p>`}
    <form class="action" method="post" action="/dept/cases/${v.caseId}/tickets">${csrf(user)}
      <label for="category">问题类别</label><select id="category" name="category">${options}</select>
      <p><label for="ticketBody">问题说明</label><textarea id="ticketBody" name="body" maxlength="${TICKET_TEXT_MAX}" required></textarea></p>
      <button type="submit">向窗口提出问题</button></form>`;
}

/** One row of the department's ticket list. */
export interface TicketListRow {
  ticket: TicketState;
  receiptNo: string;
  matterName: string;
  state: 'overdue' | 'due-soon' | 'later' | 'done';
}

const STATE_ZH = { overdue: '已超期', 'due-soon': '2 个工作日内到期', later: '', done: '' } as const;

/** The reminders above the case list: new tickets from windows, deadlines within 2 working days, overdue ones. */
export function ticketReminders(rows: TicketListRow[]): Html {
  const open = rows.filter((r) => r.ticket.status === 'open');
  const fromWindows = open.filter((r) => r.ticket.openedBySide === 'window').length;
  const soon = open.filter((r) => r.state === 'due-soon').length;
  const overdue = open.filter((r) => r.state === 'overdue').length;
  if (fromWindows + soon + overdue === 0) return html``;
  return html`<p class="notice" role="status">问题处理提醒：窗口提出待答复 ${fromWindows} 件，2 个工作日内到期 ${soon} 件，已超期 ${overdue} 件。<a href="/dept/tickets">查看问题处理</a></p>`;
}

/** The department's tickets (open first), with the reminders. */
export function ticketListPage(rows: TicketListRow[], user: ReviewerSession, error: string | null = null): string {
  const body = rows.map(
    (
      r,
    ) => html`<tr class="${r.state}"><td><a href="/dept/cases/${r.ticket.caseId}#tickets">${r.receiptNo}</a></td><td>${r.matterName}</td>
      <td>${TICKET_CATEGORY_LABELS_ZH[r.ticket.category]}</td><td>${opener(r.ticket)}</td><td>${r.ticket.body.slice(0, 60)}</td>
      <td>${TICKET_STATUS_LABELS_ZH[r.ticket.status]}</td><td>${lastDay(r.ticket.dueAt)}</td><td class="status">${STATE_ZH[r.state]}${r.ticket.escalatedAt ? '，已报督办' : ''}</td></tr>`,
  );
  return page(
    '问题处理 · 部门审查',
    html`<p><a href="/dept/cases">← 案件列表</a></p><h1>问题处理</h1>${alertBox(error)}${ticketReminders(rows)}
    <table><thead><tr><th scope="col">受理编号</th><th scope="col">事项</th><th scope="col">类别</th><th scope="col">提出方</th><th scope="col">问题</th>
      <th scope="col">状态</th><th scope="col">答复期限</th><th scope="col">提醒</th></tr></thead>
      <tbody>${body.length ? body : html`<tr><td colspan="8" class="muted">没有问题单</td></tr>`}</tbody></table>`,
    user,
  );
}

/** Part of /dept/result.js: a ticket's file form uploads the chosen file (octet-stream, CSRF in a header). */
export const TICKET_FILES_JS = `
(function () {
  document.querySelectorAll('form.ticket-file').forEach(function (form) {
    var input = form.querySelector('input.ticket-file-input');
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var file = input.files[0];
      if (!file) return;
      var button = form.querySelector('button[type=submit]');
      if (button) button.disabled = true;
      file.arrayBuffer().then(function (bytes) {
        return fetch(form.action, {
          method: 'POST',
          headers: {
            'content-type': 'application/octet-stream',
            'x-csrf-token': form.elements._csrf.value,
            'x-file-name': encodeURIComponent(file.name)
          },
          body: bytes
        });
      }).then(function (r) { return r.json(); }).then(function (j) {
        if (!j.ok) throw new Error(j.message);
        location.reload();
      }).catch(function (err) {
        if (button) button.disabled = false;
        alert('附件上传失败：' + (err && err.message ? err.message : '请重试'));
      });
    });
  });
})();
`;
