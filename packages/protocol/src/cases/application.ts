import { z } from 'zod';
import { recordedLicenceSchema } from '../licences/licences';

/** Identity documents an applicant or agent may present at the window. */
export const ID_TYPES = [
  'resident-id',
  'hk-mo-tw-residence',
  'foreign-permanent',
  'hk-mo-home-return',
  'tw-mtp',
  'cn-passport',
  'foreign-passport',
] as const;
/** An identity document type. */
export type IdType = (typeof ID_TYPES)[number];

/** Chinese names of the identity document types. */
export const ID_TYPE_LABELS_ZH: Record<IdType, string> = {
  'resident-id': '居民身份证',
  'hk-mo-tw-residence': '港澳台居民居住证',
  'foreign-permanent': '外国人永久居留身份证',
  'hk-mo-home-return': '港澳居民来往内地通行证',
  'tw-mtp': '台湾居民来往大陆通行证',
  'cn-passport': '中华人民共和国护照',
  'foreign-passport': '外国护照',
};

/** How the applicant is served: in person, helped by staff while present (帮办), or through an agent (代办). */
export const APPLY_MODES = ['self', 'assisted', 'proxy'] as const;
/** An application mode. */
export type ApplyMode = (typeof APPLY_MODES)[number];

/** What happened to a material at the counter. */
export const MATERIAL_HANDLINGS = [
  'seen-returned',
  'kept-to-mail',
  'copy',
  'electronic',
  'not-provided',
  /** Satisfied by an 电子证照 looked up through the gateway (免提交原件); the licence is in `licences`. */
  'e-licence',
] as const;
/** A material handling. */
export type MaterialHandling = (typeof MATERIAL_HANDLINGS)[number];

/** Chinese names of material handlings. */
export const MATERIAL_HANDLING_LABELS_ZH: Record<MaterialHandling, string> = {
  'seen-returned': '原件核验后退还',
  'kept-to-mail': '原件留存待寄递',
  copy: '复印件',
  electronic: '电子材料',
  'not-provided': '未提供',
  'e-licence': '调取电子证照（免提交原件）',
};

const text = (max: number) => z.string().trim().max(max, 'too-long');

/** A person on the application (applicant or agent) as typed; validated by the formal check. */
export const personSchema = z
  .object({
    name: text(50),
    idType: z.enum(ID_TYPES),
    idNumber: text(32),
    phone: text(24),
    address: text(200).default(''),
  })
  .strict();

/** A person on the application. */
export type Person = z.infer<typeof personSchema>;

/** One material as handled at the counter. */
export const providedMaterialSchema = z
  .object({
    code: text(40),
    handling: z.enum(MATERIAL_HANDLINGS),
    pages: z.number().int().min(0).max(999),
  })
  .strict();

/** One provided material. */
export type ProvidedMaterial = z.infer<typeof providedMaterialSchema>;

/** The whole application as the wizard submits it; main re-checks everything. */
export const applicationSchema = z
  .object({
    caseId: z.uuid(),
    matterCode: text(40),
    situationCode: text(40),
    localityDivision: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'division-format'),
    mode: z.enum(APPLY_MODES),
    applicant: personSchema,
    agent: personSchema
      .extend({ relationship: text(20) })
      .strict()
      .nullable(),
    form: z.record(z.string().max(40), text(2000)).refine((r) => Object.keys(r).length <= 60, 'too-many-fields'),
    materials: z.array(providedMaterialSchema).max(60),
    delivery: z.enum(['window', 'ems', 'online']),
    deliveryAddress: text(200).default(''),
    /** 电子证照 chosen for materials handled 'e-licence' (main checks each against its own lookup). */
    licences: z.array(recordedLicenceSchema).max(20).optional(),
  })
  .strict();

/** A submitted application. */
export type Application = z.infer<typeof applicationSchema>;
/** A submitted application as typed by the caller (before defaults). */
export type ApplicationInput = z.input<typeof applicationSchema>;
