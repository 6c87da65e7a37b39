// 上线检查: what still holds a shipped placeholder or is not set up before a window goes live.

/** One item of the go-live check. */
export interface ReadinessItem {
  key: ReadinessKey;
  /** Which 系统设置 tab fixes it. */
  tab: 'hall' | 'devices' | 'sync' | 'security' | 'backup';
  ok: boolean;
  /** 'block': documents are refused or cases cannot leave the window; 'warn': works, but not as a hall would sign. */
  severity: 'block' | 'warn';
}

export const READINESS_KEYS = [
  'rating-url',
  'seal',
  'sender-address',
  'gateway',
  'reader',
  'thermal-printer',
  'a4-printer',
  'label-printer',
  'camera',
  'waybill-pool',
  'seal-certificate',
  'verify-url',
] as const;
export type ReadinessKey = (typeof READINESS_KEYS)[number];

/** Hosts reserved for examples and documentation (RFC 2606/6761): such an address is a placeholder. */
const PLACEHOLDER_HOST = /(^|\.)(example\.(com|net|org)|example|invalid|test|localhost)$/i;

/** Whether a URL (a template with {windowCode}/{documentNo} too) points at a placeholder host. */
export function isPlaceholderUrl(url: string): boolean {
  const host = /^[a-z][a-z0-9+.-]*:\/\/([^/?#:]+)/i.exec(url.trim())?.[1];
  return !host || PLACEHOLDER_HOST.test(host);
}
