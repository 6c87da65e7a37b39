// 好差评 (domain-facts §4): the five national levels, the offline indicators, the rating the
// applicant submits on the customer-facing screen, and the 差评 follow-up steps.
import { z } from 'zod';

/** Rating levels, 5 = 非常满意 … 1 = 非常不满意. */
export const RATING_LEVELS = [5, 4, 3, 2, 1] as const;
/** A rating level. */
export type RatingLevel = (typeof RATING_LEVELS)[number];

/** Chinese names of the levels (national wording). */
export const RATING_LEVEL_LABELS_ZH: Record<RatingLevel, string> = {
  5: '非常满意',
  4: '满意',
  3: '基本满意',
  2: '不满意',
  1: '非常不满意',
};

/** 不满意 and 非常不满意 are 差评 and open a follow-up. */
export const isPoorRating = (level: number): boolean => level <= 2;

/** The national offline indicators (线下): what the rating is about. */
export const RATING_INDICATORS = ['overall', 'efficiency', 'competence', 'attitude'] as const;
/** An offline indicator. */
export type RatingIndicator = (typeof RATING_INDICATORS)[number];

/** Chinese names of the offline indicators. */
export const RATING_INDICATOR_LABELS_ZH: Record<RatingIndicator, string> = {
  overall: '整体满意度',
  efficiency: '服务效率',
  competence: '服务水平',
  attitude: '服务态度',
};

/**
 * What the customer screen submits. Only the one-time ticket identifies the case: no staff
 * session is used. Real-name ratings carry a contact for the 差评 callback (回访).
 */
export const ratingSubmitSchema = z
  .object({
    ticket: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'ticket-format'),
    level: z.union([z.literal(5), z.literal(4), z.literal(3), z.literal(2), z.literal(1)]),
    /** The indicators the applicant selected (tags); none selected means 整体满意度. */
    indicators: z.array(z.enum(RATING_INDICATORS)).max(4).default([]),
    comment: z.string().trim().max(500, 'too-long').default(''),
    realName: z.boolean().default(false),
    contact: z
      .object({
        name: z.string().trim().min(1, 'required').max(50, 'too-long'),
        phone: z.string().trim().min(1, 'required').max(24, 'too-long'),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.realName && !r.contact) ctx.addIssue({ code: 'custom', path: ['contact'], message: 'required' });
    if (!r.realName && r.contact) ctx.addIssue({ code: 'custom', path: ['contact'], message: 'anonymous-no-contact' });
    if (new Set(r.indicators).size !== r.indicators.length)
      ctx.addIssue({ code: 'custom', path: ['indicators'], message: 'duplicate' });
  });

/** A rating as submitted. */
export type RatingSubmit = z.output<typeof ratingSubmitSchema>;

/** The 差评 rectification steps, in their required order (51号: 回访 → 核实 → 整改 → 反馈). */
export const FOLLOW_UP_STEPS = ['callback', 'verify', 'rectify', 'feedback'] as const;
/** A follow-up step. */
export type FollowUpStep = (typeof FOLLOW_UP_STEPS)[number];

/** Chinese names of the steps. */
export const FOLLOW_UP_STEP_LABELS_ZH: Record<FollowUpStep, string> = {
  callback: '回访',
  verify: '核实',
  rectify: '整改',
  feedback: '反馈',
};

/** What 核实 found. */
export const VERIFY_FINDINGS = ['substantiated', 'partly', 'unsubstantiated'] as const;

/** Chinese names of the findings. */
export const VERIFY_FINDING_LABELS_ZH: Record<(typeof VERIFY_FINDINGS)[number], string> = {
  substantiated: '属实',
  partly: '部分属实',
  unsubstantiated: '不属实',
};

/** One step as the supervisor records it: 回访 says whether the rater was reached, 核实 what was found. */
export const followUpStepSchema = z
  .object({
    followUpId: z.uuid(),
    step: z.enum(FOLLOW_UP_STEPS),
    note: z.string().trim().min(2, 'too-short').max(1000, 'too-long'),
    contacted: z.boolean().optional(),
    finding: z.enum(VERIFY_FINDINGS).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.step === 'callback' && s.contacted === undefined)
      ctx.addIssue({ code: 'custom', path: ['contacted'], message: 'required' });
    if (s.step === 'verify' && s.finding === undefined)
      ctx.addIssue({ code: 'custom', path: ['finding'], message: 'required' });
  });

/** The next step due after the steps recorded so far, or null when 反馈 is done. */
export function nextFollowUpStep(done: readonly FollowUpStep[]): FollowUpStep | null {
  return FOLLOW_UP_STEPS.find((s) => !done.includes(s)) ?? null;
}

/** Overdue: the due date has passed (the due day itself still counts) and 反馈 is not done. */
export function isFollowUpOverdue(dueDate: string, today: string, closed: boolean): boolean {
  return !closed && today > dueDate;
}
