// 多地联办 on the department's case page (decision 0215): every part with its department and status (read-only),
// this department's part marked; the actions follow this department's part, not the case.
import { PART_STATUS_LABELS_ZH } from '@tongban/protocol/sync/joint-parts';
import { STATUS_TRANSITIONS, type CaseStatus } from '@tongban/protocol/sync/status';
import { chinaTime, html, type Html } from './html';
import type { CaseView } from './repo';

/** The 联办环节 table, or nothing for a case that is not 多地联办. */
export function jointSection(v: CaseView, departmentId: string): Html {
  if (v.parts.length === 0) return html``;
  const rows = v.parts.map(
    (
      p,
    ) => html`<tr${p.departmentId === departmentId ? html` class="own-part"` : ''}><td>第 ${p.step} 步</td><td>${p.name}</td>
      <td>${p.departmentName}${p.departmentId === departmentId ? html` <strong>（本部门）</strong>` : ''}</td>
      <td>${p.required ? '必办' : '可选'}</td><td>${PART_STATUS_LABELS_ZH[p.status]}</td><td>${p.reason ?? ''}</td>
      <td>${chinaTime(p.updatedAt)}</td></tr>`,
  );
  return html`<h2>多地联办环节</h2><p class="muted">各环节由各自部门办理；同一步的环节并行，下一步在前一步办结后推送。全部必办环节办结，案件才办结；任一必办环节不予办理，案件即不予办理。</p>
    <table class="joint-parts"><thead><tr><th scope="col">步骤</th><th scope="col">环节</th><th scope="col">办理部门</th><th scope="col">性质</th><th scope="col">状态</th><th scope="col">说明</th><th scope="col">更新时间</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The statuses this department may move to: its part's next ones, plus 结果寄递 for the lead department once decided. */
export function jointTransitions(v: CaseView, departmentId: string): readonly CaseStatus[] {
  const mine = v.parts.find((p) => p.departmentId === departmentId);
  const decided = v.status === 'approved' || v.status === 'rejected' || v.status === 'result-mailed';
  // A part ends at 办结/不予办理; 结果寄递 is the case's, registered by the lead department once the case is decided.
  const own =
    !mine || mine.status === 'waiting' || decided
      ? []
      : STATUS_TRANSITIONS[mine.status].filter((s) => s !== 'result-mailed');
  return v.leadDepartment ? [...own, ...STATUS_TRANSITIONS[v.status].filter((s) => s === 'result-mailed')] : own;
}
