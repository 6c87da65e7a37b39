// Who a window document speaks for, by 受理模式 (收受分离, work plan 二(五)). One place for the words that
// the A4 notices and the thermal receipts share, so both say the same thing.
//
// 异地代收代办 / 多地联办 / 全程网办: the window 收件s (形式审查, 身份核验, 流转); the 办理地 department
// 受理s and decides, and issues its own 受理通知书 / 不予受理决定书 (行政许可法 §32 第二款, §38). The window's
// documents therefore never say 受理 or 决定 and claim no 复议/诉讼 rights against the window.
// 委托受理: the department delegated 受理 to the window (行政许可法 §24), so the window issues the
// 受理通知书 / 不予受理通知书 in the department's name, naming its 复议机关 and court.
import type { NoticeData } from './notice-data';
import { remedySentence } from '@tongban/protocol/catalogue/remedy';

/** The document speaks for the 办理地 department (委托受理), not for the window. */
export const issuedForDepartment = (d: Pick<NoticeData, 'mode'>): boolean => d.mode === '委托受理';

/** Subtitle under the title. */
export function subtitleOf(d: Pick<NoticeData, 'mode' | 'kind'>): string {
  if (d.kind === 'material-transfer') return '（跨省通办 · 收件地 → 业务办理地）';
  switch (d.mode) {
    case '委托受理':
      return '（跨省通办 · 委托受理）';
    case '全程网办':
      return '（跨省通办 · 全程网办帮办）';
    case '多地联办':
      return '（跨省通办 · 多地联办 · 收件）';
    case '仅指引':
      return '（跨省通办 · 办事指引）';
    default:
      return '（跨省通办 · 异地代收代办）';
  }
}

/** What the staff member is called on the document. */
export function clerkRoleOf(d: Pick<NoticeData, 'mode' | 'kind'>): string {
  if (d.kind === 'material-transfer') return '移交人';
  if (d.kind === 'acceptance-receipt') return issuedForDepartment(d) ? '受理人' : '收件人';
  return '经办人';
}

/** The issuing body printed above the seal. */
export function issuerOf(d: Pick<NoticeData, 'mode' | 'kind' | 'hall' | 'locality'>): string {
  if (issuedForDepartment(d) && d.kind !== 'material-transfer') return d.locality.department;
  return d.hall.name;
}

/** The seal's name printed under the issuer. */
export function sealNameOf(d: Pick<NoticeData, 'mode' | 'kind' | 'hall'>): string {
  if (d.kind === 'material-transfer') return '材料流转专用章';
  if (issuedForDepartment(d)) return `受理专用章 · 委托${d.hall.name}办理`;
  return '收件专用章';
}

/** Label of the document's date. */
export function dateLabelOf(d: Pick<NoticeData, 'mode' | 'kind'>): string {
  if (d.kind === 'incomplete-notice' || d.kind === 'rejection-notice') return '告知日期';
  return issuedForDepartment(d) ? '受理日期' : '收件日期';
}

/** Who decides, for the 收件凭证's closing sentence (also printed on the thermal receipt). */
export function whoDecidesText(d: Pick<NoticeData, 'mode' | 'locality'>): string {
  if (issuedForDepartment(d))
    return `本窗口受业务办理地${d.locality.department}委托受理本申请，审查和决定由该部门依法作出。`;
  return `本窗口负责收件、形式审查、身份核验、材料流转和结果送达，不作出受理或审批决定；受理和审批决定由业务办理地${d.locality.department}依法作出并出具书面凭证。`;
}

/** The 复议/诉讼 sentence of a 不予受理通知书 under 委托受理 (the department's configured bodies). */
export function remedyText(remedy: NonNullable<NoticeData['remedy']>): string {
  return remedySentence(remedy);
}

/** Where and how to apply instead (不予收件告知书), from the matter's guidance or the routed department. */
export function guidanceLines(d: Pick<NoticeData, 'guidance' | 'locality'>): [label: string, text: string][] {
  const lines: [string, string][] = [];
  if (d.guidance) {
    lines.push(['办理地点', d.guidance.where], ['办理方式', d.guidance.how]);
    if (d.guidance.online) lines.push(['网上办理', d.guidance.online]);
  } else {
    lines.push(
      ['办理地点', `${d.locality.name} ${d.locality.department}`],
      ['办理方式', '携带申请材料到该部门办事窗口提交，或通过全国一体化政务服务平台网上申请'],
    );
  }
  if (d.locality.address) lines.push(['部门地址', d.locality.address]);
  if (d.locality.phone) lines.push(['部门电话', d.locality.phone]);
  return lines;
}
