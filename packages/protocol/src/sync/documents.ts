// Wire manifest of an issued document (扫码核验, docs/decisions/0165-verification-token.md): each time a
// window prints a notice, it reports the document's number, type, the SHA-256 of the bytes it issued
// (the final PDF for A4 documents) and the verifier of the token in the document's QR code. Same rules
// as the 好差评 records: validate only, the print id (UUIDv7) is the idempotency key, pushed after the case.
import { z } from 'zod';

/** Document kinds a window issues and reports. */
export const ISSUED_DOCUMENT_KINDS = [
  'acceptance-receipt',
  'incomplete-notice',
  'rejection-notice',
  'material-transfer',
] as const;
/** An issued document kind. */
export type IssuedDocumentKind = (typeof ISSUED_DOCUMENT_KINDS)[number];

/** A document number as printed (receipt or notice number). */
export const DOCUMENT_NO = /^[0-9A-Z-]{6,40}$/;
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'sha256-format');

/** How the applicant receives the department's result (chosen at intake). */
export const DELIVERY_METHODS = ['post', 'online', 'pickup'] as const;
/** A delivery method: 邮寄 / 网络送达 / 窗口自取. */
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

/** `PUT /v1/cases/{caseId}/documents/{printId}`. */
export const documentManifestSchema = z.strictObject({
  printId: z.uuid(),
  caseId: z.uuid(),
  documentNo: z.string().regex(DOCUMENT_NO, 'document-no-format'),
  kind: z.enum(ISSUED_DOCUMENT_KINDS),
  format: z.string().min(1).max(20),
  copy: z.number().int().min(1).max(999),
  /** SHA-256 of the PDF issued; null when the copy went to a printer (no file to check later). */
  pdfSha256: hex64.nullable(),
  /** SHA-256 (hex) of the QR token; the gateway never learns the token itself until someone scans it. */
  verifier: hex64,
  /** SHA-256 (hex) of `documentNo:取件码` on a receipt that carries one, else null. */
  pickupVerifier: hex64.nullable(),
  issuedAt: z.iso.datetime({ offset: true }),
});

/** A document manifest. */
export type DocumentManifest = z.infer<typeof documentManifestSchema>;
