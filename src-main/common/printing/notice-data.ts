// The facts a notice prints, built as a pure function of the case (CaseDetail, already masked) and
// its context. Thermal receipts and A4 notices are both rendered from this one model.
import type { PrintedSignatures } from '../signatures/views';
import {
  ID_TYPE_LABELS_ZH,
  MATERIAL_HANDLING_LABELS_ZH,
  type MaterialHandling,
} from '@tongban/protocol/cases/application';
import type { CaseDetail } from '../cases/case-types';
import type { AcceptanceMode } from '@tongban/protocol/catalogue/schema-parts';
import type { DepartmentInfo } from '@tongban/protocol/catalogue/routing';
import { acceptanceModeOf, type Matter } from '@tongban/protocol/catalogue/schema';
import type { Hall } from '../hall';
import { documentTitleZh, formatChineseDate, type DocumentKind } from './documents';
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
  /** 受理模式 of the matter: decides the title, the wording and who the document speaks for. */
  mode: AcceptanceMode;
  title: string;
  documentNo: string;
  caseId: string;
  copy: number;
  reprint: boolean;
  hall: { name: string; windowNo: string; windowLabel: string; address: string; phone: string };
  matter: { code: string; name: string; situation: string; type: string | null; implementationCode: string | null };
  applicant: NoticeParty;
  agent: NoticeParty | null;
  /**
   * The applying organisation of a matter that admits no natural persons (unit name, 统一社会信用代码,
   * 法定代表人 from the situation form); `applicant` is then its 经办人, verified at the window.
   */
  organisation: { name: string; creditCode: string; legalRepresentative: string | null } | null;
  decidedDate: string;
  decidedDateZh: string;
  /**
   * null when the catalogue gives no time limit. `verified` is about the holiday calendar;
   * `catalogueVerified` false means the time limit itself is unchecked (print 以办理地部门告知为准).
   */
  promised: { days: number; dueDate: string; dueDateZh: string; verified: boolean; catalogueVerified: boolean } | null;
  /** Fee text; ends in （以办理地部门告知为准） when the catalogue's fee is unchecked. */
  fee: string;
  delivery: string;
  locality: { name: string; department: string; online: boolean; address: string | null; phone: string | null };
  /** 复议机关 and court the department configured (used only under 委托受理). */
  remedy: { reviewBody: string; court: string; verified: boolean } | null;
  /** Where and how to apply instead (不予收件告知书); null when the catalogue gives none. */
  guidance: { where: string; how: string; online: string | null } | null;
  transfer: string;
  materials: NoticeMaterial[];
  missing: { no: number; name: string; reason: string }[];
  rejectReason: string | null;
  clerk: string;
  hotline: string;
  caseQr: string;
  /** 网络送达: the 取件码 printed on the acceptance receipt; null otherwise. */
  pickupCode: string | null;
  ratingUrl: string;
  /** 电子签名 that bind to the case, printed on the receipt and the 授权委托书 (decision 0155). */
  signatures?: PrintedSignatures;
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
  /** The routed department's register entry (复议机关, court, address, phone); null when unknown. */
  department?: DepartmentInfo | null;
  calendar: HolidayCalendar;
  waybills: readonly WaybillView[];
  copy: number;
  caseQr: string;
  pickupCode?: string | null;
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
    case 'e-licence':
      return '电子证照共享核验，免提交原件';
  }
}

/** Printed beside a time limit or fee the catalogue has not checked against an official source. */
export const UNVERIFIED_NOTE = '以办理地部门告知为准';

/** True when a catalogue element has been checked (a verified matter, or not listed as unverified). */
export function elementVerified(matter: Matter | undefined, element: 'promisedDays' | 'fee'): boolean {
  if (!matter) return false;
  if (matter.verified) return true;
  return matter.unverifiedElements !== undefined && !matter.unverifiedElements.includes(element);
}

function feeText(detail: CaseDetail, matter: Matter | undefined): string {
  if (!matter) return UNVERIFIED_NOTE;
  const situation = matter.situations.find((s) => s.code === detail.application.situationCode);
  const fee = situation?.fee ?? matter.fee;
  const text = fee.charged ? fee.description : '不收费';
  return elementVerified(matter, 'fee') ? text : `${text}（${UNVERIFIED_NOTE}）`;
}

function organisationOf(detail: CaseDetail, matter: Matter | undefined): NoticeData['organisation'] {
  const form = detail.application.form;
  if (!matter || matter.applicantKinds.includes('natural-person') || !form.unitName || !form.unitCreditCode)
    return null;
  return {
    name: form.unitName,
    creditCode: form.unitCreditCode,
    legalRepresentative: form.legalRepresentative || null,
  };
}

/** Builds the printed facts of a notice. `detail` must come from CaseQueries (IDs and phones masked). */
export function buildNoticeData(detail: CaseDetail, ctx: NoticeContext): NoticeData {
  const documentNo =
    (ctx.kind === 'acceptance-receipt' || ctx.kind === 'material-transfer' || ctx.kind === 'power-of-attorney'
      ? detail.receiptNo
      : detail.noticeNo) ?? '';
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
      : app.delivery === 'online'
        ? '网络送达：凭取件码在扫码核验页面下载办理结果'
        : `窗口领取：${windowLabel}`;
  const mode = acceptanceModeOf(ctx.matter);
  const dept = ctx.department ?? null;
  const guidance = ctx.matter?.guidance;
  return {
    kind: ctx.kind,
    mode,
    title: documentTitleZh(ctx.kind, mode),
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
    organisation: organisationOf(detail, ctx.matter),
    decidedDate: detail.businessDate,
    decidedDateZh: formatChineseDate(detail.businessDate),
    promised:
      due && days !== null
        ? {
            days,
            dueDate: due.date,
            dueDateZh: formatChineseDate(due.date),
            verified: due.verified,
            catalogueVerified: elementVerified(ctx.matter, 'promisedDays'),
          }
        : null,
    fee: feeText(detail, ctx.matter),
    delivery,
    locality: {
      name: ctx.localityName || detail.localityName || detail.localityDivision,
      department: detail.departmentName ?? dept?.name ?? '业务办理地主管部门',
      online: ctx.channel !== 'post',
      address: dept?.originalsAddress ?? null,
      phone: dept?.phone ?? null,
    },
    remedy:
      dept?.reviewBody && dept.court
        ? { reviewBody: dept.reviewBody, court: dept.court, verified: dept.verified }
        : null,
    guidance: guidance ? { where: guidance.where, how: guidance.how, online: guidance.online ?? null } : null,
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
    pickupCode: ctx.pickupCode ?? null,
    ratingUrl: ctx.ratingUrl,
  };
}

/** Fills the hall's 好差评 address template. */
export function ratingUrlFor(template: string, windowCode: string, documentNo: string): string {
  return template
    .replace('{windowCode}', encodeURIComponent(windowCode))
    .replace('{documentNo}', encodeURIComponent(documentNo));
}

/**
 * The promised time limit as printed: counted from the 办理地 department's 受理 (not from the window's 收件),
 * e.g. '自办理地部门受理之日起20个工作日'; with 以办理地部门告知为准 when the catalogue has not checked it.
 */
export function promisedLimitText(p: NoticeData['promised'], mode: AcceptanceMode): string {
  if (!p) return UNVERIFIED_NOTE;
  const from = mode === '委托受理' ? '自受理之日起' : '自办理地部门受理之日起';
  const limit = p.days === 0 ? '即办' : `${from}${p.days}个工作日`;
  return p.catalogueVerified ? limit : `${limit}（${UNVERIFIED_NOTE}）`;
}

/** The promised-date line: the limit and the estimated date, e.g. '…20个工作日，预计2026年12月28日前办结'. */
export function promisedText(p: NoticeData['promised'], mode: AcceptanceMode = '异地代收代办'): string {
  if (!p) return UNVERIFIED_NOTE;
  if (p.days === 0) return promisedLimitText(p, mode);
  const holidays = p.verified ? '' : '；节假日安排未公布，按法定假日推算';
  return `${promisedLimitText(p, mode)}，预计${p.dueDateZh}前办结（按收件日推算${holidays}）`;
}
