// Pure helpers for 6-digit GB/T 2260 administrative division codes.

/** Level of a division code. */
export type DivisionLevel = 'province' | 'city' | 'county';

/** Pattern of a 6-digit division code. */
export const DIVISION_CODE_PATTERN = /^\d{6}$/;
/** Pseudo division code meaning "nationwide / no specific locality". */
export const NATIONWIDE_CODE = '000000';

/** Level of a well-formed code: xx0000 → province, xxxx00 → city, else county; null if malformed or nationwide. */
export function divisionLevel(code: string): DivisionLevel | null {
  if (!DIVISION_CODE_PATTERN.test(code) || code === NATIONWIDE_CODE) return null;
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

/** Province code of any well-formed code (e.g. '500101' → '500000'). */
export function provinceCodeOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** City code of a city- or county-level code (e.g. '500101' → '500100'); null for provinces. */
export function cityCodeOf(code: string): string | null {
  const level = divisionLevel(code);
  if (level === null || level === 'province') return null;
  return `${code.slice(0, 4)}00`;
}

/** Codes from most to least specific: county, city, province (only the levels that apply). */
export function divisionAncestry(code: string): string[] {
  const level = divisionLevel(code);
  if (level === null) return [];
  const chain: string[] = [];
  if (level === 'county') chain.push(code);
  const city = cityCodeOf(code);
  if (city !== null) chain.push(city);
  chain.push(provinceCodeOf(code));
  return chain;
}
