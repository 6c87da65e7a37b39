// 电子印章 (decision 0160): the hall's seal certificate signs every A4 document the window issues as a
// PDF. An administrator imports it as PKCS#12; the password opens the file once and is never kept. The
// key and certificates are kept (PEM) in the settings table of the encrypted database, like the QR
// secret. Until one is imported, a generated certificate named 样章（培训） signs, and every document
// it signs says so under the seal.
import type { LoadedSealIdentity, StoredSealIdentity } from '@tongban/pdf-seal/identity';
import { z } from 'zod';
import type { Actor, AuditLog } from '../audit/audit-log';
import { AppError } from '@common/errors';
import type { SealStatus } from '@common/printing/seal';
import type { SettingsRepo } from '../settings/settings-repo';

// The signing libraries (node-forge, pdf-lib) load on first use, not at start.
const core = () => Promise.all([import('@tongban/pdf-seal/identity'), import('@tongban/pdf-seal/sign-pdf')]);

const IMPORTED_KEY = 'seal.identity';
const TRAINING_KEY = 'seal.trainingIdentity';
const storedSchema = z.object({
  keyPem: z.string(),
  certPems: z.array(z.string()).min(1),
  algorithm: z.literal('rsa-sha256'),
});

/** Dependencies of the seal service. */
export interface SealServiceDeps {
  settings: SettingsRepo;
  audit: AuditLog;
  /** The name the training certificate carries (the hall's name). */
  holder: () => string;
  /** Printed in the signature dictionary's location (the window code). */
  location: () => string;
  now: () => Date;
}

/** Holds the seal identity and signs A4 documents with it. */
export class SealService {
  private cached: LoadedSealIdentity | null = null;

  constructor(private readonly d: SealServiceDeps) {}

  /** Whether the generated 样章（培训） certificate signs (no certificate imported). */
  isTraining(): boolean {
    return this.d.settings.get(IMPORTED_KEY, storedSchema) === null;
  }

  /** The identity that signs now: the imported certificate, else the (generated once) training one. */
  async identity(): Promise<LoadedSealIdentity> {
    if (this.cached) return this.cached;
    const [{ generateTrainingIdentity, loadIdentity }] = await core();
    let stored: StoredSealIdentity | null = this.d.settings.get(IMPORTED_KEY, storedSchema);
    if (!stored) {
      stored = this.d.settings.get(TRAINING_KEY, storedSchema);
      if (!stored) {
        stored = generateTrainingIdentity(this.d.holder() || '跨省通办窗口', this.d.now());
        this.d.settings.set(TRAINING_KEY, stored);
      }
    }
    this.cached = loadIdentity(stored);
    return this.cached;
  }

  /** What 系统设置 and the 上线检查 show. */
  async status(): Promise<SealStatus> {
    const now = this.d.now();
    if (this.isTraining()) return { imported: false, certificate: null, state: 'training', daysLeft: null };
    const [{ expiryState, daysLeft }] = await core();
    const { info } = await this.identity();
    return { imported: true, certificate: info, state: expiryState(info, now), daysLeft: daysLeft(info, now) };
  }

  /** Imports (or replaces) the hall's seal certificate. Bad file or password: a clear error, nothing changed. */
  async import(actor: Actor, input: { p12Base64: string; password: string }): Promise<SealStatus> {
    const [{ identityFromPkcs12, loadIdentity, expiryState, SealIdentityError, SEAL_ERROR_ZH }] = await core();
    let stored: StoredSealIdentity;
    let loaded: LoadedSealIdentity;
    try {
      stored = identityFromPkcs12(Buffer.from(input.p12Base64, 'base64'), input.password);
      loaded = loadIdentity(stored);
    } catch (err) {
      const reason = err instanceof SealIdentityError ? err.reason : 'unreadable';
      throw new AppError('invalid-input', SEAL_ERROR_ZH[reason], {
        fields: [{ path: reason === 'wrong-password' ? 'password' : 'file', code: `seal-${reason}` }],
      });
    }
    const state = expiryState(loaded.info, this.d.now());
    if (state === 'expired')
      throw new AppError('invalid-input', '印章证书已过期或尚未生效', {
        fields: [{ path: 'file', code: 'seal-expired' }],
      });
    const before = this.d.settings.get(IMPORTED_KEY, storedSchema);
    const previous = before ? loadIdentity(before).info : null;
    this.d.settings.set(IMPORTED_KEY, stored);
    this.cached = loaded;
    this.d.audit.append({
      actor,
      action: previous ? 'seal.replace' : 'seal.import',
      details: {
        subject: loaded.info.subject,
        fingerprint: loaded.info.fingerprint,
        notAfter: loaded.info.notAfter,
        ...(previous ? { previousFingerprint: previous.fingerprint } : {}),
      },
    });
    return this.status();
  }

  /** Signs an A4 document's PDF (its seal anchor becomes the signature field). */
  async sign(pdf: Buffer): Promise<Buffer> {
    const [, { signPdf }] = await core();
    return signPdf(pdf, await this.identity(), {
      reason: 'Electronic seal',
      location: this.d.location(),
      signingTime: this.d.now(),
    });
  }
}
