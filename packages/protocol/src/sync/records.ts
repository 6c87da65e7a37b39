// Wire manifests of the 好差评 records a window pushes after the case itself: the rating, the
// opening of a 差评 follow-up, and each follow-up step (回访 → 核实 → 整改 → 反馈). Same rules as
// case manifests: validate only (no trim, no defaults), ids minted at the window (UUIDv7), and the
// SHA-256 of the canonical JSON is the idempotency hash.
import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { FOLLOW_UP_STEPS, RATING_INDICATORS, VERIFY_FINDINGS } from '../supervisor/ratings';

const str = (min: number, max: number) => z.string().min(min, 'required').max(max, 'too-long');
const instant = z.iso.datetime({ offset: true });

/**
 * `PUT /v1/cases/{caseId}/ratings/{ratingId}`. `contact` (real-name ratings only) is personal data:
 * stored for the 差评 callback, shown masked, never logged.
 */
export const ratingManifestSchema = z
  .strictObject({
    ratingId: z.uuid(),
    caseId: z.uuid(),
    level: z.number().int().min(1).max(5),
    indicators: z.array(z.enum(RATING_INDICATORS)).min(1).max(4),
    comment: str(0, 500),
    realName: z.boolean(),
    contact: z.strictObject({ name: str(1, 50), phone: str(1, 24) }).nullable(),
    channel: z.enum(['window-device']),
    hallDivision: z.string().regex(/^\d{6}$/, 'division-format'),
    windowCode: str(1, 40),
    /** The window's id of the clerk who served the case (评价对象); ids are per window. */
    clerkId: z.number().int().positive(),
    matterCode: str(1, 40),
    ratedAt: instant,
  })
  .superRefine((r, ctx) => {
    if (r.realName !== (r.contact !== null))
      ctx.addIssue({ code: 'custom', path: ['contact'], message: r.realName ? 'required' : 'anonymous-no-contact' });
  });

/** A rating manifest. */
export type RatingManifest = z.infer<typeof ratingManifestSchema>;

/** `PUT /v1/cases/{caseId}/follow-ups/{followUpId}`: a 差评 opened a follow-up due `dueDate`. */
export const followUpManifestSchema = z.strictObject({
  followUpId: z.uuid(),
  caseId: z.uuid(),
  ratingId: z.uuid(),
  openedAt: instant,
  dueDate: z.iso.date(),
  workingDays: z.number().int().min(1).max(60),
  calendarVersion: str(1, 40),
});

/** A follow-up manifest. */
export type FollowUpManifest = z.infer<typeof followUpManifestSchema>;

/** `PUT /v1/cases/{caseId}/follow-ups/{followUpId}/steps/{stepId}`: one step, recorded once, in order. */
export const followUpStepManifestSchema = z
  .strictObject({
    stepId: z.uuid(),
    followUpId: z.uuid(),
    caseId: z.uuid(),
    step: z.enum(FOLLOW_UP_STEPS),
    note: str(1, 1000),
    contacted: z.boolean().nullable(),
    finding: z.enum(VERIFY_FINDINGS).nullable(),
    byName: str(1, 50),
    at: instant,
  })
  .superRefine((s, ctx) => {
    if ((s.step === 'callback') !== (s.contacted !== null))
      ctx.addIssue({
        code: 'custom',
        path: ['contacted'],
        message: s.step === 'callback' ? 'required' : 'callback-only',
      });
    if ((s.step === 'verify') !== (s.finding !== null))
      ctx.addIssue({ code: 'custom', path: ['finding'], message: s.step === 'verify' ? 'required' : 'verify-only' });
  });

/** A follow-up step manifest. */
export type FollowUpStepManifest = z.infer<typeof followUpStepManifestSchema>;

/** 201/200 body of the three record PUTs; a replay gets the same body. */
export interface RecordPushResponse {
  id: string;
  caseId: string;
  receivedAt: string;
}

/** The text whose SHA-256 (lower-case hex) is a record manifest's hash. */
export function recordCanonicalText(m: RatingManifest | FollowUpManifest | FollowUpStepManifest): string {
  return canonicalJson(m);
}
