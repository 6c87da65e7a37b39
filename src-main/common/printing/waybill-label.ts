// The EMS waybill label (电子面单) as printed: a privacy label (隐私面单) whose recipient name and
// phone are masked; the full values stay in the case record for EMS.
import { maskName, maskPhone } from '@tongban/protocol/validators';
import { formatChineseDate, reprintMark } from './documents';
import {
  formatWeight,
  WAYBILL_CONTENTS_LABELS_ZH,
  WAYBILL_DIRECTION_LABELS_ZH,
  WAYBILL_PAYMENT_LABELS_ZH,
  type WaybillContents,
  type WaybillDirection,
  type WaybillPayment,
} from './waybill';

/** A waybill as stored (full recipient phone), the input of the label. */
export interface WaybillRecord {
  waybillNo: string;
  caseId: string;
  direction: WaybillDirection;
  sender: { name: string; phone: string; address: string; organization: string | null };
  recipient: { name: string; phone: string; address: string; organization: string | null; divisionCode: string | null };
  contents: WaybillContents;
  pieces: number;
  weightGrams: number;
  payment: WaybillPayment;
  createdAt: string;
}

/** Everything the label prints. */
export interface WaybillLabelData {
  waybillNo: string;
  /** The number as printed under the barcode, grouped for reading: 'EA 0000 0000 5 CN'. */
  waybillNoSpaced: string;
  product: string;
  /** 大头笔: destination province and city, for sorting by hand. */
  destination: string;
  direction: string;
  recipient: { name: string; phone: string; address: string; organization: string };
  sender: { name: string; phone: string; address: string; organization: string };
  contents: string;
  pieces: number;
  weight: string;
  payment: string;
  acceptedAt: string;
  caseRef: string;
  customerService: string;
  copy: number;
  reprint: boolean;
  reprintMark: string;
}

/** Groups a waybill number for reading aloud: S10 as 'EA 0000 0000 5 CN', 13 digits as 4-4-5. */
export function spacedWaybillNo(no: string): string {
  const s10 = /^([A-Z]{2})(\d{4})(\d{4})(\d)([A-Z]{2})$/.exec(no);
  if (s10) return s10.slice(1).join(' ');
  if (/^\d{13}$/.test(no)) return `${no.slice(0, 4)} ${no.slice(4, 8)} ${no.slice(8)}`;
  return no;
}

/** China wall-clock 'YYYY年M月D日 HH:MM' of an ISO instant. */
function chinaDateTime(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3600_000).toISOString();
  return `${formatChineseDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}

/** Builds the label facts; `destination` is the 大头笔 text (e.g. '四川省 成都市'). */
export function buildWaybillLabel(
  w: WaybillRecord,
  ctx: { caseRef: string; destination: string; copy: number },
): WaybillLabelData {
  return {
    waybillNo: w.waybillNo,
    waybillNoSpaced: spacedWaybillNo(w.waybillNo),
    product: '政务特快',
    destination: ctx.destination,
    direction: WAYBILL_DIRECTION_LABELS_ZH[w.direction],
    recipient: {
      name: maskName(w.recipient.name),
      phone: maskPhone(w.recipient.phone),
      address: w.recipient.address,
      organization: w.recipient.organization ?? '',
    },
    sender: {
      name: w.sender.name,
      phone: w.sender.phone,
      address: w.sender.address,
      organization: w.sender.organization ?? '',
    },
    contents: WAYBILL_CONTENTS_LABELS_ZH[w.contents],
    pieces: w.pieces,
    weight: formatWeight(w.weightGrams),
    payment: WAYBILL_PAYMENT_LABELS_ZH[w.payment],
    acceptedAt: chinaDateTime(w.createdAt),
    caseRef: ctx.caseRef,
    customerService: '11183',
    copy: ctx.copy,
    reprint: ctx.copy > 1,
    reprintMark: ctx.copy > 1 ? reprintMark(ctx.copy) : '',
  };
}
