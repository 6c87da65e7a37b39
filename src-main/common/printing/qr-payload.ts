// The signed case look-up QR code: `TB1:<documentNo>:<caseId>:<sig>`. The signature is a truncated
// HMAC-SHA256 (base64url) with a per-installation secret; computing it needs crypto, so it lives in
// the services layer (printing/qr-signer.ts). This module only formats and parses.

/** Version tag of the payload format. */
export const CASE_QR_VERSION = 'TB1';
/** Length of the base64url signature (16 characters = 96 bits). */
export const CASE_QR_SIG_LENGTH = 16;

/** The parts of a case QR payload. */
export interface CaseQrParts {
  documentNo: string;
  caseId: string;
  sig: string;
}

/** The text the signature covers: everything before the last colon. */
export function caseQrSignedText(documentNo: string, caseId: string): string {
  return `${CASE_QR_VERSION}:${documentNo}:${caseId}`;
}

/** Formats a payload from its parts. */
export function formatCaseQr(parts: CaseQrParts): string {
  return `${caseQrSignedText(parts.documentNo, parts.caseId)}:${parts.sig}`;
}

const PAYLOAD = new RegExp(
  `^${CASE_QR_VERSION}:([0-9A-Z-]{6,40}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([A-Za-z0-9_-]{${CASE_QR_SIG_LENGTH}})$`,
);

/** Parses a scanned payload; null when it is not a well-formed TB1 payload. */
export function parseCaseQr(text: string): CaseQrParts | null {
  const m = PAYLOAD.exec(text.trim());
  if (!m) return null;
  return { documentNo: m[1] as string, caseId: m[2] as string, sig: m[3] as string };
}

/** Constant-time comparison of two signatures of equal length (no early exit on the first difference). */
export function sameSignature(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
