// 电子签名 on the case manifest (issue #12, decision 0155). The applicant (or the agent) signs on the customer
// screen the exact text the window showed; the record carries the SHA-256 of that text and of the case's
// signed content, the canonical JSON of the manifest fields the signer confirmed. Whoever holds the manifest
// recomputes both: a signature moved to another case or kept after an edit no longer matches. Pure: each side
// hashes with its own crypto.
import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import type { ApplyMode, IdType } from '../cases/application';

/** Who signs at the window: the applicant, or the agent (代办人). */
export const SIGNERS = ['applicant', 'agent'] as const;
/** A signer. */
export type Signer = (typeof SIGNERS)[number];

/** What a signer may sign: 申请表确认, 告知承诺, 授权委托书 (applicant), 代办人承诺 (agent). */
export const SIGNATURE_DOCUMENTS = ['application', 'commitment', 'power-of-attorney', 'agent-undertaking'] as const;
/** A signed document. */
export type SignatureDocument = (typeof SIGNATURE_DOCUMENTS)[number];

/** Chinese names of signers and documents. */
export const SIGNER_LABELS_ZH: Record<Signer, string> = { applicant: '申请人', agent: '代办人' };
export const SIGNATURE_DOCUMENT_LABELS_ZH: Record<SignatureDocument, string> = {
  application: '申请表确认',
  commitment: '告知承诺书',
  'power-of-attorney': '授权委托书',
  'agent-undertaking': '代办人承诺',
};

/** Longest text a signer is shown (all documents of one signing together). */
export const MAX_SIGNED_TEXT = 20_000;
/** Largest signature PNG, base64 (about 150 KB of image). */
export const MAX_SIGNATURE_PNG_BASE64 = 200_000;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256-format');

/** One signature as pushed with the case (additive manifest field `signatures`, protocol 1.3). */
export const manifestSignatureSchema = z.strictObject({
  signatureId: z.uuid(),
  signer: z.enum(SIGNERS),
  signerName: z.string().min(1, 'required').max(50, 'too-long'),
  documents: z.array(z.enum(SIGNATURE_DOCUMENTS)).min(1).max(SIGNATURE_DOCUMENTS.length),
  /** The exact text shown to the signer. */
  text: z.string().min(1, 'required').max(MAX_SIGNED_TEXT, 'too-long'),
  textSha256: sha256Hex,
  /** SHA-256 of signedContentText(manifest) when signed. */
  contentSha256: sha256Hex,
  signedAt: z.iso.datetime({ offset: true }),
  /** The signature image, PNG, base64. */
  png: z
    .string()
    .min(1, 'required')
    .max(MAX_SIGNATURE_PNG_BASE64, 'too-long')
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64-format'),
  pngSha256: sha256Hex,
});

/** A signature on the manifest. */
export type ManifestSignature = z.infer<typeof manifestSignatureSchema>;

/** A person as the manifest carries them. */
interface SignedPerson {
  name: string;
  idType: IdType;
  idNumber: string;
  phone: string;
  address: string;
}

/** The manifest fields a signature covers: the case, the matter, the people and the application form. */
export interface SignedContent {
  caseId: string;
  matterCode: string;
  situationCode: string;
  localityDivision: string;
  mode: ApplyMode;
  applicant: SignedPerson;
  agent: (SignedPerson & { relationship: string }) | null;
  form: Record<string, string>;
}

/**
 * The text whose SHA-256 is a signature's `contentSha256`: the canonical JSON of the signed fields. Receipt
 * number, acceptance time, materials and attachments are not covered (they are assigned or scanned after
 * the applicant signs); everything the applicant confirmed is.
 */
export function signedContentText(m: SignedContent): string {
  const person = (p: SignedPerson) => ({
    name: p.name,
    idType: p.idType,
    idNumber: p.idNumber,
    phone: p.phone,
    address: p.address,
  });
  return canonicalJson({
    caseId: m.caseId,
    matterCode: m.matterCode,
    situationCode: m.situationCode,
    localityDivision: m.localityDivision,
    mode: m.mode,
    applicant: person(m.applicant),
    agent: m.agent ? { ...person(m.agent), relationship: m.agent.relationship } : null,
    form: m.form,
  });
}

/** Why a signature does not bind to a manifest. */
export type SignatureBindingProblem = 'text-hash' | 'content-hash' | 'png-hash';

/** Recomputes a signature's hashes against its own text and image and the manifest it travels with. */
export function signatureBindingProblems(
  m: SignedContent,
  s: Pick<ManifestSignature, 'text' | 'textSha256' | 'contentSha256' | 'png' | 'pngSha256'>,
  sha256: (data: string | Uint8Array) => string,
  pngBytes: (base64: string) => Uint8Array,
): SignatureBindingProblem[] {
  const problems: SignatureBindingProblem[] = [];
  if (sha256(s.text) !== s.textSha256) problems.push('text-hash');
  if (sha256(signedContentText(m)) !== s.contentSha256) problems.push('content-hash');
  if (sha256(pngBytes(s.png)) !== s.pngSha256) problems.push('png-hash');
  return problems;
}
