import { deliveryOptions } from './delivery';
import type { FormField, Material, Matter, Situation } from '@tongban/protocol/catalogue/schema';
import type { FieldProblem } from '../result';
import {
  validateContactPhone,
  validateDate,
  validateForeignPermanentResidenceId,
  validateMobile,
  validateLandline,
  validatePersonName,
  validatePostcode,
  validateResidentId,
  validateTravelPermit,
  validatePassport,
  validateUscc,
  type Validation,
} from '@tongban/protocol/validators';
import type { Application, IdType, MaterialHandling, Person } from '@tongban/protocol/cases/application';

/** A material the applicant still has to bring, and why. */
export interface MissingMaterial {
  code: string;
  name: string;
  reason: 'not-provided' | 'attachment-missing' | 'wrong-handling';
}

/** The outcome of 形式审查: blocking field problems, advisory warnings, and missing materials. */
export interface FormalCheckResult {
  fieldErrors: FieldProblem[];
  warnings: FieldProblem[];
  missingMaterials: MissingMaterial[];
}

/** What the check needs besides the application. */
export interface FormalCheckContext {
  matter: Matter;
  situation: Situation;
  today: Date;
  /** Attachment counts by material code. */
  attachmentsByMaterial: Record<string, number>;
  countyExists?: (code: string) => boolean;
  divisionExists?: (code: string) => boolean;
}

/** Validates an identity document number by its type. */
export function validateIdNumber(
  type: IdType,
  value: string,
  opts: { today: Date; countyExists?: (code: string) => boolean },
): Validation<unknown> {
  switch (type) {
    case 'resident-id': {
      const result = validateResidentId(value, opts);
      return result.ok && result.value.kind !== 'resident'
        ? { ok: false, errors: [{ code: 'id-region', severity: 'error' }], warnings: [] }
        : result;
    }
    case 'hk-mo-tw-residence': {
      const result = validateResidentId(value, opts);
      return result.ok && result.value.kind !== 'hk-mo-tw-residence'
        ? { ok: false, errors: [{ code: 'id-region', severity: 'error' }], warnings: [] }
        : result;
    }
    case 'foreign-permanent':
      return validateForeignPermanentResidenceId(value, opts);
    case 'hk-mo-home-return':
      return validateTravelPermit(value, 'hk-mo-home-return');
    case 'tw-mtp':
      return validateTravelPermit(value, 'tw-mtp');
    case 'cn-passport':
    case 'foreign-passport':
      return validatePassport(value, type);
  }
}

function collect(path: string, result: Validation<unknown>, errors: FieldProblem[], warnings: FieldProblem[]): void {
  if (!result.ok) for (const e of result.errors) errors.push({ path, code: e.code });
  for (const w of result.warnings) warnings.push({ path, code: w.code });
}

function checkPerson(
  prefix: string,
  person: Person,
  ctx: FormalCheckContext,
  errors: FieldProblem[],
  warnings: FieldProblem[],
): void {
  collect(`${prefix}.name`, validatePersonName(person.name), errors, warnings);
  collect(`${prefix}.idNumber`, validateIdNumber(person.idType, person.idNumber, ctx), errors, warnings);
  collect(`${prefix}.phone`, validateContactPhone(person.phone, { defaultAreaCode: '023' }), errors, warnings);
}

function checkFieldValue(
  field: FormField,
  value: string,
  ctx: FormalCheckContext,
): Validation<unknown> | 'option-invalid' | 'division-unknown' | 'number-format' | 'too-long' | null {
  switch (field.kind) {
    case 'id-number':
      return validateResidentId(value, ctx);
    case 'mobile':
      return validateMobile(value);
    case 'landline':
      return validateLandline(value, { defaultAreaCode: '023' });
    case 'date':
      return validateDate(value);
    case 'postcode':
      return validatePostcode(value);
    case 'uscc':
      return validateUscc(value);
    case 'person-name':
      return validatePersonName(value);
    case 'select':
      return field.options?.includes(value) ? null : 'option-invalid';
    case 'division':
      return /^\d{6}$/.test(value) && (ctx.divisionExists?.(value) ?? true) ? null : 'division-unknown';
    case 'number':
      return /^\d+(\.\d+)?$/.test(value) ? null : 'number-format';
    case 'text':
    case 'textarea':
      return field.maxLength !== undefined && [...value].length > field.maxLength ? 'too-long' : null;
  }
}

/** Handlings that satisfy each material form. */
const HANDLINGS_FOR_FORM: Record<Material['form'], readonly MaterialHandling[]> = {
  original: ['seen-returned', 'kept-to-mail'],
  copy: ['copy', 'seen-returned', 'kept-to-mail', 'electronic'],
  electronic: ['electronic'],
  'original-or-electronic': ['seen-returned', 'kept-to-mail', 'electronic'],
};

// A condition with a further qualifier (e.g. 代办且参保地要求时提供) depends on something the application does not
// record, such as the locality's own rules: the window cannot decide it, so it stays for the clerk to judge.
const PROXY_CONDITION = /代办|委托|代理/;
const FURTHER_QUALIFIER = /且|要求|需要/;

/** True when a conditional material applies to this application: its condition is 代办/委托 alone and an agent applies. */
export function conditionApplies(material: Material, app: Pick<Application, 'mode'>): boolean {
  if (material.requirement !== 'conditional' || app.mode !== 'proxy') return false;
  const condition = material.condition ?? '';
  return PROXY_CONDITION.test(condition) && !FURTHER_QUALIFIER.test(condition);
}

/** Whether the material must be provided for this application. */
export function isMaterialRequired(material: Material, app: Pick<Application, 'mode'>): boolean {
  return material.requirement === 'required' || conditionApplies(material, app);
}

/** The synthetic power-of-attorney material every 代办 needs when the situation does not list one. */
export const POWER_OF_ATTORNEY: Material = {
  code: 'POWER-OF-ATTORNEY',
  name: '授权委托书',
  form: 'original',
  copies: 1,
  requirement: 'conditional',
  condition: '委托代办时提供',
  mailOriginalToLocality: true,
};

/** The material list of a situation for this application, with the power of attorney added for 代办. */
export function materialsFor(situation: Situation, app: Pick<Application, 'mode'>): Material[] {
  const list = [...situation.materials];
  const hasPowerOfAttorney = list.some((m) => /委托书/.test(m.name));
  if (app.mode === 'proxy' && !hasPowerOfAttorney) list.push(POWER_OF_ATTORNEY);
  return list;
}

/** 形式审查: checks the applicant, agent, situation form and materials against the catalogue. */
export function formalCheck(app: Application, ctx: FormalCheckContext): FormalCheckResult {
  const fieldErrors: FieldProblem[] = [];
  const warnings: FieldProblem[] = [];
  const { matter, situation } = ctx;

  checkPerson('applicant', app.applicant, ctx, fieldErrors, warnings);
  if (app.mode === 'proxy') {
    if (!matter.agency.agentAllowed) fieldErrors.push({ path: 'mode', code: 'agent-not-allowed' });
    if (!app.agent) fieldErrors.push({ path: 'agent', code: 'agent-required' });
    else {
      checkPerson('agent', app.agent, ctx, fieldErrors, warnings);
      if (!app.agent.relationship) fieldErrors.push({ path: 'agent.relationship', code: 'required' });
    }
  } else if (app.agent) {
    fieldErrors.push({ path: 'agent', code: 'agent-unexpected' });
  }

  for (const field of situation.fields) {
    const value = (app.form[field.key] ?? '').trim();
    const path = `form.${field.key}`;
    if (!value) {
      if (field.required) fieldErrors.push({ path, code: 'required' });
      continue;
    }
    const outcome = checkFieldValue(field, value, ctx);
    if (typeof outcome === 'string') fieldErrors.push({ path, code: outcome });
    else if (outcome) collect(path, outcome, fieldErrors, warnings);
  }
  for (const key of Object.keys(app.form)) {
    if (!situation.fields.some((f) => f.key === key)) fieldErrors.push({ path: `form.${key}`, code: 'field-unknown' });
  }

  if (!deliveryOptions(matter.delivery).includes(app.delivery))
    fieldErrors.push({ path: 'delivery', code: 'delivery-not-offered' });
  if (app.delivery === 'ems' && !app.deliveryAddress) fieldErrors.push({ path: 'deliveryAddress', code: 'required' });

  const materials = materialsFor(situation, app);
  const missingMaterials: MissingMaterial[] = [];
  for (const provided of app.materials) {
    if (!materials.some((m) => m.code === provided.code))
      fieldErrors.push({ path: `materials.${provided.code}`, code: 'material-unknown' });
  }
  for (const material of materials) {
    const provided = app.materials.find((p) => p.code === material.code);
    const required = isMaterialRequired(material, app);
    if (!provided || provided.handling === 'not-provided') {
      if (required) missingMaterials.push({ code: material.code, name: material.name, reason: 'not-provided' });
      continue;
    }
    if (provided.handling === 'e-licence') {
      checkLicence(material, app, ctx.today, fieldErrors, missingMaterials);
      continue;
    }
    if (!HANDLINGS_FOR_FORM[material.form].includes(provided.handling)) {
      missingMaterials.push({ code: material.code, name: material.name, reason: 'wrong-handling' });
      continue;
    }
    if (material.mailOriginalToLocality && provided.handling === 'seen-returned') {
      fieldErrors.push({ path: `materials.${material.code}`, code: 'original-must-be-kept' });
    }
    if (provided.handling === 'electronic' && !(ctx.attachmentsByMaterial[material.code] ?? 0)) {
      missingMaterials.push({ code: material.code, name: material.name, reason: 'attachment-missing' });
    }
  }
  return { fieldErrors, warnings, missingMaterials };
}

/**
 * A material satisfied by 调取电子证照: the catalogue must allow it, and the application must carry a licence of an
 * allowed type for it, still in force (main also checks the licence against its own lookup: licences/).
 */
function checkLicence(
  material: Material,
  app: Application,
  today: Date,
  fieldErrors: FieldProblem[],
  missingMaterials: MissingMaterial[],
): void {
  if (!material.licenceTypes?.length) {
    missingMaterials.push({ code: material.code, name: material.name, reason: 'wrong-handling' });
    return;
  }
  const licence = app.licences?.find((l) => l.materialCode === material.code);
  const path = `materials.${material.code}`;
  if (!licence || !material.licenceTypes.includes(licence.licenceType))
    fieldErrors.push({ path, code: 'licence-missing' });
  else if (licence.validUntil !== null && licence.validUntil < today.toISOString().slice(0, 10))
    fieldErrors.push({ path, code: 'licence-expired' });
}
