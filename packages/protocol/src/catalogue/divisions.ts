// GB/T 2260 division lookup over resources/divisions/divisions.json (pure; data is passed in).
import { z } from 'zod';
import { cityCodeOf, divisionLevel, DIVISION_CODE_PATTERN, provinceCodeOf, type DivisionLevel } from './division-code';
import { issuesToErrors, type ParseResult } from './issues';
import { NonEmpty } from './schema-parts';

const Code = z.string().regex(DIVISION_CODE_PATTERN, 'division code must be 6 digits');

/** Schema of divisions.json as written by scripts/divisions/build-divisions.mjs. */
export const DivisionsFileSchema = z.object({
  version: NonEmpty,
  source: NonEmpty,
  licence: NonEmpty,
  generatedAt: z.iso.datetime(),
  provinces: z.record(Code, NonEmpty),
  cities: z.record(Code, NonEmpty),
  counties: z.record(Code, NonEmpty),
  retired: z.record(
    Code,
    z.strictObject({ name: NonEmpty, retired: z.string().regex(/^\d{4}$/), successor: Code.optional() }),
  ),
});

/** Parsed divisions.json. */
export type DivisionsFile = z.infer<typeof DivisionsFileSchema>;

/** Everything known about one code. */
export interface DivisionInfo {
  code: string;
  name: string;
  fullName: string;
  level: DivisionLevel;
  /** Set when the code is abolished (only counties are tracked). */
  retired?: { year: string; successor?: string };
}

/** Lookup API over one divisions file. */
export interface DivisionLookup {
  version: string;
  /** Short name ('万州区'); retired codes resolve to their old name; null if unknown. */
  divisionName(code: string): string | null;
  /** Name with its parents ('重庆市万州区'); null if unknown. */
  divisionFullName(code: string): string | null;
  /** True for a current county-level code. */
  isKnownCounty(code: string): boolean;
  /** True for a code valid as an ID-number address code: current county, retired county, or a city without counties. */
  isKnownAddressCode(code: string): boolean;
  /** Full description of a code, or null if unknown. */
  describe(code: string): DivisionInfo | null;
}

/** Validates unknown JSON as a divisions file, returning every error with its path. */
export function parseDivisionsFile(json: unknown): ParseResult<'divisions', DivisionsFile> {
  const result = DivisionsFileSchema.safeParse(json);
  if (result.success) return { ok: true, divisions: result.data };
  return { ok: false, errors: issuesToErrors(result.error.issues) };
}

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);

/** Builds a lookup over a parsed divisions file. */
export function createDivisionLookup(file: DivisionsFile): DivisionLookup {
  const { provinces, cities, counties, retired } = file;
  const citiesWithCounties = new Set(Object.keys(counties).map((code) => `${code.slice(0, 4)}00`));
  const cityPart = (code: string): string => {
    const city = cityCodeOf(code);
    const name = city === null ? undefined : cities[city];
    if (name === undefined || MUNICIPALITIES.has(code.slice(0, 2)) || /^(县|市辖区)$|直辖/.test(name)) return '';
    return name;
  };
  const describe = (code: string): DivisionInfo | null => {
    const level = divisionLevel(code);
    if (level === null) return null;
    const province = provinces[provinceCodeOf(code)] ?? '';
    if (level === 'province') return province ? { code, name: province, fullName: province, level } : null;
    if (level === 'city') {
      const name = cities[code];
      return name === undefined ? null : { code, name, fullName: `${province}${cityPart(code)}` || name, level };
    }
    const name = counties[code];
    if (name !== undefined) return { code, name, fullName: `${province}${cityPart(code)}${name}`, level };
    const old = retired[code];
    if (old === undefined) return null;
    const info: DivisionInfo = { code, name: old.name, fullName: old.name, level, retired: { year: old.retired } };
    if (old.successor !== undefined && info.retired) info.retired.successor = old.successor;
    return info;
  };
  return {
    version: file.version,
    describe,
    divisionName: (code) => describe(code)?.name ?? null,
    divisionFullName: (code) => describe(code)?.fullName ?? null,
    isKnownCounty: (code) => counties[code] !== undefined,
    isKnownAddressCode: (code) =>
      counties[code] !== undefined ||
      retired[code] !== undefined ||
      (cities[code] !== undefined && !citiesWithCounties.has(code)),
  };
}
