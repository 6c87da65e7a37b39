import { prepareInput, stripSeparators } from './input';
import { invalid, valid, type Validation } from './result';

/**
 * A checked landline. 'fixed': area code + local number (Chongqing is 023); 'service': a national
 * 400/800 number; 'hotline': a short service number (12345, 10086, 95xxx …), only when allowed.
 */
export type Landline = {
  kind: 'fixed' | 'service' | 'hotline';
  areaCode?: string;
  number: string;
  extension?: string;
  /** Canonical display form, e.g. '023-63851234-8001', '400-123-4567', '12345'. */
  formatted: string;
};

/**
 * Options of validateLandline. defaultAreaCode: area code assumed when the clerk types only the
 * local number (e.g. '023'). allowHotlines: accept 5-digit service hotlines; off by default because
 * in an applicant's contact field a hotline number is almost always a typing mistake.
 */
export type LandlineOptions = { defaultAreaCode?: string; allowHotlines?: boolean };

// 010 and 02x are followed by 8 digits; 0xxx by 7 or 8. Local numbers never start with 0 or 1.
// 026 is reserved for Taiwan and not used on the mainland.
const FIXED_SHORT_AREA = /^(0(?:10|2[0-57-9]))([2-9]\d{7})$/;
const FIXED_LONG_AREA = /^(0[3-9]\d{2})([2-9]\d{6,7})$/;
const SERVICE = /^([48]00)(\d{3})(\d{4})$/;
const HOTLINE = /^(0(?:10|2\d|[3-9]\d{2}))?(1[02]\d{3}|9[56]\d{3})$/;
const LOCAL = /^[2-9]\d{6,7}$/;
const EXTENSION_WORD = /^(.*?)\s*(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$/i;

function compact(s: string): string {
  return stripSeparators(s).replace(/[()]/g, '');
}

function parseMain(main: string, opts: LandlineOptions): Omit<Landline, 'extension'> | null {
  const c = compact(main);
  const fixed = FIXED_SHORT_AREA.exec(c) ?? FIXED_LONG_AREA.exec(c);
  if (fixed) {
    const [, areaCode = '', number = ''] = fixed;
    return { kind: 'fixed', areaCode, number, formatted: `${areaCode}-${number}` };
  }
  const service = SERVICE.exec(c);
  if (service) {
    const [, a = '', b = '', d = ''] = service;
    return { kind: 'service', number: `${a}${b}${d}`, formatted: `${a}-${b}-${d}` };
  }
  const hotline = opts.allowHotlines ? HOTLINE.exec(c) : null;
  if (hotline) {
    const [, areaCode, number = ''] = hotline;
    if (areaCode === undefined) return { kind: 'hotline', number, formatted: number };
    return { kind: 'hotline', areaCode, number, formatted: `${areaCode}-${number}` };
  }
  if (opts.defaultAreaCode !== undefined && LOCAL.test(c)) {
    const withArea = parseMain(`${opts.defaultAreaCode}${c}`, { ...opts, defaultAreaCode: undefined });
    return withArea?.kind === 'fixed' ? withArea : null;
  }
  return null;
}

/**
 * Validates a mainland fixed-line number ('023-63851234', '(023)63851234', '02363851234 转 8001',
 * '023-63851234-8001'), a 400/800 number, or (opt-in) a short hotline. A hyphen-separated
 * extension is only recognised when the part before it is already a complete number.
 */
export function validateLandline(s: string | null | undefined, opts: LandlineOptions = {}): Validation<Landline> {
  const text = prepareInput(s);
  if (typeof text !== 'string') return text;

  const candidates: Array<[string, string | undefined]> = [];
  const word = EXTENSION_WORD.exec(text);
  if (word) candidates.push([word[1] ?? '', word[2]]);
  else {
    candidates.push([text, undefined]);
    const dash = /^(.*\d)\s*-\s*(\d{1,6})$/.exec(text);
    if (dash) candidates.push([dash[1] ?? '', dash[2]]);
  }

  for (const [main, extension] of candidates) {
    const parsed = parseMain(main, opts);
    if (parsed === null || (extension !== undefined && parsed.kind === 'hotline')) continue;
    if (extension === undefined) return valid(parsed);
    return valid({ ...parsed, extension, formatted: `${parsed.formatted}-${extension}` });
  }
  return invalid(['landline-format']);
}
