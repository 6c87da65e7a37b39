// 人证核验 rules done in main (domain-facts §7.3): the number is valid, birth date and sex agree with
// it, the card is in force on the day of the application, and it names the person on the form.
import type { IdType } from '@tongban/protocol/cases/application';
import { foldWidth } from '@tongban/protocol/validators/input';
import { validateForeignPermanentResidenceId } from '@tongban/protocol/validators/foreign-permanent-id';
import { validateResidentId } from '@tongban/protocol/validators/resident-id';
import { validateTravelPermit } from '@tongban/protocol/validators/travel-permit';
import { validatePassport } from '@tongban/protocol/validators/passport';
import { idTypeOfCard, LONG_TERM, type CardDocType, type CardRead } from './card';

/** Codes of what a verification found wrong; a verification with any of them fails. */
export const VERIFICATION_PROBLEMS = [
  'card-number-invalid',
  'card-birthdate-mismatch',
  'card-sex-mismatch',
  'card-expired',
  'card-not-yet-valid',
  'document-type-mismatch',
  'name-mismatch',
  'number-mismatch',
  'person-not-confirmed',
  // 人证比对 (face-match), decided in main: no face / several faces / a face too small in the frame, no face in the chip photo, too unlike.
  'face-none',
  'face-multiple',
  'face-too-small',
  'face-chip-no-face',
  'face-below-threshold',
] as const;
/** A verification problem. */
export type VerificationProblem = (typeof VERIFICATION_PROBLEMS)[number];

/** Age from which a person acts alone (民法典 §17-18); younger applicants need a verified guardian. */
export const ADULT_AGE = 18;

/** What an identity number tells about its holder, when it is valid. */
export interface NumberFacts {
  valid: boolean;
  birthDate?: string;
  sex?: 'M' | 'F';
}

/** Validates a number as the document type (card type when read from a chip) and extracts birth date and sex where the number encodes them. */
export function numberFacts(type: IdType | CardDocType, number: string, today: Date): NumberFacts {
  switch (type) {
    case 'resident-id':
    case 'hk-mo-tw-residence': {
      const r = validateResidentId(number, { today });
      if (!r.ok || (r.value.kind === 'resident') !== (type === 'resident-id')) return { valid: false };
      return { valid: true, birthDate: r.value.birthDate, sex: r.value.sex };
    }
    case 'foreign-permanent':
    case 'foreign-permanent-2017':
    case 'foreign-permanent-2023': {
      const r = validateForeignPermanentResidenceId(number, { today });
      if (!r.ok) return { valid: false };
      if (type !== 'foreign-permanent' && (r.value.version === '2023') !== (type === 'foreign-permanent-2023'))
        return { valid: false };
      return r.value.version === '2023'
        ? { valid: true, birthDate: r.value.birthDate, sex: r.value.sex }
        : { valid: true };
    }
    case 'hk-mo-home-return':
    case 'tw-mtp':
      return { valid: validateTravelPermit(number, type).ok };
    case 'cn-passport':
    case 'foreign-passport':
      return { valid: validatePassport(number, type).ok };
  }
}

/** True when a card (valid to `validTo`, inclusive) is out of force on `todayIso`; 长期 never expires. */
export function isExpired(validTo: string, todayIso: string): boolean {
  return validTo !== LONG_TERM && validTo < todayIso;
}

/** Problems of a card read on its own, on the day `today` (China date `todayIso`). */
export function cardProblems(
  card: Pick<CardRead, 'docType' | 'idNumber' | 'birthDate' | 'sex' | 'validFrom' | 'validTo'>,
  today: Date,
  todayIso: string,
): VerificationProblem[] {
  const problems: VerificationProblem[] = [];
  const facts = numberFacts(card.docType, card.idNumber, today);
  if (!facts.valid) problems.push('card-number-invalid');
  if (facts.birthDate && facts.birthDate !== card.birthDate) problems.push('card-birthdate-mismatch');
  if (facts.sex && facts.sex !== card.sex) problems.push('card-sex-mismatch');
  if (isExpired(card.validTo, todayIso)) problems.push('card-expired');
  if (card.validFrom > todayIso) problems.push('card-not-yet-valid');
  return problems;
}

/** A name compared loosely: full-width folded, spaces dropped, every middle-dot variant as '·', Latin upper-cased. */
export function normalizeName(name: string): string {
  return foldWidth(name.normalize('NFKC'))
    .replace(/[\s,，]+/g, '')
    .replace(/[.•‧∙⋅・･·]/g, '·')
    .toUpperCase();
}

/** The person a verification is about, as the form holds them. */
export interface FormPerson {
  name: string;
  idType: IdType;
  idNumber: string;
}

/** The identity a card or a manual check established. */
export interface VerifiedIdentity {
  idType: IdType;
  name: string;
  nameEn?: string | null;
  idNumber: string;
}

/** Where the verified identity and the form disagree: document type, name (Chinese or English) and number. */
export function personMatchProblems(verified: VerifiedIdentity, person: FormPerson): VerificationProblem[] {
  const problems: VerificationProblem[] = [];
  if (verified.idType !== person.idType) problems.push('document-type-mismatch');
  const name = normalizeName(person.name);
  const names = [verified.name, verified.nameEn].filter((n): n is string => !!n).map(normalizeName);
  if (!names.includes(name)) problems.push('name-mismatch');
  if (verified.idNumber.trim().toUpperCase() !== foldWidth(person.idNumber).trim().toUpperCase())
    problems.push('number-mismatch');
  return problems;
}

/** The identity a card establishes, in the application's terms. */
export function identityOfCard(card: Pick<CardRead, 'docType' | 'name' | 'nameEn' | 'idNumber'>): VerifiedIdentity {
  return { idType: idTypeOfCard(card.docType), name: card.name, nameEn: card.nameEn ?? null, idNumber: card.idNumber };
}

/** Whole years of age on `todayIso` of someone born on `birthIso` (both 'YYYY-MM-DD'); a 29 February birthday counts from 1 March in common years. */
export function ageOn(birthIso: string, todayIso: string): number {
  const years = Number(todayIso.slice(0, 4)) - Number(birthIso.slice(0, 4));
  return todayIso.slice(5) < birthIso.slice(5) ? years - 1 : years;
}

/** True when someone born on `birthIso` is under ADULT_AGE on `todayIso`. */
export function isMinor(birthIso: string, todayIso: string): boolean {
  return ageOn(birthIso, todayIso) < ADULT_AGE;
}
