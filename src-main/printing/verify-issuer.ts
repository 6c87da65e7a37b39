// 扫码核验 (docs/decisions/0165-verification-token.md): where a document's QR code points and the token
// that proves this window printed it — an Ed25519 signature by the window's enrolled device key over
// `TBV1:<documentNo>`, which the gateway checks with the public key it received at enrolment. The
// address is the setting (an administrator's public address for the pages) or the enrolled gateway's;
// a window never enrolled (or revoked) prints the offline TB1 code instead.
import { verifyTokenText } from '@tongban/protocol/verify/url';
import type { SettingsStore } from '../settings/settings-store';
import { signWithDeviceKey } from '../sync/device-keys';
import type { SyncDevice } from '../sync/sync-repo';

/** Makes verification addresses for documents. */
export interface VerifyIssuer {
  base: string;
  token(documentNo: string): string;
}

/** The issuer of this window, or null when it cannot sign (not enrolled, revoked). */
export function verifyIssuerOf(
  settings: Pick<SettingsStore, 'verifyBaseUrl'>,
  device: SyncDevice | null,
): VerifyIssuer | null {
  if (!device || device.revokedAt) return null;
  const base = (settings.verifyBaseUrl() ?? device.gatewayUrl).replace(/\/+$/, '');
  return {
    base,
    token: (documentNo) =>
      Buffer.from(signWithDeviceKey(device.privateKey, verifyTokenText(documentNo)), 'base64').toString('base64url'),
  };
}
