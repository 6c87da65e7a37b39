import { prepareInput, stripSeparators } from './input';
import { invalid, valid, warning, type Validation } from './result';

// domain-facts §2.4. Segments change over time, so only the loose pattern blocks input.
const LOOSE = /^1[3-9]\d{9}$/;
const STRICT = /^1(?:3\d|4[5-9]|5[0-35-9]|6[2567]|7[0-8]|8\d|9[0-35-9])\d{8}$/;

/**
 * Removes separators and a country prefix (+86, 0086, or a bare 86 before 11 digits) from a mobile
 * number as typed; returns the remaining text, which is 11 digits for a well-formed number.
 */
export function normalizeMobile(s: string): string {
  const compact = stripSeparators(s).replace(/^\((\+?86)\)/, '$1');
  const m = /^(?:\+86|0086|86(?=\d{11}$))(.*)$/.exec(compact);
  return m ? (m[1] ?? '') : compact;
}

/**
 * Validates a mainland mobile number and returns its 11 digits. Failing the loose pattern
 * (1[3-9] + 9 digits) is an error; an unknown segment is only a warning ('mobile-segment').
 */
export function validateMobile(s: string | null | undefined): Validation<string> {
  const text = prepareInput(s);
  if (typeof text !== 'string') return text;
  const digits = normalizeMobile(text);
  if (!LOOSE.test(digits)) return invalid(['mobile-format']);
  return valid(digits, STRICT.test(digits) ? [] : [warning('mobile-segment')]);
}
