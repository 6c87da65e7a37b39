import { icao9303CheckDigit, id18CheckChar } from './check-digits';
import { compactDateToIso, localIsoDate } from './date';
import { prepareInput } from './input';
import { invalid, valid, warning, type Validation, type ValidationIssue, type ValidatorCode } from './result';
import { EARLIEST_BIRTH_DATE, MAINLAND_PROVINCE_CODES, sexFromSequenceDigit } from './resident-id';

/** A checked 外国人永久居留身份证 number: the 2023 18-character form or the 2017 (and 2004) 15-character form. */
export type ForeignPermanentResidenceId =
  | {
      version: '2023';
      number: string;
      /** 受理地 province code (positions 2-3). */
      provinceCode: string;
      /** ISO 3166-1 numeric nationality code (positions 4-6). */
      nationalityCode: string;
      birthDate: string;
      sex: 'M' | 'F';
    }
  | {
      version: '2017';
      number: string;
      /** ISO 3166-1 alpha-3 nationality code (positions 1-3). */
      nationalityCode: string;
    };

/** Options of validateForeignPermanentResidenceId: the clock used for the birth-date bound. */
export type ForeignPermanentResidenceIdOptions = { today?: Date };

/**
 * Validates a foreigner's permanent residence ID number. 2023 form: '9' + province + nationality +
 * birth date + sequence + MOD 11-2 check (errors). 2017 form: 3 letters + 12 digits; its finer layout
 * is unconfirmed (domain-facts §2.7), so the ICAO 9303 check digit only raises a warning.
 */
export function validateForeignPermanentResidenceId(
  s: string | null | undefined,
  opts: ForeignPermanentResidenceIdOptions = {},
): Validation<ForeignPermanentResidenceId> {
  const text = prepareInput(s);
  if (typeof text !== 'string') return text;
  const number = text.toUpperCase();

  if (/^9\d{16}[\dX]$/.test(number)) {
    const errors: ValidatorCode[] = [];
    const birthDate = compactDateToIso(number.slice(6, 14));
    const today = localIsoDate(opts.today ?? new Date());
    const birthOk = birthDate !== null && birthDate >= EARLIEST_BIRTH_DATE && birthDate <= today;
    if (!birthOk) errors.push('fprc-birthdate');
    if (id18CheckChar(number.slice(0, 17)) !== number.charAt(17)) errors.push('fprc-checksum');
    if (errors.length > 0 || birthDate === null) return invalid(errors);
    const provinceCode = number.slice(1, 3);
    // Positions 2-3 come from a non-official source (credentialkit), so an odd value is only flagged.
    const warnings: ValidationIssue[] = [];
    if (!MAINLAND_PROVINCE_CODES.has(provinceCode) || provinceCode === '71') warnings.push(warning('fprc-region'));
    return valid(
      {
        version: '2023',
        number,
        provinceCode,
        nationalityCode: number.slice(3, 6),
        birthDate,
        sex: sexFromSequenceDigit(number.charAt(16)),
      },
      warnings,
    );
  }

  if (/^[A-Z]{3}\d{12}$/.test(number)) {
    const icaoOk = icao9303CheckDigit(number.slice(0, 14)) === Number(number.charAt(14));
    return valid(
      { version: '2017', number, nationalityCode: number.slice(0, 3) },
      icaoOk ? [] : [warning('fprc-icao-check')],
    );
  }

  return invalid(['fprc-format']);
}
