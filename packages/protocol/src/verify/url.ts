// The verification address printed in every document's QR code: `<base>/v/<documentNo>#<token>`.
// The token is in the fragment, which browsers never send to a server; the page's script posts it.
// Pure string work: the window signs (its enrolled Ed25519 device key), the gateway verifies with the
// device's public key, so only the issuing window could have printed a valid code.
import { DOCUMENT_NO } from '../sync/documents';

/** Length of a token: an Ed25519 signature (64 bytes) in base64url. */
export const VERIFY_TOKEN_LENGTH = 86;
const TOKEN = /^[A-Za-z0-9_-]{86}$/;

/** The text the window signs with its device key (Ed25519) for a document's token. */
export const verifyTokenText = (documentNo: string): string => `TBV1:${documentNo}`;
/** The text the window's HMAC covers for a receipt's 取件码. */
export const pickupCodeText = (documentNo: string): string => `TBP1:${documentNo}`;
/** The text whose SHA-256 is a 取件码's verifier. */
export const pickupVerifierText = (documentNo: string, code: string): string => `${documentNo}:${code}`;

/** Whether text is a well-formed token. */
export const isVerifyToken = (text: string): boolean => TOKEN.test(text);

/** The QR address of a document. */
export function verifyUrl(base: string, documentNo: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/v/${encodeURIComponent(documentNo)}#${token}`;
}

/** Parses a scanned verification address; null when it is not one. */
export function parseVerifyUrl(text: string): { base: string; documentNo: string; token: string } | null {
  const m = /^(https?:\/\/[^#?\s]+?)\/v\/([0-9A-Z-]+)#([A-Za-z0-9_-]+)$/.exec(text.trim());
  if (!m) return null;
  const [, base, documentNo, token] = m as unknown as [string, string, string, string];
  if (!DOCUMENT_NO.test(documentNo) || !isVerifyToken(token)) return null;
  return { base, documentNo, token };
}
