// Catalogue version strings: 'YYYY.MM.N' (year, month, release number within the month).

/** Pattern of a catalogue version, e.g. '2026.11.1'. */
export const CATALOGUE_VERSION_PATTERN = /^(\d{4})\.(0[1-9]|1[0-2])\.([1-9]\d{0,3})$/;

/** Parses 'YYYY.MM.N' into numeric parts, or null when malformed. */
export function parseCatalogueVersion(version: string): [number, number, number] | null {
  const match = CATALOGUE_VERSION_PATTERN.exec(version);
  if (!match) return null;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Compares two catalogue versions: negative if a < b, 0 if equal, positive if a > b; null if either is malformed. */
export function compareCatalogueVersions(a: string, b: string): number | null {
  const pa = parseCatalogueVersion(a);
  const pb = parseCatalogueVersion(b);
  if (!pa || !pb) return null;
  for (let i = 0; i < 3; i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
