// The window's own steps of a case (issue #19, 责任追溯): 受理 with its 形式审查, 人证核验, printing, the EMS
// waybill, 补正, 好差评 … as its audit log records them (one row = one event, keyed by the window's audit
// sequence), sent to the gateway after the case so that a case's 全程记录 there holds both sides. Compact and
// free of personal data by construction: the window sends only the actions and detail keys listed here, and
// the gateway re-validates the same lists (decision 0205).
import { z } from 'zod';

/** Most events in one `POST /v1/case-events`. */
export const CASE_EVENTS_PUSH_MAX = 200;

/** The window's audit actions that are a step of a case, with the words the 全程记录 shows. */
export const WINDOW_CASE_EVENT_LABELS_ZH: Record<string, string> = {
  'case.accept': '窗口受理（形式审查通过）',
  'case.supplement': '窗口提交补正材料',
  'case.accompany': '登记陪办',
  'identity.verify': '人证核验',
  'identity.override': '主管放行人证核验',
  'signature.ticket-open': '请申请人电子签名',
  'signature.sign': '申请人电子签名',
  'licence.lookup': '查询电子证照',
  'print.document': '打印文书',
  'print.reprint': '补打文书',
  'print.failed': '打印失败',
  'waybill.assign': '分配 EMS 邮件号',
  'waybill.state': '邮件状态变更',
  'rating.submit': '申请人评价（好差评）',
  'rating.decline': '申请人未评价',
  'followup.open': '差评回访立案',
  'followup.step': '差评回访处理',
  'ticket.open': '窗口提出问题单',
  'ticket.answer': '窗口答复问题单',
  'appointment.serve': '预约办结关联案件',
  'sync.needs-attention': '同步需要处理',
};

/** The detail keys an event may carry: codes, numbers and document numbers, never names or ID numbers. */
export const CASE_EVENT_DETAIL_KEYS = [
  'documentNo',
  'kind',
  'format',
  'copy',
  'output',
  'errorCode',
  'waybillNo',
  'direction',
  'from',
  'to',
  'role',
  'method',
  'result',
  'problems',
  'mode',
  'missing',
  'category',
  'step',
  'level',
  'outcome',
  'op',
  'reason',
  'destination',
] as const;

const detailValue = z.union([
  z.string().max(200),
  z.number().finite(),
  z.boolean(),
  z.null(),
  z.array(z.string().max(60)).max(30),
]);

/** One window event of a case. `seq`/`hash`: the window audit row's sequence and chain hash (decision 0186). */
export const windowCaseEventSchema = z.strictObject({
  seq: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'sha256-format'),
  caseId: z.uuid(),
  at: z.iso.datetime({ offset: true }),
  action: z
    .string()
    .regex(/^[a-z]+(\.[a-z-]+)+$/, 'action-format')
    .max(60),
  /** The clerk's name as the window shows it (系统 for the window itself). */
  actor: z.string().min(1).max(50),
  details: z.partialRecord(z.enum(CASE_EVENT_DETAIL_KEYS), detailValue),
});
export type WindowCaseEvent = z.infer<typeof windowCaseEventSchema>;

/** `POST /v1/case-events` body: events in sequence order, of cases the gateway already holds. */
export const caseEventsPushSchema = z.strictObject({
  events: z.array(windowCaseEventSchema).min(1).max(CASE_EVENTS_PUSH_MAX),
});
export type CaseEventsPush = z.infer<typeof caseEventsPushSchema>;

/** `POST /v1/case-events` 200 body: how many were new; cases the gateway does not hold for this device. */
export const caseEventsPushResponseSchema = z.strictObject({
  stored: z.number().int().min(0),
  unknownCases: z.array(z.uuid()),
});
export type CaseEventsPushResponse = z.infer<typeof caseEventsPushResponseSchema>;

/** The allowed details of an audit row (anything else is left at the window). */
export function caseEventDetails(details: Record<string, unknown>): WindowCaseEvent['details'] {
  const out: WindowCaseEvent['details'] = {};
  for (const key of CASE_EVENT_DETAIL_KEYS) {
    const parsed = detailValue.safeParse(details[key]);
    if (key in details && parsed.success) out[key] = parsed.data;
  }
  return out;
}
