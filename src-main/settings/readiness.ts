// 上线检查 for administrators: every placeholder still in use and every device not set up.
import type { ReaderSettings } from '@common/identity/settings';
import type { PrintSettings } from '@common/printing/print-settings';
import { isPlaceholderUrl, type ReadinessItem } from '@common/readiness';

/** What the check reads; each is the current setting of its owner. */
export interface ReadinessSources {
  print: PrintSettings;
  reader: ReaderSettings;
  gatewayUrl: string | null;
  cameraDeviceId: string;
  waybillsAvailable: number;
  /** 电子印章: the seal certificate's state (training = none imported). */
  sealCertificate?: 'training' | 'valid' | 'expiring' | 'expired';
  /** 扫码核验: the address QR codes point at (the setting, else the gateway's); null when neither. */
  verifyBase?: string | null;
}

/** The go-live list, in the order an administrator works through it. */
export function readiness(s: ReadinessSources): ReadinessItem[] {
  const { printers, documents } = s.print;
  return [
    { key: 'rating-url', tab: 'devices', severity: 'block', ok: !isPlaceholderUrl(documents.ratingUrl) },
    { key: 'seal', tab: 'devices', severity: 'warn', ok: documents.sealPng !== null },
    {
      key: 'sender-address',
      tab: 'devices',
      severity: 'block',
      ok: documents.hallAddress.trim() !== '' && documents.hallPhone.trim() !== '',
    },
    { key: 'gateway', tab: 'sync', severity: 'block', ok: s.gatewayUrl !== null },
    { key: 'reader', tab: 'devices', severity: 'warn', ok: s.reader.driver === 'http' || s.reader.driver === 'sdtapi' },
    { key: 'thermal-printer', tab: 'devices', severity: 'warn', ok: printers.thermal.trim() !== 'none' },
    { key: 'a4-printer', tab: 'devices', severity: 'warn', ok: printers.a4.trim() !== 'pdf' },
    { key: 'label-printer', tab: 'devices', severity: 'warn', ok: printers.label.trim() !== 'pdf' },
    { key: 'camera', tab: 'devices', severity: 'warn', ok: s.cameraDeviceId !== '' },
    { key: 'waybill-pool', tab: 'devices', severity: 'warn', ok: s.waybillsAvailable > 0 },
    { key: 'seal-certificate', tab: 'devices', severity: 'warn', ok: s.sealCertificate === 'valid' },
    {
      key: 'verify-url',
      tab: 'sync',
      severity: 'warn',
      // Without any address the window prints offline codes and the 'gateway' item says why.
      ok: !s.verifyBase || !isPlaceholderUrl(s.verifyBase),
    },
  ];
}
