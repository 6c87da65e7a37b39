import fc from 'fast-check';
import { gb11714CheckChar, id18CheckChar, USCC_ALPHABET, usccCheckChar } from './check-digits';
import { daysInMonth } from './date';
import { MAINLAND_PROVINCE_CODES, RESIDENCE_PERMIT_PREFIXES } from './resident-id';

// Test-only generators shared by the *.test.ts files of this folder.

/** Fixed clock for tests: 2025-06-01 local time. */
export const TEST_TODAY = new Date(2025, 5, 1);

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** A real 'YYYYMMDD' between 1850-01-01 and 2025-05-31. */
export const compactBirthDateArb: fc.Arbitrary<string> = fc
  .record({ year: fc.integer({ min: 1850, max: 2024 }), month: fc.integer({ min: 1, max: 12 }), dayIndex: fc.nat() })
  .map(
    ({ year, month, dayIndex }) =>
      `${pad(year, 4)}${pad(month, 2)}${pad((dayIndex % daysInMonth(year, month)) + 1, 2)}`,
  );

/** A valid 18-character ID number: valid province (or residence-permit prefix), date, sequence and check. */
export const validResidentIdArb: fc.Arbitrary<string> = fc
  .record({
    province: fc.constantFrom(...MAINLAND_PROVINCE_CODES, ...RESIDENCE_PERMIT_PREFIXES),
    county: fc.integer({ min: 0, max: 9999 }),
    birth: compactBirthDateArb,
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ province, county, birth, sequence }) => {
    const region = RESIDENCE_PERMIT_PREFIXES.has(province) ? `${province}0000` : `${province}${pad(county, 4)}`;
    const first17 = `${region}${birth}${pad(sequence, 3)}`;
    return first17 + id18CheckChar(first17);
  });

const usccChar = fc.constantFrom(...USCC_ALPHABET);
const digit = fc.constantFrom(...'0123456789');

/** A valid unified social credit code: GB 32100 check and a GB 11714-valid organisation code. */
export const validUsccArb: fc.Arbitrary<string> = fc
  .record({
    head: fc.array(usccChar, { minLength: 2, maxLength: 2 }),
    region: fc.array(digit, { minLength: 6, maxLength: 6 }),
    orgBody: fc.array(usccChar, { minLength: 8, maxLength: 8 }),
  })
  .map(({ head, region, orgBody }) => {
    const body = orgBody.join('');
    const first17 = `${head.join('')}${region.join('')}${body}${gb11714CheckChar(body)}`;
    return first17 + usccCheckChar(first17);
  });

/** Every string obtained by replacing exactly one character of s with a different one from alphabet. */
export function singleSubstitutions(s: string, alphabet: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    for (const c of alphabet) if (c !== s.charAt(i)) out.push(s.slice(0, i) + c + s.slice(i + 1));
  }
  return out;
}
