import { id18CheckChar } from './check-digits';
import { compactDateToIso, localIsoDate } from './date';
import { prepareInput } from './input';
import { invalid, valid, warning, type Validation, type ValidationIssue, type ValidatorCode } from './result';

/** GB/T 2260 province-level codes that start citizen ID numbers (71 Taiwan is listed but never issued on mainland cards). */
export const MAINLAND_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
]);

/** Prefixes of 港澳台居民居住证 numbers (HK, MO, TW); their address code is always NN0000. */
export const RESIDENCE_PERMIT_PREFIXES: ReadonlySet<string> = new Set(['81', '82', '83']);

/** Earliest birth date accepted in an ID number (domain-facts §2.1). */
export const EARLIEST_BIRTH_DATE = '1850-01-01';

/** A checked 18-character resident ID number and what it encodes. */
export type ResidentId = {
  number: string;
  birthDate: string;
  sex: 'M' | 'F';
  regionCode: string;
  kind: 'resident' | 'hk-mo-tw-residence';
};

/** Options of validateResidentId: the clock, and a county look-up over current and historical codes. */
export type ResidentIdOptions = { today?: Date; countyExists?: (code: string) => boolean };

/** Birth date 'YYYY-MM-DD' from 'YYYYMMDD' if it is a real date within 1850-01-01..today, else null. */
function birthDateInRange(yyyymmdd: string, today: Date): string | null {
  const iso = compactDateToIso(yyyymmdd);
  return iso !== null && iso >= EARLIEST_BIRTH_DATE && iso <= localIsoDate(today) ? iso : null;
}

/** Sex from the 顺序码: odd last digit of the sequence means male. */
export function sexFromSequenceDigit(digit: string): 'M' | 'F' {
  return Number(digit) % 2 === 1 ? 'M' : 'F';
}

/**
 * Validates an 18-character GB 11643 citizen ID number or 港澳台居民居住证 number. An unknown county
 * is only a warning: numbers keep the (possibly abolished) code in force when they were assigned.
 */
export function validateResidentId(s: string | null | undefined, opts: ResidentIdOptions = {}): Validation<ResidentId> {
  const text = prepareInput(s);
  if (typeof text !== 'string') return text;
  const number = text.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(number)) return invalid(['id-format']);

  const province = number.slice(0, 2);
  const regionCode = number.slice(0, 6);
  const kind = RESIDENCE_PERMIT_PREFIXES.has(province) ? 'hk-mo-tw-residence' : 'resident';
  const errors: ValidatorCode[] = [];
  const regionOk = kind === 'resident' ? MAINLAND_PROVINCE_CODES.has(province) : regionCode === `${province}0000`;
  if (!regionOk) errors.push('id-region');
  const birthDate = birthDateInRange(number.slice(6, 14), opts.today ?? new Date());
  if (birthDate === null) errors.push('id-birthdate');
  if (id18CheckChar(number.slice(0, 17)) !== number.charAt(17)) errors.push('id-checksum');
  if (errors.length > 0 || birthDate === null) return invalid(errors);

  const warnings: ValidationIssue[] = [];
  if (kind === 'resident' && opts.countyExists && !opts.countyExists(regionCode))
    warnings.push(warning('id-county-unknown'));
  return valid({ number, birthDate, sex: sexFromSequenceDigit(number.charAt(16)), regionCode, kind }, warnings);
}

/**
 * Upgrades a legacy 15-digit number (GB 11643-1989, century 19 implied) to its 18-character form.
 * Use it only to look up legacy records: 15-digit cards expired long ago.
 */
export function upgradeLegacyId15(s: string | null | undefined): Validation<string> {
  const text = prepareInput(s);
  if (typeof text !== 'string') return text;
  if (!/^\d{15}$/.test(text)) return invalid(['id15-format']);
  const errors: ValidatorCode[] = [];
  if (!MAINLAND_PROVINCE_CODES.has(text.slice(0, 2))) errors.push('id-region');
  const body = `${text.slice(0, 6)}19${text.slice(6)}`;
  // 19YYMMDD is always within 1850..today, so only the calendar check applies.
  if (compactDateToIso(body.slice(6, 14)) === null) errors.push('id-birthdate');
  if (errors.length > 0) return invalid(errors);
  return valid(body + id18CheckChar(body));
}
