import { prepareInput } from './input';
import { invalid, valid, warning, type Validation, type ValidationIssue } from './result';

// domain-facts §2.5 (any-rule). HK and MO have no postcodes: the caller makes the field optional.
const POSTCODE = /^(0[1-7]|1[0-356]|2[0-7]|3[0-6]|4[0-7]|5[1-7]|6[1-7]|7[0-5]|8[013-6])\d{4}$/;

/**
 * Postcode first two digits → GB/T 2260 province code. From the public postcode allocation; it is
 * only used for a soft warning because some border areas differ (e.g. parts of 阿拉善 use 75xxxx and
 * 73xxxx). Prefixes allowed by the pattern but absent here (70, 80) raise no warning.
 */
const PROVINCE_BY_POSTCODE_PREFIX: Readonly<Record<string, string>> = {
  '01': '15',
  '02': '15',
  '03': '14',
  '04': '14',
  '05': '13',
  '06': '13',
  '07': '13',
  '10': '11',
  '11': '21',
  '12': '21',
  '13': '22',
  '15': '23',
  '16': '23',
  '20': '31',
  '21': '32',
  '22': '32',
  '23': '34',
  '24': '34',
  '25': '37',
  '26': '37',
  '27': '37',
  '30': '12',
  '31': '33',
  '32': '33',
  '33': '36',
  '34': '36',
  '35': '35',
  '36': '35',
  '40': '50',
  '41': '43',
  '42': '43',
  '43': '42',
  '44': '42',
  '45': '41',
  '46': '41',
  '47': '41',
  '51': '44',
  '52': '44',
  '53': '45',
  '54': '45',
  '55': '52',
  '56': '52',
  '57': '46',
  '61': '51',
  '62': '51',
  '63': '51',
  '64': '51',
  '65': '53',
  '66': '53',
  '67': '53',
  '71': '61',
  '72': '61',
  '73': '62',
  '74': '62',
  '75': '64',
  '81': '63',
  '83': '65',
  '84': '65',
  '85': '54',
  '86': '54',
};

/** Options of validatePostcode: the GB/T 2260 code ('50' or '500000') of the province picked in the address. */
export type PostcodeOptions = { province?: string };

/** GB/T 2260 province code (2 digits) that normally uses this postcode, or undefined when unknown. */
export function provinceOfPostcode(postcode: string): string | undefined {
  return PROVINCE_BY_POSTCODE_PREFIX[postcode.slice(0, 2)];
}

/**
 * Validates a 6-digit mainland postcode; with a province, a postcode that normally belongs to
 * another province raises the soft warning 'postcode-province-mismatch'.
 */
export function validatePostcode(s: string | null | undefined, opts: PostcodeOptions = {}): Validation<string> {
  const text = prepareInput(s);
  if (typeof text !== 'string') return text;
  const code = text.replace(/\s+/g, '');
  if (!POSTCODE.test(code)) return invalid(['postcode-format']);
  const warnings: ValidationIssue[] = [];
  const picked = /^(\d{2})(?:\d{4})?$/.exec(opts.province?.trim() ?? '')?.[1];
  const expected = provinceOfPostcode(code);
  if (picked !== undefined && expected !== undefined && picked !== expected)
    warnings.push(warning('postcode-province-mismatch'));
  return valid(code, warnings);
}
