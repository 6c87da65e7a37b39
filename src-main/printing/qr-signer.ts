import { createHash, createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  CASE_QR_SIG_LENGTH,
  caseQrSignedText,
  formatCaseQr,
  parseCaseQr,
  sameSignature,
} from '@common/printing/qr-payload';
import { parseVerifyUrl, pickupCodeText, pickupVerifierText, verifyUrl } from '@tongban/protocol/verify/url';
import type { SettingsRepo } from '../settings/settings-repo';

const SECRET_KEY = 'printing.qrSecret';
const secretSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/** The outcome of verifying a scanned case QR code. */
export type CaseQrVerification =
  { ok: true; documentNo: string; caseId: string } | { ok: false; reason: 'malformed' | 'bad-signature' };

/**
 * Signs and verifies the case look-up QR code with a per-installation secret (generated on first
 * use and kept in the settings table). The signature proves the code was printed by this window;
 * 96 bits of HMAC-SHA256 are plenty for a code a person presents at a counter.
 */
export class QrSigner {
  private secret: Buffer | null = null;

  constructor(private readonly settings: SettingsRepo) {}

  private key(): Buffer {
    if (this.secret) return this.secret;
    let text = this.settings.get(SECRET_KEY, secretSchema);
    if (!text) {
      text = randomBytes(32).toString('base64url');
      this.settings.set(SECRET_KEY, text);
    }
    this.secret = Buffer.from(text, 'base64url');
    return this.secret;
  }

  private sig(documentNo: string, caseId: string): string {
    return createHmac('sha256', this.key())
      .update(caseQrSignedText(documentNo, caseId))
      .digest('base64url')
      .slice(0, CASE_QR_SIG_LENGTH);
  }

  /** The payload printed in the case QR code: the verification address when the window can sign one. */
  payload(documentNo: string, caseId: string, verify: { base: string; token: string } | null = null): string {
    if (verify) return verifyUrl(verify.base, documentNo, verify.token);
    return formatCaseQr({ documentNo, caseId, sig: this.sig(documentNo, caseId) });
  }

  /** The 8-digit 取件码 printed on a receipt (网络送达). */
  pickupCode(documentNo: string): string {
    const mac = createHmac('sha256', this.key()).update(pickupCodeText(documentNo)).digest();
    return String(mac.readUInt32BE(0) % 100_000_000).padStart(8, '0');
  }

  /** What the gateway stores to recognise the 取件码. */
  pickupVerifier(documentNo: string): string {
    return createHash('sha256')
      .update(pickupVerifierText(documentNo, this.pickupCode(documentNo)))
      .digest('hex');
  }

  verify(text: string): CaseQrVerification {
    const url = parseVerifyUrl(text);
    if (url) {
      // The token is the enrolled device's signature: only the gateway holds what checks it.
      return { ok: true, documentNo: url.documentNo, caseId: '' };
    }
    const parts = parseCaseQr(text);
    if (!parts) return { ok: false, reason: 'malformed' };
    if (!sameSignature(parts.sig, this.sig(parts.documentNo, parts.caseId)))
      return { ok: false, reason: 'bad-signature' };
    return { ok: true, documentNo: parts.documentNo, caseId: parts.caseId };
  }
}
