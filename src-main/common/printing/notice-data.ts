// The facts a notice prints, built as a pure function of the case (CaseDetail, already masked) and
// its context. Thermal receipts and A4 notices are both rendered from this one model.
import { ID_TYPE_LABELS_ZH, MATERIAL_HANDLING_LABELS_ZH, type MaterialHandling } from '../cases/application';
import type { CaseDetail } from '../cases/case-types';
import type { Matter } from '../catalogue/schema';
import type { Hall } from '../hall';
import { DOCUMENT_TITLES_ZH, formatChineseDate, type DocumentKind } from './documents';
import type { HolidayCalendar } from './holiday-data';
import type { WaybillView } from './waybill';
import { addWorkingDays } from './working-days';

/** Notices built from a case (everything but the waybill label). */
export type NoticeKind = Exclude<DocumentKind, 'waybill'>;

/** A person as printed: ID and phone masked (domain-facts §8). */
export interface NoticeParty {
  name: string;
  idType: string;
  idMasked: string;
  phoneMasked: string;
  relationship: string | null;
}

/** One row of a materials table. */
export interface NoticeMaterial {
  no: number;
  name: string;
  handling: string;
  copies: number;
  pages: number;
  /** How it reaches the locality department (材料流转单). */
  transfer: string;
}

/** Everything one notice prints. */
export interface NoticeData {
  kind: NoticeKind;
  title: string;
  documentNo: string;
  caseId: string;
  copy: number;
  reprint: boolean;
  hall: { name: string; windowNo: string; windowLabel: string; address: string; phone: string };
  matter: { code: string; name: string; situation: string; type: string | null; implementationCode: string | null };
  applicant: NoticeParty;
  agent: NoticeParty | null;
  decidedDate: string;
  decidedDateZh: string;
  /** null when the catalogue gives no time limit. */
  promised: { days: number; dueDate: string; dueDateZh: string; verified: boolean } | null;
  fee: string;
  delivery: string;
  locality: { name: string; department: string; online: boolean };
  transfer: string;
  materials: NoticeMaterial[];
  missing: { no: number; name: string; reason: string }[];
  rejectReason: string | null;
  clerk: string;
  hotline: string;
  caseQr: string;
  ratingUrl: string;
}

/** What the builder needs besides the case. */
export interface NoticeContext {
  kind: NoticeKind;
  hall: Hall;
  hallAddress: string;
  hallPhone: string;
  hotline: string;
  /** The matter in the current catalogue (fees, copies, type); undefined when it has gone. */
  matter: Matter | undefined;
  /** Full name of the locality (province, city, county); defaults to the case's county name. */
  localityName?: string;
  /** Transfer channel of the locality route; null when the route is unknown. */
  channel: 'online' | 'post' | null;
  calendar: HolidayCalendar;
  waybills: readonly WaybillView[];
  copy: number;
  caseQr: string;
  ratingUrl: string;
}

const MISSING_REASONS_ZH = {
  'not-provided': '未提供',
  'attachment-missing': '缺扫描件',
  'wrong-handling': '提交形式不符合要求',
} as const;
const FORM_LABELS_ZH = {
  original: '原件',
  copy: '复印件',
  electronic: '电子材料',
  'original-or-electronic': '原件或电子材料',
} as const;

function party(p: CaseDetail['application']['applicant'] & { relationship?: string }): NoticeParty {
  return {
    name: p.name,
    idType: ID_TYPE_LABELS_ZH[p.idType],
    idMasked: p.idNumber,
    phoneMasked: p.phone || '—',
    relationship: p.relationship ?? null,
  };
}

function transferOf(handling: MaterialHandling, channel: 'online' | 'post' | null): string {
  switch (handling) {
    case 'kept-to-mail':
      return '原件寄递';
    case 'copy':
      return channel === 'post' ? '复印件寄递' : '扫描件网上流转';
    case 'electronic':
      return '电子材料网上流转';
    case 'seen-returned':
      return '原件已退还，扫描件网上流转';
    case 'not-provided':
      return '—';
  }
}

function feeText(detail: CaseDetail, matter: Matter | undefined): string {
  if (!matter) return '以业务办理地收费标准为准';
  const situation = matter.situations.find((s) => s.code === detail.application.situationCode);
  const fee = situation?.fee ?? matter.fee;
  return fee.charged ? fee.description : '不收费';
}

/** Builds the printed facts of a notice. `detail` must come from CaseQueries (IDs and phones masked). */
export function buildNoticeData(detail: CaseDetail, ctx: NoticeContext): NoticeData {
  const documentNo =
    (ctx.kind === 'acceptance-receipt' || ctx.kind === 'material-transfer' ? detail.receiptNo : detail.noticeNo) ?? '';
  if (!documentNo) throw new Error(`case ${detail.caseId} has no document number for ${ctx.kind}`);
  const windowLabel = `${ctx.hall.name}${ctx.hall.windowNo}号窗口`;
  const materialsOut = ctx.waybills.find((w) => w.direction === 'materials-to-locality');
  const resultBack = ctx.waybills.find((w) => w.direction === 'result-to-applicant');
  const days = detail.cataloguePromisedDays;
  const due = days === null ? null : addWorkingDays(detail.businessDate, days, ctx.calendar);
  const app = detail.application;
  const situation = ctx.matter?.situations.find((s) => s.code === app.situationCode);
  const copiesOf = (code: string) => situation?.materials.find((m) => m.code === code)?.copies ?? 1;
  const mailed = detail.materials.some((m) => m.handling === 'kept-to-mail') || ctx.channel === 'post';
  const online = detail.materials.some((m) => m.handling !== 'kept-to-mail' && m.handling !== 'not-provided');
  const mailText = materialsOut ? `EMS寄递（运单号 ${materialsOut.waybillNo}）` : 'EMS寄递（运单号寄出时登记）';
  const transfer = [online ? '网上流转' : null, mailed ? mailText : null].filter(Boolean).join('；') || '网上流转';
  const delivery =
    app.delivery === 'ems'
      ? `EMS邮寄送达：${app.deliveryAddress || '（地址待补充）'}${resultBack ? `（运单号 ${resultBack.waybillNo}）` : ''}`
      : `窗口领取：${windowLabel}`;
  return {
    kind: ctx.kind,
    title: DOCUMENT_TITLES_ZH[ctx.kind],
    documentNo,
    caseId: detail.caseId,
    copy: ctx.copy,
    reprint: ctx.copy > 1,
    hall: {
      name: ctx.hall.name,
      windowNo: ctx.hall.windowNo,
      windowLabel,
      address: ctx.hallAddress,
      phone: ctx.hallPhone,
    },
    matter: {
      code: detail.matterCode,
      name: detail.matterName,
      situation: detail.situationName,
      type: ctx.matter?.type ?? null,
      implementationCode: ctx.matter?.implementationCode ?? null,
    },
    applicant: party(app.applicant),
    agent: app.agent ? party(app.agent) : null,
    decidedDate: detail.businessDate,
    decidedDateZh: formatChineseDate(detail.businessDate),
    promised:
      due && days !== null
        ? { days, dueDate: due.date, dueDateZh: formatChineseDate(due.date), verified: due.verified }
        : null,
    fee: feeText(detail, ctx.matter),
    delivery,
    locality: {
      name: ctx.localityName || detail.localityName || detail.localityDivision,
      department: detail.departmentName ?? '业务办理地主管部门',
      online: ctx.channel !== 'post',
    },
    transfer,
    materials: detail.materials
      .filter((m) => m.handling !== 'not-provided')
      .map((m, i) => ({
        no: i + 1,
        name: m.name,
        handling: MATERIAL_HANDLING_LABELS_ZH[m.handling],
        copies: copiesOf(m.code),
        pages: m.pages,
        transfer: transferOf(m.handling, ctx.channel),
      })),
    missing: detail.missing.map((m, i) => {
      const wanted = situation?.materials.find((x) => x.code === m.code);
      const need = wanted ? `，请提交${FORM_LABELS_ZH[wanted.form]}${wanted.copies}份` : '';
      return { no: i + 1, name: m.name, reason: `${MISSING_REASONS_ZH[m.reason]}${need}` };
    }),
    rejectReason: detail.rejectReason,
    clerk: detail.clerkName,
    hotline: ctx.hotline,
    caseQr: ctx.caseQr,
    ratingUrl: ctx.ratingUrl,
  };
}

/** Fills the hall's 好差评 address template. */
export function ratingUrlFor(template: string, windowCode: string, documentNo: string): string {
  return template
    .replace('{windowCode}', encodeURIComponent(windowCode))
    .replace('{documentNo}', encodeURIComponent(documentNo));
}

/** The promised-date line, e.g. '20个工作日，预计2026年12月28日办结'; '即办' for 0 days. */
export function promisedText(p: NoticeData['promised']): string {
  if (!p) return '以业务办理地承诺时限为准';
  if (p.days === 0) return '即办';
  return `${p.days}个工作日，预计${p.dueDateZh}前办结${p.verified ? '' : '（节假日安排未公布，按法定假日推算）'}`;
}
