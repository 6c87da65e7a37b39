// EMS waybills recorded against cases (domain-facts §6): directions, contents, payment, states.
import { z } from 'zod';

/** Which way the parcel goes: materials to the locality department, or the result back to the applicant. */
export const WAYBILL_DIRECTIONS = ['materials-to-locality', 'result-to-applicant'] as const;
/** A waybill direction. */
export type WaybillDirection = (typeof WAYBILL_DIRECTIONS)[number];
/** Chinese names of the directions. */
export const WAYBILL_DIRECTION_LABELS_ZH: Record<WaybillDirection, string> = {
  'materials-to-locality': '材料寄出',
  'result-to-applicant': '结果寄回',
};

/** 内件品名. */
export const WAYBILL_CONTENTS = ['certificates', 'official-documents'] as const;
/** A contents code. */
export type WaybillContents = (typeof WAYBILL_CONTENTS)[number];
/** Chinese names of the contents, as printed. */
export const WAYBILL_CONTENTS_LABELS_ZH: Record<WaybillContents, string> = {
  certificates: '证件',
  'official-documents': '政务文书',
};

/** Who pays the postage. */
export const WAYBILL_PAYMENTS = ['sender-pays', 'recipient-pays', 'government-paid'] as const;
/** A payment code. */
export type WaybillPayment = (typeof WAYBILL_PAYMENTS)[number];
/** Chinese names of the payment methods, as printed. */
export const WAYBILL_PAYMENT_LABELS_ZH: Record<WaybillPayment, string> = {
  'sender-pays': '寄付',
  'recipient-pays': '到付',
  'government-paid': '政府购买',
};

/** Tracking states recorded against the case. */
export const WAYBILL_STATES = ['sent', 'signed'] as const;
/** A waybill state. */
export type WaybillState = (typeof WAYBILL_STATES)[number];
/** Chinese names of the states. */
export const WAYBILL_STATE_LABELS_ZH: Record<WaybillState, string> = { sent: '已寄出', signed: '已签收' };

const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'too-long');

/** A sender or recipient as typed by the clerk. */
export const waybillPartySchema = z
  .object({
    name: text(50),
    phone: text(24),
    address: text(200),
    /** Institution (e.g. the locality department); printed unmasked. */
    organization: z.string().trim().max(60, 'too-long').optional(),
    /** Division of the address, for the 大头笔 (destination) line. */
    divisionCode: z
      .string()
      .regex(/^\d{6}$/, 'division-format')
      .optional(),
  })
  .strict();

/** A sender or recipient. */
export type WaybillParty = z.infer<typeof waybillPartySchema>;

/** Input of `waybills:assign`: no number means "take the next one from the EMS pool". */
export const waybillAssignSchema = z
  .object({
    caseId: z.uuid(),
    direction: z.enum(WAYBILL_DIRECTIONS),
    /** Optional for result-to-applicant (defaults to the applicant and the delivery address). */
    recipient: waybillPartySchema.optional(),
    /** Optional: defaults to the hall (name, phone, address from the print settings). */
    sender: waybillPartySchema.optional(),
    contents: z.enum(WAYBILL_CONTENTS),
    pieces: z.number().int().min(1).max(99).default(1),
    weightGrams: z.number().int().min(1).max(30_000),
    payment: z.enum(WAYBILL_PAYMENTS),
    /** A pre-printed waybill scanned or typed by the clerk (validated: S10 or 13 digits). */
    manualNumber: z.string().trim().min(1).max(32).optional(),
  })
  .strict();

/** Input of `waybills:assign` after parsing. */
export type WaybillAssignInput = z.infer<typeof waybillAssignSchema>;

/** A waybill as the UI sees it: the recipient's phone is masked. */
export interface WaybillView {
  waybillNo: string;
  caseId: string;
  direction: WaybillDirection;
  numberSource: 'pool' | 'manual';
  sender: { name: string; phone: string; address: string; organization: string | null };
  recipient: {
    name: string;
    phoneMasked: string;
    address: string;
    organization: string | null;
    divisionCode: string | null;
  };
  contents: WaybillContents;
  pieces: number;
  weightGrams: number;
  payment: WaybillPayment;
  state: WaybillState;
  createdAt: string;
  sentAt: string;
  signedAt: string | null;
}

/** The window's pool of EMS-allocated numbers. */
export interface WaybillPoolStatus {
  available: number;
  lowWatermark: number;
  low: boolean;
}

/** One rejected line of a pool import file. */
export interface PoolImportProblem {
  line: number;
  text: string;
  code: 'ems-format' | 'ems-checksum' | 'ems-service' | 'duplicate-in-file' | 'already-recorded';
}

/** The outcome of a pool import: valid numbers are imported, every invalid line is listed. */
export interface PoolImportReport {
  imported: number;
  /** Numbers already in the pool (a re-imported file is harmless). */
  alreadyInPool: number;
  invalid: PoolImportProblem[];
  pool: WaybillPoolStatus;
}

/** What `waybills:assign` returns. */
export interface WaybillAssignResult {
  waybill: WaybillView;
  pool: WaybillPoolStatus;
}

/** Weight as printed: '0.35 kg'. */
export function formatWeight(grams: number): string {
  return `${(grams / 1000).toFixed(grams % 10 === 0 ? 2 : 3)} kg`;
}
