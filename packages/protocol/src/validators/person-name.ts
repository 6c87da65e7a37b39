import { foldWidth, prepareInput } from './input';
import { invalid, valid, warning, type Validation, type ValidationIssue, type ValidatorCode } from './result';

/** A checked personal name and the writing system it was judged in. */
export type PersonName = { name: string; script: 'han' | 'latin' };

/** Longest accepted name, in Unicode code points. */
export const MAX_NAME_LENGTH = 50;

/** The middle dot used between the parts of transliterated and minority names (U+00B7). */
export const NAME_DOT = '\u00B7';

// Look-alikes of the middle dot that IMEs and other systems produce; normalised to U+00B7.
const DOT_VARIANTS = /[\u2022\u30FB\uFF0E]/g;
// Kangxi radicals look identical to ideographs and arrive from PDF copy-paste; NFKC maps them back.
const KANGXI_RADICALS = /[\u2F00-\u2FD5]/g;
// Han-script code points that are not name characters: radicals and Hangzhou/counting numerals.
const HAN_NON_NAME = /[\u2E80-\u2FDF\u3021-\u3029\u3038-\u303A]/u;
// Private-use code points: some population systems encode rare characters (生僻字) there.
const PRIVATE_USE = /[\uE000-\uF8FF]/u;
const HAN_PART = /^[\p{Script=Han}\uE000-\uF8FF]+$/u;
const HAN_WITH_ASCII_DOTS = /^[\p{Script=Han}\uE000-\uF8FF.\u00B7]+$/u;
// A middle dot also puts the name under the Han rules (it only occurs in Han-script names).
const HAN_SIGNAL = /[\p{Script=Han}\uE000-\uF8FF\u00B7]/u;
const LATIN = String.raw`(?:(?=\p{L})\p{Script=Latin})[\p{Script=Latin}\p{M}]*`;
const LATIN_WORD = String.raw`${LATIN}(?:['.\-]${LATIN})*\.?,?`;
const LATIN_NAME = new RegExp(String.raw`^${LATIN_WORD}(?: ${LATIN_WORD})*$`, 'u');

/** Normalises dot variants, full-width letters, Kangxi radicals, quotes and runs of spaces in a name. */
export function normalizePersonName(s: string): string {
  return foldWidth(s.replace(DOT_VARIANTS, NAME_DOT))
    .replace(KANGXI_RADICALS, (c) => c.normalize('NFKC'))
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

function hanNameErrors(name: string): ValidatorCode[] {
  const parts = name.split(NAME_DOT);
  if (parts.every((p) => HAN_PART.test(p) && !HAN_NON_NAME.test(p))) return [];
  if (parts.some((p) => p === '') && parts.every((p) => p === '' || HAN_PART.test(p))) return ['name-dot'];
  // An ASCII '.' between Han characters is a mistyped middle dot: say so rather than 'name-format'.
  return HAN_WITH_ASCII_DOTS.test(name) && !HAN_NON_NAME.test(name) ? ['name-dot'] : ['name-format'];
}

/**
 * Validates a personal name: Han characters (including those outside the BMP) with optional middle
 * dots between parts, e.g. 买买提·艾力; or, for foreigners, Latin letters with spaces, hyphens,
 * apostrophes and dots. Length 1-50 code points. Digits and other symbols are rejected.
 */
export function validatePersonName(s: string | null | undefined): Validation<PersonName> {
  const raw = prepareInput(s, false);
  if (typeof raw !== 'string') return raw;
  const name = normalizePersonName(raw);
  const script = HAN_SIGNAL.test(name) ? 'han' : 'latin';
  const errors: ValidatorCode[] = script === 'han' ? hanNameErrors(name) : LATIN_NAME.test(name) ? [] : ['name-format'];
  if (Array.from(name).length > MAX_NAME_LENGTH) errors.push('name-length');
  if (errors.length > 0) return invalid(errors);
  const warnings: ValidationIssue[] = PRIVATE_USE.test(name) ? [warning('name-private-use')] : [];
  return valid({ name, script }, warnings);
}
