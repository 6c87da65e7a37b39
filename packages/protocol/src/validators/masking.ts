import { compactDateToIso } from './date';
import { foldWidth } from './input';
import { validateLandline } from './landline';
import { normalizeMobile } from './mobile';
import { MAINLAND_PROVINCE_CODES } from './resident-id';

// domain-facts §8: receipts, the 台账 and logs show first 4 + last 4 of an ID number by default,
// which hides both the county and the birth date. Full numbers never reach a log file.

/** How many leading and trailing characters of an ID number stay visible (defaults 4 and 4). */
export type IdMaskOptions = { head?: number; tail?: number };

function checkCount(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`mask: ${what} must be a non-negative integer`);
  return n;
}

/** Masks an ID-like number keeping head and tail characters: '500101199003070014' → '5001**********0014'. */
export function maskIdNumber(s: string, opts: IdMaskOptions = {}): string {
  const head = checkCount(opts.head ?? 4, 'head');
  const tail = checkCount(opts.tail ?? 4, 'tail');
  const chars = Array.from(s.trim().toUpperCase());
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return (
    chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('')
  );
}

/** Masks a name by code point: '张三' → '张*', '张小三' → '张*三', '欧阳娜娜' → '欧**娜'; one character → '*'. */
export function maskName(s: string): string {
  const chars = Array.from(s.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (chars.length === 2) return `${chars[0] ?? ''}*`;
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1] ?? ''}`;
}

/**
 * Masks a phone number: mobile '138****0000' (country prefix dropped), landline '023-****1234'
 * (extension dropped); anything else keeps only its last 4 digits.
 */
export function maskPhone(s: string): string {
  const text = foldWidth(s).trim();
  const mobile = normalizeMobile(text);
  if (/^1\d{10}$/.test(mobile)) return `${mobile.slice(0, 3)}****${mobile.slice(7)}`;
  const landline = validateLandline(text);
  if (landline.ok && landline.value.kind === 'fixed') {
    const { areaCode = '', number } = landline.value;
    return `${areaCode}-${'*'.repeat(number.length - 4)}${number.slice(-4)}`;
  }
  const digits = text.replace(/\D/g, '');
  return digits.length <= 4 ? '*'.repeat(digits.length) : '*'.repeat(digits.length - 4) + digits.slice(-4);
}

// Every run of 18+ digits (with an optional trailing X) is masked whole, and so is 17 digits + X:
// any 18-character ID number inside such a run is then broken by asterisks, and what stays
// visible at either end (4 characters) is bounded by non-digits, so no full ID number survives.
const ID_LIKE_RUN = /(?<!\d)(?:\d{18,}[Xx]?|\d{17}[Xx])/g;
const LEGACY_ID_LIKE = /(?<!\d)\d{15}(?!\d)/g;
const FPRC_2017_LIKE = /(?<![A-Za-z0-9])[A-Z]{3}\d{12}(?!\d)/g;
const MOBILE_LIKE = /(?<!\d)(?:(?:\+|00)?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}(?!\d)/g;

function looksLikeLegacyId(run: string): boolean {
  return MAINLAND_PROVINCE_CODES.has(run.slice(0, 2)) && compactDateToIso(`19${run.slice(6, 12)}`) !== null;
}

/**
 * Replaces personal data in free text (used by the main-process logger): ID-number-like runs
 * (18 characters, 15-digit legacy numbers, 2017 permanent residence numbers) get maskIdNumber,
 * mainland mobile numbers (also with +86 or spaced/hyphenated) get maskPhone.
 */
export function redactPersonalData(text: string): string {
  return text
    .replace(ID_LIKE_RUN, (run) => maskIdNumber(run))
    .replace(LEGACY_ID_LIKE, (run) => (looksLikeLegacyId(run) ? maskIdNumber(run) : run))
    .replace(FPRC_2017_LIKE, (run) => maskIdNumber(run))
    .replace(MOBILE_LIKE, (run) => maskPhone(run));
}
