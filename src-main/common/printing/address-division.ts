// The division an address is in, read from its leading names ('重庆市万州区…' → 500101): used
// for the 大头笔 (destination) line of a waybill when the clerk gave no division code.

/** Division names by code, as the catalogue ships them (GB/T 2260). */
export interface DivisionNames {
  provinces: Record<string, string>;
  cities: Record<string, string>;
  counties: Record<string, string>;
}

function longestPrefix(text: string, entries: [string, string][]): [string, string] | null {
  let best: [string, string] | null = null;
  for (const entry of entries) if (text.startsWith(entry[1]) && entry[1].length > (best?.[1].length ?? 0)) best = entry;
  return best;
}

/** The most specific division code an address starts with (province, then city, then county), or null. */
export function divisionOfAddress(address: string, names: DivisionNames): string | null {
  const text = address.replace(/\s+/g, '');
  const province = longestPrefix(text, Object.entries(names.provinces));
  if (!province) return null;
  const prefix2 = province[0].slice(0, 2);
  let rest = text.slice(province[1].length);
  let code = province[0];
  // Municipalities repeat their name at city level ('重庆市' / '重庆市'): skip it unless written twice.
  const cities = Object.entries(names.cities).filter(([c, n]) => c.startsWith(prefix2) && n !== province[1]);
  const city = longestPrefix(rest, cities);
  if (city) {
    code = city[0];
    rest = rest.slice(city[1].length);
  }
  const within = city ? city[0].slice(0, 4) : prefix2;
  const county = longestPrefix(
    rest,
    Object.entries(names.counties).filter(([c]) => c.startsWith(within)),
  );
  return county ? county[0] : code;
}

/** 大头笔 text from a division's names (province first, duplicates dropped): '四川省 成都市', '重庆市 万州区'. */
export function destinationText(namesFromProvince: readonly string[]): string {
  return namesFromProvince
    .filter((n, i, all) => all.indexOf(n) === i)
    .slice(0, 2)
    .join(' ');
}
