// 电子印章 as the screens see it: the seal certificate's status (decision 0160).

/** A seal certificate's details. */
export interface SealCertificateView {
  subject: string;
  organization: string | null;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  fingerprint: string;
  training: boolean;
}

/** The window's seal: imported (and its expiry), or the generated 样章/培训 certificate. */
export interface SealStatus {
  imported: boolean;
  certificate: SealCertificateView | null;
  /** 'expiring': 30 days or fewer left. */
  state: 'training' | 'valid' | 'expiring' | 'expired';
  daysLeft: number | null;
}

/** Largest PKCS#12 file accepted (a certificate chain and a key are a few kilobytes). */
export const SEAL_P12_MAX_BYTES = 64 * 1024;
