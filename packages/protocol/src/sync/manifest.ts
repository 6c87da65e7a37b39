// Wire manifests of the sync protocol (window client → department gateway). The schemas only
// validate and never transform (no trim, no defaults): the canonical text of what the client
// sends must be the canonical text of what the gateway parses, or the manifest hashes differ.
import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import { APPLY_MODES, ID_TYPES, MATERIAL_HANDLINGS } from '../cases/application';
import { manifestSignatureSchema } from './manifest-signature';
import { recordedLicenceSchema } from '../licences/licences';
import { manifestFaceMatchesSchema } from './manifest-face-match';
import { manifestPartsSchema } from './joint-parts';

/** Largest attachment a slot may declare (50 MiB). */
export const MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024;
/** Largest attachment sent in one `PUT …/attachments/{id}`; larger ones use ranged PATCH uploads. */
export const SINGLE_PUT_MAX_BYTES = 1024 * 1024;
/** Largest chunk of one `PATCH …/attachments/{id}`. */
export const MAX_CHUNK_BYTES = 1024 * 1024;
/** Media types an attachment may have. */
export const ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
/** An attachment media type. */
export type AttachmentMediaType = (typeof ATTACHMENT_MEDIA_TYPES)[number];

const str = (min: number, max: number) => z.string().min(min, 'required').max(max, 'too-long');
const division = z.string().regex(/^\d{6}$/, 'division-format');
const instant = z.iso.datetime({ offset: true });

/** A person on a manifest (applicant). */
export const manifestPersonSchema = z.strictObject({
  name: str(1, 50),
  idType: z.enum(ID_TYPES),
  idNumber: str(1, 32),
  phone: str(0, 24),
  address: str(0, 200),
});

/** One material as handled at the counter, with its catalogue name. */
export const manifestMaterialSchema = z.strictObject({
  code: str(1, 40),
  name: str(1, 100),
  handling: z.enum(MATERIAL_HANDLINGS),
  pages: z.number().int().min(0).max(999),
  required: z.boolean(),
});

/** One attachment slot: identity and integrity of a file the client will upload. */
export const attachmentSlotSchema = z.strictObject({
  attachmentId: z.uuid(),
  materialCode: str(1, 40),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'sha256-format'),
  size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES),
});

/** An attachment slot. */
export type AttachmentSlot = z.infer<typeof attachmentSlotSchema>;

type CodedMaterial = { code: string };

/** Reports duplicate attachment ids and slots whose material code is not among the materials. */
function checkSlots(value: { materials: CodedMaterial[]; attachments: AttachmentSlot[] }, ctx: z.RefinementCtx): void {
  const codes = new Set(value.materials.map((m) => m.code));
  const seen = new Set<string>();
  value.attachments.forEach((a, i) => {
    if (seen.has(a.attachmentId))
      ctx.addIssue({ code: 'custom', path: ['attachments', i, 'attachmentId'], message: 'duplicate' });
    seen.add(a.attachmentId);
    if (!codes.has(a.materialCode))
      ctx.addIssue({ code: 'custom', path: ['attachments', i, 'materialCode'], message: 'unknown-material' });
  });
}

/** The case manifest pushed with `PUT /v1/cases/{caseId}`. */
export const caseManifestSchema = z
  .strictObject({
    caseId: z.uuid(),
    receiptNo: str(1, 40),
    windowCode: str(1, 40),
    hallDivision: division,
    /** Gateway partition key (route.gatewayDistrict); must equal the pushing device's district. */
    district: division,
    departmentId: str(1, 64),
    departmentName: str(1, 100),
    matterCode: str(1, 40),
    matterName: str(1, 200),
    situationCode: str(1, 40),
    situationName: str(1, 200),
    catalogueVersion: str(1, 40),
    localityDivision: division,
    mode: z.enum(APPLY_MODES),
    applicant: manifestPersonSchema,
    agent: manifestPersonSchema.extend({ relationship: str(1, 20) }).nullable(),
    form: z
      .record(z.string().max(40), z.string().max(4000))
      .refine((r) => Object.keys(r).length <= 100, 'too-many-fields'),
    materials: z.array(manifestMaterialSchema).max(100),
    attachments: z.array(attachmentSlotSchema).max(200),
    acceptedAt: instant,
    promisedDays: z.number().int().min(0).max(3650).nullable(),
    /** 电子签名 (protocol 1.3, optional: absent on older clients and on cases nobody signed). */
    signatures: z.array(manifestSignatureSchema).max(4).optional(),
    /** 电子证照 that satisfied materials (免提交原件); absent when none, so older manifests hash the same. */
    licences: z.array(recordedLicenceSchema).min(1).max(20).optional(),
    /** 人证比对 per person (optional: absent when no face match decided the identity check; decision 0154). */
    faceMatches: manifestFaceMatchesSchema.optional(),
    /** 多地联办: the departments' parts (absent on other matters, so their manifests hash as before; decision 0215). */
    parts: manifestPartsSchema.optional(),
  })
  .superRefine(checkSlots)
  .superRefine((m, ctx) => {
    const first = m.parts?.find((p) => p.step === 1);
    if (first && first.departmentId !== m.departmentId)
      ctx.addIssue({ code: 'custom', path: ['parts'], message: 'first-part-department' });
  });

/** A case manifest. */
export type CaseManifest = z.infer<typeof caseManifestSchema>;

/** One material added by a supplement (补正). */
export const supplementMaterialSchema = manifestMaterialSchema.omit({ required: true });

/** The supplement manifest pushed with `PUT /v1/cases/{caseId}/supplements/{supplementId}`. */
export const supplementManifestSchema = z
  .strictObject({
    supplementId: z.uuid(),
    caseId: z.uuid(),
    materials: z.array(supplementMaterialSchema).min(1, 'required').max(100),
    attachments: z.array(attachmentSlotSchema).max(200),
    note: str(0, 2000),
    submittedAt: instant,
  })
  .superRefine(checkSlots);

/** A supplement manifest. */
export type SupplementManifest = z.infer<typeof supplementManifestSchema>;

/** The text whose SHA-256 (lower-case hex) is a case manifest's hash: its canonical JSON (RFC 8785 style). */
export function manifestCanonicalText(m: CaseManifest): string {
  return canonicalJson(m);
}

/** The text whose SHA-256 (lower-case hex) is a supplement manifest's hash. */
export function supplementCanonicalText(m: SupplementManifest): string {
  return canonicalJson(m);
}
