import { prepareInput } from './input';
import { invalid, valid, warning, type Validation } from './result';

/**
 * Passports as identity documents at the window (issue #14 item 3). Neither kind has a public check digit outside the
 * machine-readable zone, so both are checked by pattern:
 * - 'cn-passport' 中华人民共和国普通护照: E + 8 digits (电子普通护照, 2012 on), E + a letter (not I or O) + 7 digits
 *   (once the E-digit numbers ran out), or G + 8 digits (the pre-2012 book: valid format, but expired by now — warned);
 * - 'foreign-passport' 外国护照: 5–17 letters and digits with at least one digit (ICAO 9303 document numbers; longer
 *   ones use the MRZ's optional field), spaces and MRZ fillers '<' removed.
 */
export type PassportKind = 'cn-passport' | 'foreign-passport';

/** A pattern-checked passport number, upper-cased and compacted. */
export type Passport = { kind: PassportKind; number: string; legacy?: true };

const CN_CURRENT = /^E(?:\d{8}|[A-HJ-NP-Z]\d{7})$/;
const CN_LEGACY = /^G\d{8}$/;
const FOREIGN = /^(?=[A-Z0-9]*\d)[A-Z0-9]{5,17}$/;

/** Validates a passport number of the given kind. */
export function validatePassport(s: string | null | undefined, kind: PassportKind): Validation<Passport> {
  const text = prepareInput(s);
  if (typeof text !== 'string') return text;
  const compact = text.toUpperCase().replace(/[\s<]+/g, '');
  if (kind === 'cn-passport') {
    if (CN_CURRENT.test(compact)) return valid({ kind, number: compact });
    if (CN_LEGACY.test(compact)) return valid({ kind, number: compact, legacy: true }, [warning('passport-legacy')]);
    return invalid(['passport-cn-format']);
  }
  return FOREIGN.test(compact) ? valid({ kind, number: compact }) : invalid(['passport-format']);
}
