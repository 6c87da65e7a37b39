import { z } from 'zod';
import { VERIFICATION_ROLES, type VerificationRole } from './verification';

/**
 * The notice the applicant reads on their own display before their face is photographed (个人信息保护法
 * §14, §17, §26, §29: separate consent for sensitive personal information). Main serves this exact text
 * and stores its sha256 with the notice; changing the wording changes the recorded hash.
 */
export const FACE_NOTICE_TEXT =
  '为核验您是否为本证件持有人，本窗口将拍摄您的面部图像，并与证件芯片中的照片进行比对。' +
  '面部图像属于敏感个人信息。图像和比对结果仅用于本次办件的身份核验，随办件材料加密保存并提交受理部门，' +
  '办件办结后按规定期限删除，不用于其他目的。您可以拒绝拍摄，改由工作人员人工核验证件，不影响办理。';

/** How long a notice ticket may be opened on the customer display, and how long an agreement stays usable. */
export const FACE_NOTICE_MINUTES = 10;

/** A notice ticket: 32 random bytes, base64url. */
export const faceNoticeTicketSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'ticket-format');

export const openFaceNoticeSchema = z.object({ caseId: z.uuid(), role: z.enum(VERIFICATION_ROLES) }).strict();
export const faceNoticeAnswerSchema = z
  .object({ ticket: faceNoticeTicketSchema, agreed: z.boolean(), textSha256: z.string().regex(/^[0-9a-f]{64}$/) })
  .strict();

/** Where a notice stands, for the clerk (the clerk's screen waits for the applicant's answer). */
export interface FaceNoticeStatus {
  noticeId: string;
  role: VerificationRole;
  expiresAt: string;
  /** When the customer display fetched the notice (null: not yet shown there). */
  shownAt: string | null;
  answer: 'agreed' | 'refused' | null;
  answeredAt: string | null;
}

/** What the customer display shows for a ticket. */
export interface FaceNoticeView {
  role: VerificationRole;
  text: string;
  textSha256: string;
  expiresAt: string;
  answer: 'agreed' | 'refused' | null;
}
