// A seal identity: the private key and certificate chain that sign a PDF. Read from a PKCS#12 file
// (imported by an administrator; the password is used once and never kept), kept as PEM, or generated
// as a self-signed 培训/样章 certificate. node-forge keeps parsed UTF-8 names as raw bytes and encodes
// them again when signing, which breaks every signature whose certificate has Chinese names: the
// names are decoded right after parsing (decision 0160).
import { createHash } from 'node:crypto';
import forge from 'node-forge';

/** Signature algorithms. Only RSA/SHA-256 is verifiable by the tools here; SM2/SM3 is a later setting. */
export const SEAL_ALGORITHMS = ['rsa-sha256'] as const;
export type SealAlgorithm = (typeof SEAL_ALGORITHMS)[number];

/** A seal identity as stored: PEM text (private key PKCS#8, then the signer's certificate and its chain). */
export interface StoredSealIdentity {
  keyPem: string;
  /** The signer's certificate first, then the issuing CAs (if the PKCS#12 had them). */
  certPems: string[];
  algorithm: SealAlgorithm;
}

/** What a screen or the 上线检查 shows about a seal certificate. */
export interface SealCertificateInfo {
  subject: string;
  organization: string | null;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the certificate (DER), hex. */
  fingerprint: string;
  /** A generated 样章/培训 certificate, not the hall's. */
  training: boolean;
}

/** Why a PKCS#12 file was refused. */
export type SealErrorReason =
  'unreadable' | 'wrong-password' | 'no-key' | 'no-certificate' | 'key-mismatch' | 'not-rsa';

/** A PKCS#12 file that cannot be used; nothing was changed. */
export class SealIdentityError extends Error {
  constructor(
    readonly reason: SealErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'SealIdentityError';
  }
}

/** Chinese messages for each reason (window and gateway CLI). */
export const SEAL_ERROR_ZH: Record<SealErrorReason, string> = {
  unreadable: '无法读取印章证书文件：请选择 PKCS#12（.p12/.pfx）格式的文件',
  'wrong-password': '印章证书密码不正确',
  'no-key': '印章证书文件中没有私钥',
  'no-certificate': '印章证书文件中没有证书',
  'key-mismatch': '印章证书与私钥不匹配',
  'not-rsa': '暂只支持 RSA 密钥的印章证书（SM2 证书本机无法核验）',
};

/** The marker in the subject of a generated training certificate. */
export const TRAINING_MARK = '样章（培训）';

const UTF8 = forge.asn1.Type.UTF8;

/** Decodes UTF-8 names that node-forge left as raw bytes, so signing encodes them once, not twice. */
function decodeNames(cert: forge.pki.Certificate): forge.pki.Certificate {
  for (const attrs of [cert.subject.attributes, cert.issuer.attributes]) {
    for (const a of attrs as Array<{ valueTagClass?: number; value?: unknown }>) {
      if (a.valueTagClass === UTF8 && typeof a.value === 'string') {
        try {
          a.value = forge.util.decodeUtf8(a.value);
        } catch {
          // Already text (built in memory, not parsed): leave it.
        }
      }
    }
  }
  return cert;
}

const bagsOf = (p12: forge.pkcs12.Pkcs12Pfx, type: string) => p12.getBags({ bagType: type })[type] ?? [];

/** Reads a PKCS#12 file. Throws SealIdentityError with a reason (never echoes the password). */
export function identityFromPkcs12(der: Buffer, password: string): StoredSealIdentity {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    const asn1 = forge.asn1.fromDer(forge.util.createBuffer(der.toString('binary')));
    try {
      p12 = forge.pkcs12.pkcs12FromAsn1(asn1, false, password);
    } catch (err) {
      const msg = (err as Error).message ?? '';
      if (/password|MAC could not be verified|decrypt/i.test(msg))
        throw new SealIdentityError('wrong-password', 'wrong PKCS#12 password');
      throw err;
    }
  } catch (err) {
    if (err instanceof SealIdentityError) throw err;
    throw new SealIdentityError('unreadable', 'not a readable PKCS#12 file');
  }
  const keyBag = [
    ...bagsOf(p12, forge.pki.oids.pkcs8ShroudedKeyBag as string),
    ...bagsOf(p12, forge.pki.oids.keyBag as string),
  ].find((b) => b.key);
  if (!keyBag?.key) throw new SealIdentityError('no-key', 'no private key in the PKCS#12 file');
  const key = keyBag.key as forge.pki.rsa.PrivateKey;
  if (typeof key.n === 'undefined') throw new SealIdentityError('not-rsa', 'only RSA keys are supported');
  const certs = bagsOf(p12, forge.pki.oids.certBag as string)
    .map((b) => b.cert)
    .filter((c): c is forge.pki.Certificate => !!c);
  if (certs.length === 0) throw new SealIdentityError('no-certificate', 'no certificate in the PKCS#12 file');
  const own = certs.find((c) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n?.equals(key.n) && pub.e?.equals(key.e);
  });
  if (!own) throw new SealIdentityError('key-mismatch', 'no certificate matches the private key');
  return {
    keyPem: forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(key))),
    certPems: [own, ...certs.filter((c) => c !== own)].map((c) => forge.pki.certificateToPem(c)),
    algorithm: 'rsa-sha256',
  };
}

/** The parsed identity, ready to sign (names decoded). */
export interface LoadedSealIdentity {
  key: forge.pki.rsa.PrivateKey;
  certificates: forge.pki.Certificate[];
  algorithm: SealAlgorithm;
  info: SealCertificateInfo;
}

const field = (cert: forge.pki.Certificate, where: 'subject' | 'issuer', name: string): string | null => {
  const f = cert[where].getField(name) as { value?: string } | null;
  return typeof f?.value === 'string' ? f.value : null;
};

/** Parses a stored identity (PEM) for signing. */
export function loadIdentity(stored: StoredSealIdentity): LoadedSealIdentity {
  const certificates = stored.certPems.map((pem) => decodeNames(forge.pki.certificateFromPem(pem)));
  const key = forge.pki.privateKeyFromPem(stored.keyPem) as forge.pki.rsa.PrivateKey;
  const own = certificates[0];
  if (!own) throw new SealIdentityError('no-certificate', 'no certificate');
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(own)).getBytes();
  const subject = field(own, 'subject', 'CN') ?? '';
  return {
    key,
    certificates,
    algorithm: stored.algorithm,
    info: {
      subject,
      organization: field(own, 'subject', 'O'),
      issuer: field(own, 'issuer', 'CN') ?? field(own, 'issuer', 'O') ?? '',
      serialNumber: own.serialNumber,
      notBefore: own.validity.notBefore.toISOString(),
      notAfter: own.validity.notAfter.toISOString(),
      fingerprint: createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex'),
      training: subject.includes(TRAINING_MARK),
    },
  };
}

/** Days until the certificate expires (negative once expired). */
export function daysLeft(info: Pick<SealCertificateInfo, 'notAfter'>, now: Date): number {
  return Math.floor((Date.parse(info.notAfter) - now.getTime()) / 86_400_000);
}

/** Whether a seal certificate needs attention: expired, or expiring within `warnDays` (30 by default). */
export function expiryState(info: Pick<SealCertificateInfo, 'notAfter' | 'notBefore'>, now: Date, warnDays = 30) {
  const left = daysLeft(info, now);
  if (left < 0 || Date.parse(info.notBefore) > now.getTime()) return 'expired' as const;
  return left <= warnDays ? ('expiring' as const) : ('valid' as const);
}

/**
 * A self-signed RSA-2048 certificate whose name says 样章（培训）: what signs documents until the hall's
 * own seal certificate is imported. Valid for ten years from `now`.
 */
export function generateTrainingIdentity(holder: string, now: Date = new Date()): StoredSealIdentity {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${forge.util.bytesToHex(forge.random.getBytesSync(15))}`;
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  const attrs = [
    { shortName: 'CN', value: `${holder} ${TRAINING_MARK}`, valueTagClass: UTF8 },
    { shortName: 'O', value: `${holder}（培训用，不具法律效力）`, valueTagClass: UTF8 },
    { shortName: 'C', value: 'CN' },
  ] as forge.pki.CertificateField[];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return {
    keyPem: forge.pki.privateKeyInfoToPem(forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(keys.privateKey))),
    certPems: [forge.pki.certificateToPem(cert)],
    algorithm: 'rsa-sha256',
  };
}
