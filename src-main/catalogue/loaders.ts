// Loads and validates the shipped catalogue, routing and division files from an injected resources dir.
import { readFile } from 'node:fs/promises';
import {
  createDivisionLookup,
  parseDivisionsFile,
  type DivisionLookup,
  type DivisionsFile,
} from '@tongban/protocol/catalogue/divisions';
import type { ParseResult, ValidationError } from '@tongban/protocol/catalogue/issues';
import {
  parseRouting,
  resolveRoute,
  routingCoverageErrors,
  type ResolvedRoute,
  type Routing,
} from '@tongban/protocol/catalogue/routing';
import { findMatter, parseCatalogue, type Catalogue, type Matter } from '@tongban/protocol/catalogue/schema';
import { searchMatters, type SearchHit, type SearchIndex } from '@common/catalogue/search';
import { parseJsonText, ResourceValidationError } from './errors';
import { cataloguePath, divisionsPath, routingPath } from './paths';
import { buildPinyinSearchIndex } from './pinyin-index';

/** A validated catalogue with its pinyin search index. */
export interface LoadedCatalogue {
  catalogue: Catalogue;
  searchIndex: SearchIndex;
  search(query: string, limit?: number): SearchHit[];
  findMatter(code: string): Matter | undefined;
}

/** A validated routing table bound to its resolver. */
export interface LoadedRouting {
  routing: Routing;
  resolve(matterCode: string, divisionCode: string): ResolvedRoute | null;
}

async function readValidated<K extends string, T>(
  file: string,
  parse: (json: unknown) => ParseResult<K, T>,
  key: K,
): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ResourceValidationError(file, [{ path: '', message: `cannot read file: ${(error as Error).message}` }]);
  }
  const json = parseJsonText(text);
  if (!json.ok) throw new ResourceValidationError(file, json.errors);
  const result = parse(json.value);
  if (!result.ok) throw new ResourceValidationError(file, result.errors);
  return (result as { [P in K]: T })[key];
}

/** Wraps a validated catalogue with a freshly built pinyin index (also used after an admin import). */
export function prepareCatalogue(catalogue: Catalogue): LoadedCatalogue {
  const searchIndex = buildPinyinSearchIndex(catalogue);
  return {
    catalogue,
    searchIndex,
    search: (query, limit) => searchMatters(catalogue, query, searchIndex, limit),
    findMatter: (code) => findMatter(catalogue, code),
  };
}

/** Reads + validates resources/catalogue/catalogue.json and builds the pinyin search index; throws ResourceValidationError. */
export async function loadCatalogue(resourcesDir: string): Promise<LoadedCatalogue> {
  const catalogue = await readValidated(cataloguePath(resourcesDir), parseCatalogue, 'catalogue');
  return prepareCatalogue(catalogue);
}

/** Reads + validates resources/catalogue/routing.json; with a catalogue, also requires every matter to be routed. */
export async function loadRouting(resourcesDir: string, catalogue?: Catalogue): Promise<LoadedRouting> {
  const file = routingPath(resourcesDir);
  const routing = await readValidated(file, parseRouting, 'routing');
  if (catalogue) {
    const errors: ValidationError[] = routingCoverageErrors(routing, catalogue.matters);
    if (errors.length > 0) throw new ResourceValidationError(file, errors);
  }
  return { routing, resolve: (matterCode, divisionCode) => resolveRoute(routing, matterCode, divisionCode) };
}

/** Reads + validates resources/divisions/divisions.json (raw maps, e.g. for the address pickers). */
export async function loadDivisionsFile(resourcesDir: string): Promise<DivisionsFile> {
  return readValidated(divisionsPath(resourcesDir), parseDivisionsFile, 'divisions');
}

/** Reads + validates resources/divisions/divisions.json and returns the lookup (divisionName, isKnownCounty, …). */
export async function loadDivisions(resourcesDir: string): Promise<DivisionLookup> {
  return createDivisionLookup(await loadDivisionsFile(resourcesDir));
}
