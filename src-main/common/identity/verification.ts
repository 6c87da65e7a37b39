import { z } from 'zod';
import { ID_TYPES, type IdType } from '@tongban/protocol/cases/application';
import type { FieldProblem } from '../result';
import { LONG_TERM, type CardDocType, type CardRead } from './card';
import type { VerificationProblem } from './checks';
import type { ReaderDriverKind } from './settings';

/** The people of an application whose identity is verified at the window. */
export const VERIFICATION_ROLES = ['applicant', 'agent', 'guardian'] as const;
/** A verified person's role. */
export type VerificationRole = (typeof VERIFICATION_ROLES)[number];

/**
 * chip-visual: the chip was read and the clerk confirmed 人证一致 against the chip photo (or the
 * printed photo when no WLT decoder is installed). manual: the clerk checked the document by eye
 * (reader unavailable, a card without chip, a 户口簿 for a child …); a reason is required.
 */
export const VERIFICATION_METHODS = ['chip-visual', 'manual', 'face-match'] as const;
/** A verification method. */
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date-format');

/** The person as the form holds them (for a guardian: as the clerk entered or filled them from the card). */
export const formPersonSchema = z
  .object({
    name: z.string().trim().min(1, 'required').max(50, 'too-long'),
    idType: z.enum(ID_TYPES),
    idNumber: z.string().trim().min(1, 'required').max(32, 'too-long'),
  })
  .strict();

const common = {
  caseId: z.uuid(),
  role: z.enum(VERIFICATION_ROLES),
  person: formPersonSchema,
  /** The clerk confirms the person at the window is the card holder (人证一致). */
  confirmedMatch: z.boolean(),
};

/** Input of identity:verify. A chip read is referenced by the readId reader:read returned: chip data never comes back from the renderer. */
export const verifyInputSchema = z.discriminatedUnion('method', [
  z.object({ ...common, method: z.literal('chip-visual'), readId: z.uuid() }).strict(),
  z
    .object({
      ...common,
      method: z.literal('manual'),
      manualReason: z.string().trim().min(2, 'reason-too-short').max(200, 'too-long'),
      /** Needed when the number does not encode the birth date (travel permits, 2017 permanent residence cards). */
      birthDate: isoDate.optional(),
      /** The document's validity end, when the clerk records it ('long-term' for 长期). */
      validTo: z.union([isoDate, z.literal(LONG_TERM)]).optional(),
    })
    .strict(),
]);
/** Parsed input of identity:verify. */
export type VerifyInput = z.output<typeof verifyInputSchema>;

/** A staff member as shown next to what they did. */
export interface StaffRef {
  id: number;
  name: string;
}

/** One verification attempt, ID number masked; chip data itself is never part of it. */
export interface VerificationView {
  id: number;
  caseId: string;
  role: VerificationRole;
  method: VerificationMethod;
  result: 'pass' | 'fail';
  problems: VerificationProblem[];
  idType: IdType;
  cardDocType: CardDocType | null;
  name: string;
  idNumberMasked: string;
  /** Under 18 on the day of verification; null when the birth date is unknown. */
  minor: boolean | null;
  validTo: string | null;
  /** sha256 of the chip record (canonical JSON of the normalised card, photo included). */
  chipSha256: string | null;
  /** Whether a decoded chip photo was shown to the clerk. */
  photoShown: boolean;
  manualReason: string | null;
  confirmedMatch: boolean;
  verifiedBy: StaffRef;
  verifiedAt: string;
  /** Whether the chip data and photo are still stored (until purged after delivery). */
  chipDataHeld: boolean;
  /** The latest attempt of its role since the case was last decided: the one acceptance looks at. */
  current: boolean;
  /** For method face-match: what main measured (absent for other methods). */
  faceMatch?: FaceMatchView | null;
}

/** One face comparison as main decided it (人证比对). */
export interface FaceMatchView {
  /** Cosine similarity of the frame's face and the chip photo's face; null when no comparison was possible. */
  similarity: number | null;
  threshold: number;
  model: string;
  modelVersion: string;
  frameSha256: string;
  /** Whether the frame is still stored (purged with the chip data). */
  frameHeld: boolean;
  facesInFrame: number;
  /** Advisory anti-spoofing and liveness scores (0..1): shown, stored, never the only gate. */
  realScore: number | null;
  liveScore: number | null;
}

/** Media types of a captured frame. */
export const FRAME_MEDIA_TYPES = ['image/jpeg', 'image/png'] as const;

/**
 * Input of identity:faceMatch: the frame the renderer captured after the PIPL notice was shown, and
 * the chip read it is compared with. `rendererScore` (the renderer's fast preview) is advisory: main
 * recomputes everything and only records it next to its own figure.
 */
export const faceMatchInputSchema = z
  .object({
    caseId: z.uuid(),
    role: z.enum(VERIFICATION_ROLES),
    person: formPersonSchema,
    readId: z.uuid(),
    frame: z.object({ mediaType: z.enum(FRAME_MEDIA_TYPES), base64: z.base64().max(4_000_000) }).strict(),
    /** The applicant was shown the notice on the use of their face image (个人信息保护法 §26, §29-30). */
    noticeShown: z.literal(true),
    /** The notice the applicant agreed to on their own display (identity:openFaceNotice); main checks it. */
    noticeId: z.uuid(),
    rendererScore: z.number().min(-1).max(1).optional(),
  })
  .strict();
/** Parsed input of identity:faceMatch. */
export type FaceMatchInput = z.output<typeof faceMatchInputSchema>;

/** A supervisor's override of one role's verification. */
export interface OverrideView {
  id: number;
  caseId: string;
  role: VerificationRole;
  reason: string;
  approvedBy: StaffRef;
  approvedAt: string;
  current: boolean;
}

/** identity:list: attempts (newest first), overrides, and, when the application was given, what would block acceptance. */
export interface IdentityListView {
  verifications: VerificationView[];
  overrides: OverrideView[];
  problems: FieldProblem[] | null;
}

/** A chip read held in main for verification; the one output that carries the full ID number (to fill the form). */
export interface CardReadView {
  readId: string;
  readAt: string;
  driver: ReaderDriverKind;
  card: CardRead;
  idType: IdType;
  /** Card checks on today's date (number, birth date, sex, validity). */
  problems: VerificationProblem[];
  photoAvailable: boolean;
  minor: boolean;
}

/** Reader states pushed to the UI. */
export const READER_STATES = ['disconnected', 'ready', 'card-present', 'reading', 'error'] as const;
/** A reader state. */
export type ReaderState = (typeof READER_STATES)[number];

/** A sample card of the simulated reader (training), ID number masked. */
export interface TestCardSummary {
  cardId: string;
  label: string;
  docType: CardDocType;
  idNumberMasked: string;
}
