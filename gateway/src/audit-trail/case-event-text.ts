// The 说明 of a window step in the 全程记录: its allowed details (protocol case-events.ts) in words.
import type { WindowCaseEvent } from '@tongban/protocol/sync/case-events';
import { TICKET_CATEGORY_LABELS_ZH, type TicketCategory } from '@tongban/protocol/sync/tickets';

const DOCUMENT_ZH: Record<string, string> = {
  'acceptance-receipt': '受理通知书',
  'incomplete-notice': '一次性告知书',
  'rejection-notice': '不予受理通知书',
  'material-transfer': '材料流转单',
  waybill: 'EMS 面单',
  'power-of-attorney': '授权委托书',
};
const METHOD_ZH: Record<string, string> = { 'chip-visual': '读卡比对', manual: '人工核验', 'face-match': '人证比对' };
const ROLE_ZH: Record<string, string> = { applicant: '申请人', agent: '代办人', guardian: '监护人' };
const WAYBILL_ZH: Record<string, string> = { sent: '已寄出', signed: '已签收', new: '新分配' };
const DIRECTION_ZH: Record<string, string> = { outbound: '寄往部门', return: '结果寄回' };

/** The details of one window step as a short Chinese text. */
export function windowEventDetail(action: string, d: WindowCaseEvent['details'], receiptNo: string | null): string {
  const parts: string[] = [];
  const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
  if (receiptNo) parts.push(`受理编号 ${receiptNo}`);
  if (action === 'case.accept') {
    const missing = Array.isArray(d.missing) ? d.missing.length : 0;
    parts.push(missing ? `形式审查：缺 ${missing} 项材料` : '形式审查：材料齐全');
  }
  const role = str(d.role);
  if (role) parts.push(ROLE_ZH[role] ?? role);
  const method = str(d.method);
  if (method) parts.push(METHOD_ZH[method] ?? method);
  if (d.result === 'pass') parts.push('通过');
  if (d.result === 'fail') parts.push('未通过');
  const kind = str(d.kind);
  if (kind && action.startsWith('print.')) parts.push(DOCUMENT_ZH[kind] ?? kind);
  const documentNo = str(d.documentNo);
  if (documentNo && !receiptNo) parts.push(`编号 ${documentNo}`);
  if (typeof d.copy === 'number' && d.copy > 1) parts.push(`第 ${d.copy} 份`);
  const waybill = str(d.waybillNo);
  if (waybill) parts.push(`邮件号 ${waybill}`);
  const direction = str(d.direction);
  if (direction) parts.push(DIRECTION_ZH[direction] ?? direction);
  const to = str(d.to);
  if (to) parts.push(`${WAYBILL_ZH[str(d.from) ?? ''] ?? str(d.from) ?? ''} → ${WAYBILL_ZH[to] ?? to}`);
  const category = str(d.category);
  if (category) parts.push(TICKET_CATEGORY_LABELS_ZH[category as TicketCategory] ?? category);
  if (typeof d.level === 'number') parts.push(`评价 ${d.level} 星`);
  const step = str(d.step);
  if (step) parts.push(step);
  const code = str(d.errorCode) ?? (action === 'sync.needs-attention' ? str(d.reason) : null);
  if (code) parts.push(`原因代码 ${code}`);
  return parts.join('；');
}
