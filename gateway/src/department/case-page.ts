// One case: every manifest field, the materials and attachments, supplements, the status history, and the
// actions its status allows. ID numbers are masked; "显示完整号码" (a POST, audited) shows one in full.
// A case retention has run on says so: its personal data is masked for good and its files are gone.
import { trailSection } from '../audit-trail/case-trail';
import { ID_TYPE_LABELS_ZH, MATERIAL_HANDLING_LABELS_ZH, type ApplyMode } from '@tongban/protocol/cases/application';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import { CASE_STATUS_LABELS_ZH, STATUS_TRANSITIONS } from '@tongban/protocol/sync/status';
import { PART_STATUS_LABELS_ZH } from '@tongban/protocol/sync/joint-parts';
import { maskIdNumber } from '@tongban/protocol/validators/masking';
import { ratingSection } from '../ratings/rating-section';
import { ticketSection } from '../tickets/department-section';
import { signatureSection } from './signature-section';
import { faceMatchSection } from './face-match-section';
import { jointSection, jointTransitions } from './joint-section';
import { resultInput, resultSection } from '../verify/department-result';
import { documentNoInput, documentsSection } from './documents-section';
import { DEPARTMENT_ACTIONS, type DepartmentAction } from './actions';
import { alertBox, chinaTime, html, page, type Html } from './html';
import { divisionText, formRows } from './reference';
import type { CaseView, SlotView } from './repo';
import type { ReviewerSession } from './sessions';

const MODE_ZH: Record<ApplyMode, string> = { self: '本人申请', assisted: '帮办', proxy: '代办' };
const ACTION_ZH: Record<DepartmentAction, string> = {
  review: '受理审查',
  'request-supplement': '要求补正',
  approve: '准予/办结',
  reject: '不予办理',
  mail: '登记结果寄递',
};

const facts = (pairs: [string, unknown][]) =>
  html`<dl class="facts">${pairs.map(([k, v]) => html`<dt>${k}</dt><dd>${v === '' || v === null || v === undefined ? '—' : v}</dd>`)}</dl>`;

/** Whose ID number a reviewer may show in full. */
export type IdHolder = 'applicant' | 'agent';

/** The ID number masked, with the button that shows it in full (not on a purged case: nothing more to show). */
function idNumber(v: CaseView, who: IdHolder, user: ReviewerSession, revealed: ReadonlySet<IdHolder>): Html {
  const p = who === 'applicant' ? v.manifest.applicant : v.manifest.agent;
  if (!p) return html``;
  if (revealed.has(who))
    return html`<span class="id-full">${p.idNumber}</span> <span class="muted">（完整号码已显示，本次查看已记录）</span>`;
  const masked = html`<span class="id-masked">${maskIdNumber(p.idNumber)}</span>`;
  if (v.purgedAt) return masked;
  return html`${masked}<form class="reveal" method="post" action="/dept/cases/${v.caseId}/reveal-id">
      <input type="hidden" name="_csrf" value="${user.csrfToken}"><input type="hidden" name="person" value="${who}">
      <button type="submit">显示完整号码</button></form>`;
}

function person(p: CaseManifest['applicant'] & { relationship?: string }, id: Html): Html {
  return facts([
    ['姓名', p.name],
    ['证件类型', ID_TYPE_LABELS_ZH[p.idType]],
    ['证件号码', id],
    ['联系电话', p.phone],
    ['地址', p.address],
    ...(p.relationship ? ([['与申请人关系', p.relationship]] as [string, unknown][]) : []),
  ]);
}

function slotLink(caseId: string, s: SlotView): Html {
  const label = `${s.mediaType}，${Math.ceil(s.size / 1024)} KB`;
  if (s.purged) return html`<span class="muted">已按保存期限清除（${label}）</span>`;
  return s.verified
    ? html`<a href="/dept/cases/${caseId}/attachments/${s.attachmentId}" target="_blank" rel="noopener">查看 ${label}</a>`
    : html`<span class="muted">上传中（${label}）</span>`;
}

function materials(v: CaseView): Html {
  const rows = v.manifest.materials.map((m) => {
    const slots = v.slots.filter((s) => s.supplementId === null && s.materialCode === m.code);
    return html`<tr><td>${m.name}</td><td>${m.required ? '必需' : '可选'}</td><td>${MATERIAL_HANDLING_LABELS_ZH[m.handling]}</td><td>${m.pages}</td>
      <td>${slots.length ? slots.map((s) => html`<div>${slotLink(v.caseId, s)}</div>`) : html`<span class="muted">无电子件</span>`}</td></tr>`;
  });
  return html`<table><thead><tr><th scope="col">材料</th><th scope="col">要求</th><th scope="col">收取方式</th><th scope="col">页数</th><th scope="col">电子件</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** 电子证照 the window looked up instead of originals (免提交原件): enough to check each one with the provider. */
function licences(v: CaseView): Html {
  const list = v.manifest.licences ?? [];
  if (list.length === 0) return html``;
  const rows = list.map((l) => {
    const material = v.manifest.materials.find((m) => m.code === l.materialCode)?.name ?? l.materialCode;
    return html`<tr><td>${material}</td><td>${l.typeName}</td><td>${l.number}</td><td>${l.issuer}</td>
      <td>${l.issuedOn} 至 ${l.validUntil ?? '长期'}</td><td>${chinaTime(new Date(l.lookedUpAt))}（${l.provider}）</td>
      <td><code class="hash">${l.sha256}</code></td></tr>`;
  });
  return html`<h2>电子证照（免提交原件）</h2><table><thead><tr><th scope="col">材料</th><th scope="col">证照</th><th scope="col">证照编号</th><th scope="col">签发机关</th><th scope="col">有效期</th><th scope="col">调取时间</th><th scope="col">SHA-256</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function supplements(v: CaseView): Html {
  if (v.supplements.length === 0) return html``;
  return html`<h2>补正材料</h2>${v.supplements.map(
    ({ manifest: s, receivedAt }) => html`<p>${chinaTime(receivedAt)} 收到补正${s.note ? html`：${s.note}` : ''}</p>
      <table><tbody>${s.materials.map((m) => {
        const slots = v.slots.filter((x) => x.supplementId === s.supplementId && x.materialCode === m.code);
        return html`<tr><td>${m.name}</td><td>${MATERIAL_HANDLING_LABELS_ZH[m.handling]}</td><td>${m.pages} 页</td><td>${slots.map((x) => html`<div>${slotLink(v.caseId, x)}</div>`)}</td></tr>`;
      })}</tbody></table>`,
  )}`;
}

function history(v: CaseView): Html {
  return html`<table><thead><tr><th scope="col">版本</th><th scope="col">状态</th><th scope="col">说明</th><th scope="col">时间</th></tr></thead><tbody>${v.events.map(
    (e) => html`<tr><td>${e.caseVersion}</td><td>${CASE_STATUS_LABELS_ZH[e.status]}</td>
      <td>${[e.reason, e.details.departmentNo && `部门编号 ${e.details.departmentNo}`, e.details.missing && `需补正：${e.details.missing.join('；')}`, e.details.waybillNo && `EMS 运单号 ${e.details.waybillNo}`].filter(Boolean).join('；')}</td>
      <td>${chinaTime(e.at)}</td></tr>`,
  )}</tbody></table>`;
}

function actionFields(action: DepartmentAction, v: CaseView): Html {
  switch (action) {
    case 'request-supplement':
      return html`<fieldset><legend>需要补正的材料</legend>${v.manifest.materials.map(
        (m, i) =>
          html`<label for="missing-${i}"><input type="checkbox" id="missing-${i}" name="missing" value="${m.code}"> ${m.name}</label>`,
      )}</fieldset><p><label for="missingOther">其他需补正的内容</label><textarea id="missingOther" name="missingOther" maxlength="500"></textarea></p>`;
    case 'approve':
      return html`${documentNoInput('approve', v)}<p><label for="note">办结意见（可不填，写入决定书）</label><textarea id="note" name="note" maxlength="500"></textarea></p>${resultInput('approve')}`;
    case 'reject':
      return v.status === 'received'
        ? html`${documentNoInput('reject', v)}<p><label for="reason">不予受理的理由（写入不予受理决定书）</label><textarea id="reason" name="reason" maxlength="500" required></textarea></p>`
        : html`${documentNoInput('reject', v)}<p><label for="reason">不予办理理由（写入决定书）</label><textarea id="reason" name="reason" maxlength="500" required></textarea></p>${resultInput('reject')}`;
    case 'mail':
      return html`<p><label for="waybillNo">EMS 运单号</label><input type="text" id="waybillNo" name="waybillNo" maxlength="20" autocomplete="off" required></p>`;
    case 'review':
      return documentNoInput('review', v);
  }
}

function actions(v: CaseView, user: ReviewerSession): Html {
  const next = v.parts.length ? jointTransitions(v, user.departmentId) : STATUS_TRANSITIONS[v.status];
  const allowed = (Object.keys(DEPARTMENT_ACTIONS) as DepartmentAction[]).filter((a) =>
    next.includes(DEPARTMENT_ACTIONS[a]),
  );
  if (allowed.length === 0) return html`<p class="muted">当前状态下没有可做的操作。</p>`;
  return html`${allowed.map(
    (a) => html`<form class="action" method="post" action="/dept/cases/${v.caseId}/actions/${a}">
      <input type="hidden" name="_csrf" value="${user.csrfToken}"><input type="hidden" name="caseVersion" value="${v.caseVersion}">
      ${actionFields(a, v)}<button type="submit">${a === 'reject' && v.status === 'received' ? '不予受理' : ACTION_ZH[a]}</button></form>`,
  )}`;
}

/** 多地联办: this department's part and its status beside the case's. */
function ownPart(v: CaseView, user: ReviewerSession): [string, unknown][] {
  const mine = v.parts.find((p) => p.departmentId === user.departmentId);
  return mine ? [['本部门环节', `${mine.name}：${PART_STATUS_LABELS_ZH[mine.status]}`]] : [];
}

/** The case page, with an optional error from a refused action and the ID numbers shown in full. */
export function casePage(
  v: CaseView,
  user: ReviewerSession,
  error: string | null,
  revealed: ReadonlySet<IdHolder> = new Set(),
): string {
  const m = v.manifest;
  const purged = v.purgedAt
    ? html`<p class="notice">本案件办结已超过保存期限：${chinaTime(v.purgedAt)} 起个人信息已脱敏，电子件已清除。</p>`
    : '';
  return page(
    `${m.receiptNo} · 部门审查`,
    html`<p><a href="/dept/cases">← 案件列表</a></p><h1>${m.matterName} · ${m.situationName}</h1>${alertBox(error)}${purged}
    ${v.sameReceiptNo.length ? alertBox(`受理编号 ${m.receiptNo} 还出现在另一件办件上（部门编号 ${v.sameReceiptNo.join('、')}）：窗口的编号可能在恢复数据后重复，请与受理窗口核对。`) : ''}
    ${facts([
      ['当前状态', CASE_STATUS_LABELS_ZH[v.status]],
      ...ownPart(v, user),
      ['部门编号', v.departmentNo],
      ['受理编号', m.receiptNo],
      ['事项', `${m.matterName}（${m.matterCode}）`],
      // The situation's name only: its code (FIRST …) means nothing to a reviewer.
      ['情形', m.situationName],
      ['办理方式', MODE_ZH[m.mode]],
      ['受理窗口', `${m.windowCode}（${divisionText(m.hallDivision)}）`],
      ['业务属地', divisionText(m.localityDivision)],
      ['受理部门', `${m.departmentName}（${m.departmentId}）`],
      ['窗口受理时间', Number.isNaN(Date.parse(m.acceptedAt)) ? m.acceptedAt : chinaTime(new Date(m.acceptedAt))],
      ['送达时间', chinaTime(v.receivedAt)],
      ['承诺时限', m.promisedDays === null ? '—' : `${m.promisedDays} 个工作日`],
      ['目录版本', m.catalogueVersion],
    ])}
    ${jointSection(v, user.departmentId)}
    <h2>申请人</h2>${person(m.applicant, idNumber(v, 'applicant', user, revealed))}
    ${m.agent ? html`<h2>代办人</h2>${person(m.agent, idNumber(v, 'agent', user, revealed))}` : ''}
    <h2>申请表</h2>${facts(formRows(m.matterCode, m.situationCode, m.form))}
    <h2>材料</h2>${materials(v)}
    ${signatureSection(m, v.purgedAt !== null)}
    ${licences(v)}
    ${faceMatchSection(m, v.purgedAt !== null)}
    ${supplements(v)}
    <h2>办理记录</h2>${history(v)}
    ${trailSection(v.caseId, v.trail)}
    ${documentsSection(v)}
    ${resultSection(v)}
    ${ratingSection(v.rating)}
    ${ticketSection(v, user)}
    <h2>操作</h2>${actions(v, user)}`,
    user,
    undefined,
    ['/dept/result.js'],
  );
}
