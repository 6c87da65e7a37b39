// Versioned 跨省通办 matter catalogue: zod schema, inferred types and a pure parser.
import { z } from 'zod';
import { ALWAYS_REFINE, issuesToErrors, prop, reportDuplicates, type IssueSink, type ParseResult } from './issues';
import {
  ACCEPTANCE_MODES,
  APPLY_CHANNELS,
  HANDLING_LEVELS,
  ISSUANCE_METHODS,
  LegalBasisSchema,
  AgencySchema,
  DEFAULT_ACCEPTANCE_MODE,
  GuidanceSchema,
  checkJointParts,
  JointPartSchema,
  type AcceptanceMode,
  APPLICANT_KINDS,
  DELIVERY_METHODS,
  FeeSchema,
  FormFieldSchema,
  MaterialSchema,
  MATTER_TYPES,
  NonEmpty,
  VERIFIABLE_ELEMENTS,
} from './schema-parts';
import { CATALOGUE_VERSION_PATTERN } from './version';

/** Pattern of local matter codes, e.g. 'CQ-KSTB-0001'. */
export const MATTER_CODE_PATTERN = /^[A-Z]{2}-[A-Z]{2,8}-\d{4}$/;
/** Current catalogue schema version. */
export const CATALOGUE_SCHEMA_VERSION = 1;

/** One 办理情形 of a matter: its specific form fields and material list. */
export const SituationSchema = z
  .strictObject({
    code: z.string().regex(/^[A-Z][A-Z0-9-]{0,31}$/, 'situation code must be upper-case letters, digits and "-"'),
    name: NonEmpty,
    description: NonEmpty.optional(),
    promisedDays: z.int().min(0).max(365).optional(),
    fee: FeeSchema.optional(),
    fields: z.array(FormFieldSchema),
    materials: z.array(MaterialSchema).min(1, 'a situation needs at least one material'),
  })
  .superRefine((situation, ctx) => {
    reportDuplicates(ctx, prop(situation, 'fields'), 'key', 'fields', 'field key');
    reportDuplicates(ctx, prop(situation, 'materials'), 'code', 'materials', 'material code');
  }, ALWAYS_REFINE);

/** One 跨省通办 matter (事项) of the catalogue. */
export const MatterSchema = z
  .strictObject({
    code: z.string().regex(MATTER_CODE_PATTERN, 'matter code must look like CQ-KSTB-0001'),
    basicCode: NonEmpty.optional(),
    implementationCode: NonEmpty.optional(),
    name: NonEmpty,
    shortName: NonEmpty.optional(),
    /** The department kind's name (routing.json departmentKinds); departments themselves are data in routing.json. */
    department: NonEmpty,
    type: z.enum(MATTER_TYPES),
    legalBasis: z.array(LegalBasisSchema),
    /** 申请条件 (受理条件). */
    conditions: z.array(NonEmpty).optional(),
    /** 申报方式. */
    applyChannels: z.array(z.enum(APPLY_CHANNELS)).min(1).optional(),
    /** 办理层级 (行使层级). */
    handlingLevels: z.array(z.enum(HANDLING_LEVELS)).min(1).optional(),
    /** 审核程序, in order, e.g. ['收件', '受理', '审查', '决定', '送达']. */
    reviewProcedure: z.array(NonEmpty).min(1).optional(),
    /** 发证方式 and the result's name. */
    issuance: z.strictObject({ methods: z.array(z.enum(ISSUANCE_METHODS)).min(1), result: NonEmpty }).optional(),
    applicantKinds: z.array(z.enum(APPLICANT_KINDS)).min(1),
    agency: AgencySchema,
    promisedDays: z.int().min(0).max(365),
    statutoryDays: z.int().min(0).max(365).optional(),
    fee: FeeSchema,
    delivery: z.array(z.enum(DELIVERY_METHODS)).min(1),
    /** 受理模式; absent means 异地代收代办 (use `acceptanceModeOf`). */
    acceptanceMode: z.enum(ACCEPTANCE_MODES).optional(),
    /** Where and how to apply instead; required for 仅指引 matters. */
    guidance: GuidanceSchema.optional(),
    /** 多地联办: the departments' parts (required exactly when acceptanceMode is 多地联办). */
    jointParts: z.array(JointPartSchema).min(2, '多地联办 needs at least two parts').max(8).optional(),
    keywords: z.array(NonEmpty),
    verified: z.boolean(),
    verificationNote: NonEmpty.optional(),
    unverifiedElements: z.array(z.enum(VERIFIABLE_ELEMENTS)).optional(),
    situations: z.array(SituationSchema).min(1, 'a matter needs at least one situation'),
    /** 电子签名 (decision 0156): whether 受理 needs the signature of the person present, and the 告知承诺 text. */
    signature: z.strictObject({ required: z.boolean(), commitment: NonEmpty.optional() }).optional(),
  })
  .superRefine((matter, ctx) => checkMatter(matter, ctx), ALWAYS_REFINE);

function checkMatter(matter: unknown, ctx: IssueSink): void {
  reportDuplicates(ctx, prop(matter, 'situations'), 'code', 'situations', 'situation code');
  checkJointParts(matter, ctx);
  for (const key of ['applicantKinds', 'delivery', 'keywords', 'unverifiedElements', 'legalBasis', 'applyChannels']) {
    const list = prop(matter, key);
    if (Array.isArray(list) && new Set(list).size !== list.length) {
      ctx.addIssue({ code: 'custom', path: [key], message: `${key} must not contain duplicates` });
    }
  }
  const verified = prop(matter, 'verified');
  if (verified === false && prop(matter, 'verificationNote') === undefined) {
    ctx.addIssue({ code: 'custom', path: ['verificationNote'], message: 'unverified matters need a verificationNote' });
  }
  const unverified = prop(matter, 'unverifiedElements');
  if (verified === true && Array.isArray(unverified) && unverified.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['unverifiedElements'],
      message: 'a verified matter cannot list unverifiedElements',
    });
  }
  if (prop(matter, 'acceptanceMode') === '仅指引' && prop(matter, 'guidance') === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['guidance'],
      message: '仅指引 matters need guidance (where and how to apply)',
    });
  }
  const promised = prop(matter, 'promisedDays');
  const statutory = prop(matter, 'statutoryDays');
  if (typeof promised === 'number' && typeof statutory === 'number' && promised > statutory) {
    ctx.addIssue({
      code: 'custom',
      path: ['promisedDays'],
      message: `promisedDays (${promised}) exceeds statutoryDays (${statutory})`,
    });
  }
  const situations = prop(matter, 'situations');
  if (typeof statutory === 'number' && Array.isArray(situations)) {
    situations.forEach((situation, index) => {
      const days = prop(situation, 'promisedDays');
      if (typeof days === 'number' && days > statutory) {
        ctx.addIssue({
          code: 'custom',
          path: ['situations', index, 'promisedDays'],
          message: `promisedDays (${days}) exceeds statutoryDays (${statutory})`,
        });
      }
    });
  }
}

/** The whole versioned catalogue file (resources/catalogue/catalogue.json). */
export const CatalogueSchema = z
  .strictObject({
    schemaVersion: z.literal(CATALOGUE_SCHEMA_VERSION),
    catalogueVersion: z.string().regex(CATALOGUE_VERSION_PATTERN, "catalogueVersion must look like 'YYYY.MM.N'"),
    publishedAt: z.iso.date(),
    sourceNotes: z.array(NonEmpty).min(1),
    matters: z.array(MatterSchema).min(1),
  })
  .superRefine((catalogue, ctx) => {
    reportDuplicates(ctx, prop(catalogue, 'matters'), 'code', 'matters', 'matter code');
  }, ALWAYS_REFINE);

/** A validated catalogue. */
export type Catalogue = z.infer<typeof CatalogueSchema>;
/** A validated matter (事项). */
export type Matter = z.infer<typeof MatterSchema>;
/** A validated 办理情形. */
export type Situation = z.infer<typeof SituationSchema>;
/** A validated situation form field. */
export type FormField = z.infer<typeof FormFieldSchema>;
/** A validated material (材料). */
export type Material = z.infer<typeof MaterialSchema>;
/** One department's part of a 多地联办 matter. */
export type JointPart = z.infer<typeof JointPartSchema>;
/** Department of a matter. */
export type Department = Matter['department'];

/** Validates unknown JSON as a catalogue and returns it, or EVERY error with its path. */
export function parseCatalogue(json: unknown): ParseResult<'catalogue', Catalogue> {
  const result = CatalogueSchema.safeParse(json);
  if (result.success) return { ok: true, catalogue: result.data };
  return { ok: false, errors: issuesToErrors(result.error.issues) };
}

/** Finds a matter by its local code. */
export function findMatter(catalogue: Catalogue, code: string): Matter | undefined {
  return catalogue.matters.find((matter) => matter.code === code);
}

/** One 设定依据 as text: '《建筑法》第七条、第八条', or the plain string. */
export function legalBasisText(basis: Matter['legalBasis'][number]): string {
  return typeof basis === 'string' ? basis : `${basis.law}${basis.articles.join('、')}`;
}

/** The 受理模式 of a matter (异地代收代办 when the catalogue names none). */
export function acceptanceModeOf(matter: Pick<Matter, 'acceptanceMode'> | undefined): AcceptanceMode {
  return matter?.acceptanceMode ?? DEFAULT_ACCEPTANCE_MODE;
}

/** Effective promised working days of a situation (situation override, else the matter's; 0 = 即办). */
export function effectivePromisedDays(matter: Matter, situation: Situation): number {
  return situation.promisedDays ?? matter.promisedDays;
}

/** The matter's signature rule: absent means no signature is required and there is no 告知承诺. */
export function signatureRuleOf(matter: Pick<Matter, 'signature'> | undefined): {
  required: boolean;
  commitment: string | null;
} {
  return { required: matter?.signature?.required ?? false, commitment: matter?.signature?.commitment ?? null };
}
