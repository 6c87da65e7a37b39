// 电子证照 (electronic licences) instead of originals: the licence types a catalogue material may name, and
// the body and answer of `POST /v1/licences/lookup` (a signed device request, window → gateway).
//
// The lookup is for one case (its purpose, PIPL: only for the case being filed) and one material; it names
// whose licences may be returned: the verified applicant and the persons or organisation the matter names
// (a child for a guardian, the 被投靠人, the business). The gateway returns only licences of those holders,
// never a holder's ID number (the window sent it), and audits every lookup with its case id.
import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { validateResidentId } from '../validators/resident-id';
import { validateUscc } from '../validators/uscc';

/** A licence type code: upper-case letters, digits and '-', as the 电子证照 directory names it. */
export const LICENCE_TYPE_PATTERN = /^[A-Z][A-Z0-9-]{1,39}$/;

/** The licence types the shipped catalogue uses, with their Chinese names (a provider may serve others). */
export const LICENCE_TYPE_NAMES_ZH: Readonly<Record<string, string>> = {
  'HUKOU-BOOK': '居民户口簿',
  'MARRIAGE-CERT': '结婚证',
  'DIVORCE-CERT': '离婚证',
  'BIRTH-CERT': '出生医学证明',
  'BUSINESS-LICENCE': '营业执照',
  'SOCIAL-SECURITY-CARD': '社会保障卡',
};

/** A licence's state in the issuer's register. */
export const LICENCE_STATUSES = ['valid', 'revoked', 'suspended'] as const;
/** One of LICENCE_STATUSES. */
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];
/** Chinese names of the statuses. */
export const LICENCE_STATUS_LABELS_ZH: Record<LicenceStatus, string> = {
  valid: '有效',
  revoked: '已注销',
  suspended: '已暂停',
};

/**
 * The issuer's signature as the gateway checked it against the issuer's public key (docs/licences.md):
 * verified, unverified (no signature, or no key loaded for that issuer) or invalid (never usable).
 */
export const SIGNATURE_STATES = ['verified', 'unverified', 'invalid'] as const;
/** One of SIGNATURE_STATES. */
export type SignatureState = (typeof SIGNATURE_STATES)[number];

/** Who a holder is to the case. */
export const HOLDER_ROLES = ['applicant', 'subject', 'organisation'] as const;
/** One of HOLDER_ROLES. */
export type HolderRole = (typeof HOLDER_ROLES)[number];

const licenceType = z.string().regex(LICENCE_TYPE_PATTERN, 'licence-type-format');
const code = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'code-format');

/** One holder the lookup may return licences of: a resident ID number (persons) or a USCC (organisation). */
export const lookupHolderSchema = z
  .strictObject({ role: z.enum(HOLDER_ROLES), id: z.string().min(15).max(18) })
  .superRefine((h, ctx) => {
    const ok = h.role === 'organisation' ? validateUscc(h.id).ok : validateResidentId(h.id).ok;
    if (!ok) ctx.addIssue({ code: 'custom', path: ['id'], message: 'holder-id-invalid' });
  });

/** The body of `POST /v1/licences/lookup`. */
export const licenceLookupRequestSchema = z
  .strictObject({
    /** The purpose: the case being filed (its id made at the window). */
    caseId: z.uuid(),
    matterCode: code,
    materialCode: code,
    /** The licence types the catalogue lets satisfy the material. */
    licenceTypes: z.array(licenceType).min(1).max(8),
    /** The applicant first; at most the applicant plus three others. */
    holders: z.array(lookupHolderSchema).min(1).max(4),
  })
  .superRefine((r, ctx) => {
    if (r.holders[0]?.role !== 'applicant' && r.holders[0]?.role !== 'organisation')
      ctx.addIssue({ code: 'custom', path: ['holders', 0, 'role'], message: 'applicant-first' });
  });

/** A lookup request. */
export type LicenceLookupRequest = z.infer<typeof licenceLookupRequestSchema>;

const day = z.iso.date();

/** One licence as the gateway returns it: what the window records, nothing more. */
export const licenceSummarySchema = z.strictObject({
  licenceType,
  typeName: z.string().min(1).max(40),
  number: z.string().min(1).max(64),
  /** Whose it is: the role of the holder the request named (the ID number is not returned). */
  holderRole: z.enum(HOLDER_ROLES),
  /** The holder's name, masked (张*明). */
  holderNameMasked: z.string().min(1).max(60),
  issuer: z.string().min(1).max(100),
  issuedOn: day,
  /** null = 长期有效. */
  validUntil: day.nullable(),
  status: z.enum(LICENCE_STATUSES),
  /** Whether the issuer's signature is on the record (电子证照 signed by the issuing authority). */
  issuerSigned: z.boolean(),
  /** The gateway's check of that signature (absent from gateways before it checked them: unverified). */
  signatureState: z.enum(SIGNATURE_STATES).optional(),
  /** SHA-256 (hex) of the provider's full record (licenceRecordHash): the department can check it with the provider. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/** One licence in a lookup answer. */
export type LicenceSummary = z.infer<typeof licenceSummarySchema>;

/** The answer of a lookup. */
export const licenceLookupResponseSchema = z.strictObject({
  lookupId: z.uuid(),
  provider: z.string().min(1).max(60),
  lookedUpAt: z.iso.datetime({ offset: true }),
  licences: z.array(licenceSummarySchema).max(50),
});

/** A lookup answer. */
export type LicenceLookupResponse = z.infer<typeof licenceLookupResponseSchema>;

/** A licence as the provider holds it (the loader's format; see docs/licences.md). */
export interface LicenceRecord {
  licenceType: string;
  typeName: string;
  number: string;
  holderName: string;
  holderId: string;
  issuer: string;
  issuedOn: string;
  validUntil: string | null;
  status: LicenceStatus;
  /** The issuer's signature (base64) where the 电子证照库 has one; null otherwise. */
  issuerSignature: string | null;
  /** The provider's check of issuerSignature (not part of the record, nor of its hash). */
  signatureState?: SignatureState;
}

/** SHA-256 (hex) input of a provider record: its canonical JSON (so both sides can recompute it). */
export function licenceRecordCanonicalText(r: LicenceRecord): string {
  const { signatureState: _checked, ...record } = r;
  return canonicalJson(record);
}

/**
 * What an issuer signs (docs/licences.md): the canonical JSON (sorted keys, no spaces, UTF-8) of the licence's
 * own facts — type, number, holder, issuer, dates. Not its status (the register changes it on revocation), not
 * the display name. Ed25519 signs these bytes; RSA and ECDSA sign their SHA-256.
 */
export function licenceSignedText(r: LicenceRecord): string {
  return canonicalJson({
    licenceType: r.licenceType,
    number: r.number,
    holderName: r.holderName,
    holderId: r.holderId,
    issuer: r.issuer,
    issuedOn: r.issuedOn,
    validUntil: r.validUntil,
  });
}

/**
 * A licence chosen at the window for a material (recorded with the case and pushed in the manifest):
 * the material needs no original or copy (免提交原件).
 */
export const recordedLicenceSchema = z.strictObject({
  materialCode: z.string().min(1).max(40),
  licenceType,
  typeName: z.string().min(1).max(40),
  number: z.string().min(1).max(64),
  holderRole: z.enum(HOLDER_ROLES),
  issuer: z.string().min(1).max(100),
  issuedOn: day,
  validUntil: day.nullable(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  lookupId: z.uuid(),
  lookedUpAt: z.iso.datetime({ offset: true }),
  provider: z.string().min(1).max(60),
});

/** A recorded licence. */
export type RecordedLicence = z.infer<typeof recordedLicenceSchema>;

/** Whether a licence may satisfy a material on `todayIso`: in the register as valid and not past its validity. */
export function licenceUsable(
  l: Pick<LicenceSummary, 'status' | 'validUntil'> & { signatureState?: SignatureState },
  todayIso: string,
): boolean {
  if (l.signatureState === 'invalid') return false;
  return l.status === 'valid' && (l.validUntil === null || l.validUntil >= todayIso);
}
