// 扫码核验: where a document's QR code points. The setting (an administrator's public address for the
// verification pages, e.g. behind a different host name) wins; otherwise the gateway the window is
// enrolled with; a window that was never enrolled prints the offline TB1 code instead.
import type { SettingsStore } from '../settings/settings-store';
import type { SyncDevice } from '../sync/sync-repo';

/** The base address of the verification pages, or null. */
export function verifyBaseOf(settings: Pick<SettingsStore, 'verifyBaseUrl'>, device: SyncDevice | null): string | null {
  const configured = settings.verifyBaseUrl();
  if (configured) return configured.replace(/\/+$/, '');
  if (!device || device.revokedAt) return null;
  return device.gatewayUrl.replace(/\/+$/, '');
}
