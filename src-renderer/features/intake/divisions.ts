import { cityCodeOf, divisionLevel, provinceCodeOf } from '@tongban/protocol/catalogue/division-code';
import { createDivisionLookup, type DivisionLookup } from '@tongban/protocol/catalogue/divisions';
import type { DivisionsView } from '@common/contract';

/** One option of the province / city / county cascader. */
export interface DivisionOption {
  value: string;
  label: string;
  children?: DivisionOption[];
}

/** The three-level tree of the divisions, in code order. */
export function divisionOptions(view: DivisionsView): DivisionOption[] {
  const byCode = (a: [string, string], b: [string, string]) => a[0].localeCompare(b[0]);
  const counties = new Map<string, DivisionOption[]>();
  for (const [code, name] of Object.entries(view.counties).sort(byCode)) {
    const city = `${code.slice(0, 4)}00`;
    counties.set(city, [...(counties.get(city) ?? []), { value: code, label: name }]);
  }
  const cities = new Map<string, DivisionOption[]>();
  for (const [code, name] of Object.entries(view.cities).sort(byCode)) {
    const province = provinceCodeOf(code);
    const children = counties.get(code);
    cities.set(province, [
      ...(cities.get(province) ?? []),
      children ? { value: code, label: name, children } : { value: code, label: name },
    ]);
  }
  return Object.entries(view.provinces)
    .sort(byCode)
    .map(([code, name]) => {
      const children = cities.get(code);
      return children ? { value: code, label: name, children } : { value: code, label: name };
    });
}

/** The cascader path of a code: [province, city, county] as far as the code goes. */
export function divisionPath(code: string): string[] {
  const level = divisionLevel(code);
  if (!level) return [];
  const path = [provinceCodeOf(code)];
  const city = cityCodeOf(code);
  if (city) path.push(city);
  if (level === 'county') path.push(code);
  return path;
}

/** The common lookup (names with their parents, known counties) over the divisions the UI has. */
export function lookupOf(view: DivisionsView): DivisionLookup {
  return createDivisionLookup({
    version: view.version,
    source: '',
    licence: '',
    generatedAt: '1970-01-01T00:00:00Z',
    provinces: view.provinces,
    cities: view.cities,
    counties: view.counties,
    retired: {},
  });
}
