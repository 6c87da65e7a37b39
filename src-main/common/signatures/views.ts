// 电子签名: what the customer screen sends and what the screens are shown (decision 0155).
import { z } from 'zod';
import {
  MAX_SIGNATURE_PNG_BASE64,
  type SignatureDocument,
  type Signer,
} from '@tongban/protocol/sync/manifest-signature';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'sha256-format');
/** One point of a stroke as signature_pad records it (CSS pixels, milliseconds, pressure 0–1). */
const point = z.strictObject({
  x: z.number().finite().min(-10).max(5000),
  y: z.number().finite().min(-10).max(5000),
  time: z.number().finite().min(0),
  pressure: z.number().finite().min(0).max(1),
});
/** One stroke: signature_pad's pen settings and its points. */
const stroke = z.object({ points: z.array(point).min(1).max(5000) }).passthrough();

/** A signing ticket: 43 base64url characters (256 random bits). */
export const signatureTicketSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'ticket-format');

/** What the customer screen sends: the strokes, the image, and the hashes of what it was shown. */
export const signatureSubmitSchema = z
  .object({
    ticket: signatureTicketSchema,
    textSha256: sha256,
    contentSha256: sha256,
    points: z
      .array(stroke)
      .min(1, 'signature-empty')
      .max(200)
      .refine((s) => s.reduce((n, x) => n + x.points.length, 0) >= 10, 'signature-too-short'),
    png: z
      .string()
      .max(MAX_SIGNATURE_PNG_BASE64, 'too-long')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64-format'),
    svg: z.string().min(1).max(400_000, 'too-long'),
  })
  .strict();

/** A signature as submitted. */
export type SignatureSubmit = z.infer<typeof signatureSubmitSchema>;

/** What the customer screen shows for a ticket. */
export interface SignatureTicketView {
  expiresAt: string;
  signer: Signer;
  signerName: string;
  documents: SignatureDocument[];
  text: string;
  textSha256: string;
  contentSha256: string;
}

/** Where one signer stands: not signed, signed and still binding, or signed before an edit. */
export interface SignerStatus {
  signer: Signer;
  documents: SignatureDocument[];
  signatureId: string | null;
  signedAt: string | null;
  state: 'unsigned' | 'valid' | 'stale' | 'purged';
}

/** The signatures of an application as it is now. */
export interface SignatureStatus {
  required: boolean;
  requiredSigner: Signer;
  signers: SignerStatus[];
}

/** A binding signature as a document prints it. */
export interface PrintedSignature {
  signer: Signer;
  signerName: string;
  documents: SignatureDocument[];
  signedAt: string;
  /** The PNG as a data: URI; empty once retention purged it. */
  image: string;
  /** Retention cleared the image (the hashes are kept): printed as signed, image purged. */
  purged?: true;
}

/** What the documents of a case print about its signatures. */
export interface PrintedSignatures {
  list: PrintedSignature[];
  /** The 授权委托书 text: as the applicant signed it, else as it would be shown (signed on paper then). */
  powerOfAttorneyText: string | null;
}
