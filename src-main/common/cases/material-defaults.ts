// Conveniences of the intake wizard's materials step, kept pure and in one place: which materials
// cannot apply to this application (so the list hides them), how a material is usually received,
// and how a card read or a photo taken at the window presets a row. None of this is a rule of
// 收件: the formal check (formal-check.ts) still decides, in the renderer and again in main.
import type { Application, MaterialHandling, Person } from '@tongban/protocol/cases/application';
import type { Material } from '@tongban/protocol/catalogue/schema';
import { validateResidentId } from '@tongban/protocol/validators/resident-id';
import { isExpired, isMinor } from '../identity/checks';
import { LONG_TERM } from '../identity/card';

const PROXY_CONDITION = /代办|委托|代理/;
const MINOR_CONDITION = /未成年|监护/;

/** Whether the applicant is a minor, from a valid resident ID number; null when the number does not tell. */
export function applicantMinor(person: Pick<Person, 'idType' | 'idNumber'>, todayIso: string): boolean | null {
  if (person.idType !== 'resident-id' && person.idType !== 'hk-mo-tw-residence') return null;
  const parsed = validateResidentId(person.idNumber.trim().toUpperCase(), { today: new Date(`${todayIso}T12:00:00Z`) });
  return parsed.ok ? isMinor(parsed.value.birthDate, todayIso) : null;
}

/**
 * True when a conditional material cannot apply: a 代办 material while the applicant comes in person,
 * a guardian's material for an applicant known to be an adult. Required and optional materials always apply.
 */
export function materialCannotApply(
  material: Material,
  app: Pick<Application, 'mode'> & { minor: boolean | null },
): boolean {
  if (material.requirement !== 'conditional') return false;
  const condition = material.condition ?? '';
  if (PROXY_CONDITION.test(condition) && app.mode !== 'proxy') return true;
  return MINOR_CONDITION.test(condition) && app.minor === false;
}

/**
 * How a material is received "the usual way": an electronic material as a file, a copy as a copy, an
 * original kept when it goes to the locality or when the catalogue does not say it is returned
 * (forms the applicant signs), otherwise seen and returned.
 */
export function usualHandling(material: Material): MaterialHandling {
  switch (material.form) {
    case 'electronic':
      return 'electronic';
    case 'copy':
      return 'copy';
    case 'original-or-electronic':
      return 'seen-returned';
    case 'original':
      if (material.mailOriginalToLocality) return 'kept-to-mail';
      return /退还|退回/.test(material.note ?? '') ? 'seen-returned' : 'kept-to-mail';
  }
}

/** The material a card read for `role` stands for: the applicant's (or agent's) own identity document. */
export function identityMaterialOf(materials: Material[], role: 'applicant' | 'agent'): Material | undefined {
  const code = role === 'applicant' ? 'ID-DOC' : 'AGENT-ID';
  const name = role === 'applicant' ? /^(申请人|借款人|本人).*身份证/ : /^(代办人|经办人).*身份证/;
  return materials.find((m) => m.code === code) ?? materials.find((m) => name.test(m.name));
}

/** Whether a material may be received as a file (a photo taken or a scan uploaded at the window). */
export function acceptsElectronic(material: Material): boolean {
  return material.form !== 'original';
}

/** Days a card stays in force before this many days count as "soon" at the counter. */
export const EXPIRY_WARNING_DAYS = 30;

/** 'expired', 'expiring' (in force for at most `days` more days, today included) or null, for a card valid to `validTo`. */
export function cardExpiry(
  validTo: string,
  todayIso: string,
  days = EXPIRY_WARNING_DAYS,
): 'expired' | 'expiring' | null {
  if (validTo === LONG_TERM) return null;
  if (isExpired(validTo, todayIso)) return 'expired';
  const left = (Date.parse(`${validTo}T00:00:00Z`) - Date.parse(`${todayIso}T00:00:00Z`)) / 86_400_000;
  return left < days ? 'expiring' : null;
}
