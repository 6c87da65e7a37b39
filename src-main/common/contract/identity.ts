import { z } from 'zod';
import { applicationSchema } from '@tongban/protocol/cases/application';
import { CARD_DOC_TYPES } from '../identity/card';
import {
  faceThresholdSchema,
  identitySettingsSchema,
  READER_DRIVERS,
  type IdentitySettings,
} from '../identity/settings';
import {
  READER_STATES,
  VERIFICATION_ROLES,
  verifyInputSchema,
  faceMatchInputSchema,
  type CardReadView,
  type IdentityListView,
  type OverrideView,
  type TestCardSummary,
  type VerificationView,
} from '../identity/verification';
import { COUNTER_ROLES } from '../roles';
import {
  faceNoticeAnswerSchema,
  faceNoticeTicketSchema,
  openFaceNoticeSchema,
  type FaceNoticeStatus,
  type FaceNoticeView,
} from '../identity/face-notice';
import { command, PUBLIC, rolesOnly } from './define';

export type { CardReadView, IdentityListView, IdentitySettings, OverrideView, TestCardSummary, VerificationView };

const none = z.object({}).strict();
const COUNTER = rolesOnly(...COUNTER_ROLES);

/** Payload of the `reader:status` event and of the reader commands that change it. */
export const readerStatusSchema = z.object({
  state: z.enum(READER_STATES),
  driver: z.enum(READER_DRIVERS),
  /** Developer-facing detail (English); the UI words the state by `errorCode`. */
  message: z.string().optional(),
  errorCode: z.string().optional(),
  /** The sample card on the simulated reader, if any. */
  simulatedCardId: z.string().nullable().optional(),
});
/** The reader's state. */
export type ReaderStatus = z.output<typeof readerStatusSchema>;

/** Identity commands: the card reader (status, read, sample cards, settings) and 人证核验 per person of a case. */
export const identityCommands = {
  'reader:status': command<ReaderStatus>()(none, COUNTER),
  /** Reads the card now; with `readId`, returns a read already held (e.g. taken when the card was placed). Full ID number: fills the form. */
  'reader:read': command<CardReadView>()(z.object({ readId: z.uuid().optional() }).strict(), COUNTER),
  'reader:testCards': command<TestCardSummary[]>()(none, COUNTER),
  'reader:placeSimulatedCard': command<ReaderStatus>()(
    z.object({ cardId: z.string().regex(/^[a-z0-9-]{1,40}$/, 'card-id-format') }).strict(),
    COUNTER,
  ),
  'reader:removeSimulatedCard': command<ReaderStatus>()(none, COUNTER),
  'identity:getSettings': command<IdentitySettings>()(none, rolesOnly('admin')),
  'identity:updateSettings': command<IdentitySettings>()(identitySettingsSchema, rolesOnly('admin')),
  'identity:verify': command<VerificationView>()(verifyInputSchema, COUNTER),
  'identity:list': command<IdentityListView>()(
    z.object({ caseId: z.uuid(), application: applicationSchema.optional() }).strict(),
    COUNTER,
    256 * 1024,
  ),
  'identity:override': command<OverrideView>()(
    z
      .object({
        caseId: z.uuid(),
        role: z.enum(VERIFICATION_ROLES),
        reason: z.string().trim().min(4, 'reason-too-short').max(500, 'too-long'),
      })
      .strict(),
    rolesOnly('supervisor'),
  ),
  'identity:purgeChipData': command<{ purged: number; minimised: number }>()(none, rolesOnly('admin')),
  /** 人证比对: main compares the captured frame with the held chip photo and records a face-match verification. */
  'identity:faceMatch': command<VerificationView>()(faceMatchInputSchema, COUNTER, 4 * 1024 * 1024),
  /** 人证比对阈值 (decision 0190): the one way to change it; 0.60–0.85, audited old → new. */
  'identity:setFaceThreshold': command<IdentitySettings>()(
    z.object({ threshold: faceThresholdSchema }).strict(),
    rolesOnly('admin'),
  ),
  /**
   * 人证比对 PIPL notice on the applicant's display (decision 0190): the clerk opens a one-time ticket and
   * follows its status; the customer display (no staff session, the ticket its only credential, as for
   * 电子签名) fetches the notice — main records when — and answers; the answer refuses a staff session.
   */
  'identity:openFaceNotice': command<{ noticeId: string; ticket: string; expiresAt: string }>()(
    openFaceNoticeSchema,
    COUNTER,
  ),
  'identity:faceNoticeStatus': command<FaceNoticeStatus>()(z.object({ noticeId: z.uuid() }).strict(), COUNTER),
  'identity:faceNoticeView': command<FaceNoticeView>()(z.object({ ticket: faceNoticeTicketSchema }).strict(), PUBLIC),
  'identity:faceNoticeAnswer': command<{ answer: 'agreed' | 'refused'; answeredAt: string }>()(
    faceNoticeAnswerSchema,
    PUBLIC,
  ),
};

/** Events the main process pushes for identity: reader state, and a card read on placement (masked; fetch it with reader:read {readId}). */
export const identityEvents = {
  'reader:status': readerStatusSchema,
  'reader:card': z.object({
    readId: z.string(),
    docType: z.enum(CARD_DOC_TYPES),
    idNumberMasked: z.string(),
    readAt: z.string(),
  }),
};
