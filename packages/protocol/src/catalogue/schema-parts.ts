// Leaf schemas of the catalogue: enums, form fields and materials.
import { z } from 'zod';
import { ALWAYS_REFINE, prop, type IssueSink } from './issues';
import { LICENCE_TYPE_PATTERN } from '../licences/licences';

/**
 * 受理模式 of a matter (work plan 二(五) 收受分离): who takes the application and who 受理s it.
 * - 异地代收代办 (default): the window 收件s (形式审查, 身份核验) and passes the case on; the 办理地 department 受理s.
 * - 委托受理: the 办理地 department has delegated 受理 to the window (行政许可法 §24); the window issues
 *   受理/不予受理通知书 in the department's name, naming the department's 复议机关 and court.
 * - 全程网办: the window helps the applicant file online and records it.
 * - 多地联办: several departments each do a part (execution not implemented yet).
 * - 仅指引: the window only guides (e.g. 婚姻登记: both parties in person at a 婚姻登记机关).
 */
export const ACCEPTANCE_MODES = ['异地代收代办', '委托受理', '全程网办', '多地联办', '仅指引'] as const;
/** A 受理模式. */
export type AcceptanceMode = (typeof ACCEPTANCE_MODES)[number];
/** The mode of a matter that does not name one. */
export const DEFAULT_ACCEPTANCE_MODE: AcceptanceMode = '异地代收代办';

/** Closed enum of 依申请 matter types (行政许可 … 公共服务). */
export const MATTER_TYPES = [
  '行政许可',
  '行政给付',
  '行政确认',
  '行政裁决',
  '行政奖励',
  '其他行政权力',
  '公共服务',
] as const;
/** Applicant kinds (服务对象): 自然人 / 法人 / 非法人组织 (其他组织). */
export const APPLICANT_KINDS = ['natural-person', 'legal-person', 'other-organisation'] as const;
/** 申报方式: how an application may be filed. */
export const APPLY_CHANNELS = ['窗口办理', '网上办理', '邮寄申请', '自助终端'] as const;
/** 办理层级 (行使层级) of the bodies that may handle a matter. */
export const HANDLING_LEVELS = ['国家级', '省级', '市级', '县级', '乡级'] as const;
/** 发证方式: how the result reaches the applicant. */
export const ISSUANCE_METHODS = ['窗口领取', '邮寄送达', '电子证照', '网上告知', '无证照结果'] as const;
/** Result delivery options. */
export const DELIVERY_METHODS = ['window', 'ems'] as const;
/** Input kinds a situation form field may use. */
export const FIELD_KINDS = [
  'text',
  'id-number',
  'mobile',
  'landline',
  'date',
  'postcode',
  'select',
  'division',
  'textarea',
  'uscc',
  'person-name',
  'number',
] as const;
/** Physical form of a material. */
export const MATERIAL_FORMS = ['original', 'copy', 'electronic', 'original-or-electronic'] as const;
/** Necessity of a material. */
export const MATERIAL_REQUIREMENTS = ['required', 'conditional', 'optional'] as const;
/** Matter elements that may be flagged as not yet checked against the official 实施清单. */
export const VERIFIABLE_ELEMENTS = [
  'codes',
  'type',
  'legalBasis',
  'conditions',
  'applyChannels',
  'acceptanceMode',
  'handlingLevels',
  'reviewProcedure',
  'issuance',
  'applicantKinds',
  'agency',
  'promisedDays',
  'statutoryDays',
  'fee',
  'delivery',
  'situations',
  'materials',
] as const;
/**
 * Keys of the standard applicant fields the wizard always shows; situation fields must not reuse them.
 */
export const STANDARD_APPLICANT_FIELD_KEYS = [
  'applicantName',
  'applicantIdType',
  'applicantIdNumber',
  'applicantMobile',
  'applicantAddress',
  'applicantDivision',
  'agentName',
  'agentIdNumber',
  'agentMobile',
  'deliveryMethod',
  'deliveryAddress',
] as const;

/** Kinds on which `maxLength` is meaningful. */
const LENGTH_KINDS: ReadonlySet<string> = new Set(['text', 'textarea', 'person-name']);
const STANDARD_KEYS: ReadonlySet<string> = new Set(STANDARD_APPLICANT_FIELD_KEYS);

/** A non-empty trimmed string. */
export const NonEmpty = z.string().trim().min(1, 'must not be empty');

/** One input on the form of a situation. */
export const FormFieldSchema = z
  .strictObject({
    key: z.string().regex(/^[a-z][A-Za-z0-9]{0,39}$/, 'key must be camelCase ASCII (max 40 chars)'),
    label: NonEmpty,
    kind: z.enum(FIELD_KINDS),
    required: z.boolean(),
    options: z.array(NonEmpty).optional(),
    maxLength: z.int().min(1).max(10_000).optional(),
    help: NonEmpty.optional(),
  })
  .superRefine((field, ctx) => checkField(field, ctx), ALWAYS_REFINE);

function checkField(field: unknown, ctx: IssueSink): void {
  const kind = prop(field, 'kind');
  const options = prop(field, 'options');
  const key = prop(field, 'key');
  if (kind === 'select') {
    if (!Array.isArray(options) || options.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'select fields need at least one option' });
    } else if (new Set(options).size !== options.length) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'select options must be unique' });
    }
  } else if (options !== undefined && typeof kind === 'string') {
    ctx.addIssue({
      code: 'custom',
      path: ['options'],
      message: `options are only allowed on select fields, not "${kind}"`,
    });
  }
  if (prop(field, 'maxLength') !== undefined && typeof kind === 'string' && !LENGTH_KINDS.has(kind)) {
    ctx.addIssue({ code: 'custom', path: ['maxLength'], message: `maxLength is not allowed on "${kind}" fields` });
  }
  if (typeof key === 'string' && STANDARD_KEYS.has(key)) {
    ctx.addIssue({
      code: 'custom',
      path: ['key'],
      message: `"${key}" is a standard applicant field and must not be repeated in a situation`,
    });
  }
}

/** One item of a situation's material list (材料清单). */
export const MaterialSchema = z
  .strictObject({
    code: z.string().regex(/^[A-Z][A-Z0-9-]{0,31}$/, 'material code must be upper-case letters, digits and "-"'),
    name: NonEmpty,
    form: z.enum(MATERIAL_FORMS),
    copies: z.int().min(1).max(99),
    requirement: z.enum(MATERIAL_REQUIREMENTS),
    condition: NonEmpty.optional(),
    mailOriginalToLocality: z.boolean(),
    note: NonEmpty.optional(),
    /** 电子证照 types that can satisfy this material instead of the original (调取电子证照;免提交原件). */
    licenceTypes: z
      .array(z.string().regex(LICENCE_TYPE_PATTERN, 'licence type code must be upper-case letters, digits and "-"'))
      .min(1)
      .max(8)
      .optional(),
  })
  .superRefine((material, ctx) => checkMaterial(material, ctx), ALWAYS_REFINE);

function checkMaterial(material: unknown, ctx: IssueSink): void {
  const requirement = prop(material, 'requirement');
  const condition = prop(material, 'condition');
  if (requirement === 'conditional' && condition === undefined) {
    ctx.addIssue({ code: 'custom', path: ['condition'], message: 'conditional materials need a condition' });
  }
  if (requirement !== 'conditional' && typeof requirement === 'string' && condition !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['condition'],
      message: `condition is only allowed when requirement is "conditional"`,
    });
  }
  const form = prop(material, 'form');
  if (prop(material, 'mailOriginalToLocality') === true && (form === 'copy' || form === 'electronic')) {
    ctx.addIssue({
      code: 'custom',
      path: ['mailOriginalToLocality'],
      message: `cannot mail an original when form is "${form}"`,
    });
  }
}

/** Where and how to apply instead (printed on a 不予收件告知书 and shown for 仅指引 matters). */
export const GuidanceSchema = z.strictObject({
  /** Where: e.g. '户籍所在地或经常居住地的婚姻登记机关'. */
  where: NonEmpty,
  /** How: e.g. '男女双方须共同亲自到场，不得委托代办'. */
  how: NonEmpty,
  /** Online channel, if any. */
  online: NonEmpty.optional(),
});

/** Fee element of a matter (or a situation override): amount or 不收费, with its 收费依据. */
export const FeeSchema = z.strictObject({
  charged: z.boolean(),
  description: NonEmpty,
  /** 收费依据 (or, when not charged, why not), e.g. '《社会保险法》第…条'. */
  basis: NonEmpty.optional(),
});

/**
 * One 设定依据: a law or document, with its article numbers where known (四级四同 "依据"). A plain string is
 * still accepted for a basis whose articles have not been identified.
 */
export const LegalBasisSchema = z.union([
  NonEmpty,
  z.strictObject({
    law: NonEmpty,
    /** e.g. ['第三十二条', '第三十八条']. */
    articles: z.array(NonEmpty).min(1, 'list at least one article, or give the basis as a plain string'),
  }),
]);

/** 代办 rules of a matter. */
export const AgencySchema = z
  .strictObject({ inPersonOnly: z.boolean(), agentAllowed: z.boolean(), note: NonEmpty.optional() })
  .superRefine((agency, ctx) => {
    if (prop(agency, 'inPersonOnly') === true && prop(agency, 'agentAllowed') === true) {
      ctx.addIssue({
        code: 'custom',
        path: ['agentAllowed'],
        message: 'agentAllowed must be false when inPersonOnly is true',
      });
    }
  }, ALWAYS_REFINE);

/**
 * One department's part of a 多地联办 matter: which department kind does it (routed like the matter, by the case's
 * 业务属地), in which step (parts of one step run in parallel; step n+1 is pushed once every part of the earlier
 * steps is decided and no required one was refused), and whether the case needs it to be 办结.
 */
export const JointPartSchema = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9-]{0,31}$/, 'part code must be upper-case letters, digits and "-"'),
  name: NonEmpty,
  departmentKind: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'department kind must be lower-case kebab-case'),
  step: z.int().min(1).max(8),
  required: z.boolean(),
});

/** Checks a matter's 多地联办 parts: present exactly for 多地联办, unique codes and kinds, steps from 1 without gaps. */
export function checkJointParts(matter: unknown, ctx: IssueSink): void {
  const parts = prop(matter, 'jointParts');
  const joint = prop(matter, 'acceptanceMode') === '多地联办';
  if (joint && parts === undefined) {
    ctx.addIssue({ code: 'custom', path: ['jointParts'], message: '多地联办 matters need jointParts (2 or more)' });
    return;
  }
  if (!Array.isArray(parts)) return;
  if (!joint) {
    ctx.addIssue({ code: 'custom', path: ['jointParts'], message: 'jointParts are only allowed on 多地联办 matters' });
    return;
  }
  for (const key of ['code', 'departmentKind']) {
    const values = parts.map((p) => prop(p, key));
    if (new Set(values).size !== values.length)
      ctx.addIssue({ code: 'custom', path: ['jointParts'], message: `jointParts must not repeat a ${key}` });
  }
  const steps = [...new Set(parts.map((p) => prop(p, 'step')).filter((s) => typeof s === 'number'))].sort(
    (a, b) => a - b,
  );
  if (steps.some((s, i) => s !== i + 1))
    ctx.addIssue({ code: 'custom', path: ['jointParts'], message: 'jointParts steps must start at 1 without gaps' });
  if (!parts.some((p) => prop(p, 'required') === true))
    ctx.addIssue({ code: 'custom', path: ['jointParts'], message: 'at least one part must be required' });
}
