// Pure matter search over a catalogue plus a precomputed pinyin-initials index.
// pinyin conversion is NOT done here (it needs pinyin-pro, a services-layer concern):
// callers build the index with `buildSearchIndex(catalogue, toSyllableInitials)`.
import type { Catalogue, Matter } from '@tongban/protocol/catalogue/schema';

/** Precomputed search data for one matter. */
export interface SearchIndexEntry {
  /** Initials of the name and (if any) shortName, e.g. ['shbzksl', 'sbksl']. */
  initials: string[];
  /** Initials of each keyword. */
  keywordInitials: string[];
}

/** Search index keyed by matter code; built for one catalogue version. */
export interface SearchIndex {
  catalogueVersion: string;
  entries: Record<string, SearchIndexEntry>;
}

/** Converts Chinese text into per-character initials (e.g. pinyin-pro `pattern: 'first'` output). */
export type SyllableInitialsFn = (text: string) => readonly string[];

/** How a hit matched, from strongest to weakest. */
export type MatchKind = 'code' | 'name-prefix' | 'initials-prefix' | 'name-substring' | 'keyword';

/** One search result. */
export interface SearchHit {
  matter: Matter;
  matchedBy: MatchKind;
  /** 0 = strongest (exact code) … 4 = weakest (keyword). */
  rank: number;
}

const RANK: Record<MatchKind, number> = {
  code: 0,
  'name-prefix': 1,
  'initials-prefix': 2,
  'name-substring': 3,
  keyword: 4,
};
const INITIALS_QUERY = /^[a-z0-9]+$/;

/** Normalises free text for matching: NFKC (full-width → half-width), lower-case, no whitespace. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
}

/** Joins syllable initials into a lower-case [a-z0-9] string (punctuation dropped). */
export function joinInitials(syllables: readonly string[]): string {
  return syllables
    .map((s) => normalizeText(s).charAt(0))
    .join('')
    .replace(/[^a-z0-9]/g, '');
}

/** Builds the search index for a catalogue with an injected initials function. */
export function buildSearchIndex(catalogue: Catalogue, toInitials: SyllableInitialsFn): SearchIndex {
  const entries: Record<string, SearchIndexEntry> = {};
  for (const matter of catalogue.matters) {
    const names = matter.shortName ? [matter.name, matter.shortName] : [matter.name];
    entries[matter.code] = {
      initials: names.map((name) => joinInitials(toInitials(name))),
      keywordInitials: matter.keywords.map((keyword) => joinInitials(toInitials(keyword))),
    };
  }
  return { catalogueVersion: catalogue.catalogueVersion, entries };
}

interface Scored {
  hit: SearchHit;
  position: number;
  order: number;
}

function names(matter: Matter): string[] {
  return (matter.shortName ? [matter.name, matter.shortName] : [matter.name]).map(normalizeText);
}

function scoreMatter(
  matter: Matter,
  query: string,
  entry: SearchIndexEntry | undefined,
): { kind: MatchKind; position: number } | null {
  const codes = [matter.code, matter.basicCode, matter.implementationCode].filter((c): c is string => c !== undefined);
  if (codes.some((code) => normalizeText(code) === query)) return { kind: 'code', position: 0 };
  const normalizedNames = names(matter);
  if (normalizedNames.some((name) => name.startsWith(query))) return { kind: 'name-prefix', position: 0 };
  const asciiQuery = INITIALS_QUERY.test(query);
  if (asciiQuery && entry?.initials.some((initials) => initials.startsWith(query)))
    return { kind: 'initials-prefix', position: 0 };
  const positions = normalizedNames.map((name) => name.indexOf(query)).filter((p) => p >= 0);
  if (positions.length > 0) return { kind: 'name-substring', position: Math.min(...positions) };
  if (matter.keywords.some((keyword) => normalizeText(keyword).includes(query)))
    return { kind: 'keyword', position: 0 };
  if (matter.situations.some((situation) => normalizeText(situation.name).includes(query)))
    return { kind: 'keyword', position: 1 };
  if (asciiQuery && entry?.keywordInitials.some((initials) => initials.startsWith(query)))
    return { kind: 'keyword', position: 2 };
  if (query.length >= 4 && codes.some((code) => normalizeText(code).includes(query)))
    return { kind: 'keyword', position: 3 };
  // Weakest: initials found inside the name ('tq' → 正常退休提取住房公积金).
  if (asciiQuery && query.length >= 2 && entry?.initials.some((initials) => initials.includes(query)))
    return { kind: 'keyword', position: 4 };
  return null;
}

/**
 * Searches matters by code, name, pinyin initials and keywords.
 * Rank: exact code > name prefix > initials prefix > name substring > keyword; ties keep match
 * position, then shorter name, then catalogue order. An empty query returns [].
 */
export function searchMatters(catalogue: Catalogue, query: string, index: SearchIndex, limit = 50): SearchHit[] {
  const q = normalizeText(query);
  if (q === '') return [];
  const scored: Scored[] = [];
  catalogue.matters.forEach((matter, order) => {
    const score = scoreMatter(matter, q, index.entries[matter.code]);
    if (score)
      scored.push({ hit: { matter, matchedBy: score.kind, rank: RANK[score.kind] }, position: score.position, order });
  });
  scored.sort(
    (a, b) =>
      a.hit.rank - b.hit.rank ||
      a.position - b.position ||
      a.hit.matter.name.length - b.hit.matter.name.length ||
      a.order - b.order,
  );
  return scored.slice(0, Math.max(0, limit)).map((s) => s.hit);
}
