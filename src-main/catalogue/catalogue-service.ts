// One object bundling catalogue, search, routing and divisions for the app's service container.
// Structurally satisfies the intake side's `CatalogueSource` (version/findMatter/route/divisionName/countyExists).
import type { DivisionLookup, DivisionsFile } from '@tongban/protocol/catalogue/divisions';
import type { ValidationError } from '@tongban/protocol/catalogue/issues';
import type { ResolvedRoute } from '@tongban/protocol/catalogue/routing';
import type { Matter } from '@tongban/protocol/catalogue/schema';
import type { SearchHit, SearchIndex } from '@common/catalogue/search';
import { createDivisionLookup } from '@tongban/protocol/catalogue/divisions';
import { validateCatalogueImport } from './import-catalogue';
import {
  loadCatalogue,
  loadDivisionsFile,
  loadRouting,
  prepareCatalogue,
  type LoadedCatalogue,
  type LoadedRouting,
} from './loaders';

/** What the wizard receives over IPC. */
export interface CatalogueViewData {
  version: string;
  publishedAt: string;
  matters: Matter[];
  searchIndex: SearchIndex;
}

/** Division maps for the address and locality pickers. */
export interface DivisionsViewData {
  version: string;
  provinces: Record<string, string>;
  cities: Record<string, string>;
  counties: Record<string, string>;
}

/** Outcome of an admin import; on success the service already uses the new catalogue. */
export type ApplyImportResult =
  { ok: true; version: string; matters: number; warnings: string[] } | { ok: false; errors: ValidationError[] };

/** Catalogue facade used by the app layer. */
export interface CatalogueService {
  version(): string;
  findMatter(code: string): Matter | undefined;
  search(query: string, limit?: number): SearchHit[];
  route(matterCode: string, divisionCode: string): ResolvedRoute | null;
  /** Name of a current or retired division code, or null. */
  divisionName(code: string): string | null;
  /** True for a current county-level code (retired codes excluded). */
  countyExists(code: string): boolean;
  divisions(): DivisionLookup;
  view(): CatalogueViewData;
  divisionsView(): DivisionsViewData;
  /** Validates an admin-imported catalogue and, if valid and newer, switches to it (persisting is the caller's job). */
  importCatalogue(text: string): ApplyImportResult;
}

/** Options for createCatalogueService. */
export interface CatalogueServiceOptions {
  /** Text of a previously imported catalogue (persisted by the caller); used when valid and newer than the shipped one. */
  importedCatalogueText?: string;
  /** Receives a message when the persisted import is ignored. */
  onIgnoredImport?: (errors: ValidationError[]) => void;
}

/** Loads every resource from `resourcesDir` (throws ResourceValidationError on a broken shipped file). */
export async function createCatalogueService(
  resourcesDir: string,
  options: CatalogueServiceOptions = {},
): Promise<CatalogueService> {
  let loaded: LoadedCatalogue = await loadCatalogue(resourcesDir);
  const routing: LoadedRouting = await loadRouting(resourcesDir, loaded.catalogue);
  const divisionsFile: DivisionsFile = await loadDivisionsFile(resourcesDir);
  const lookup = createDivisionLookup(divisionsFile);

  const applyImport = (text: string): ApplyImportResult => {
    const result = validateCatalogueImport(text, loaded.catalogue, { routing: routing.routing });
    if (!result.ok) return result;
    loaded = prepareCatalogue(result.catalogue);
    return {
      ok: true,
      version: result.catalogue.catalogueVersion,
      matters: result.catalogue.matters.length,
      warnings: result.warnings,
    };
  };
  if (options.importedCatalogueText !== undefined) {
    const result = applyImport(options.importedCatalogueText);
    if (!result.ok) options.onIgnoredImport?.(result.errors);
  }

  return {
    version: () => loaded.catalogue.catalogueVersion,
    findMatter: (code) => loaded.findMatter(code),
    search: (query, limit) => loaded.search(query, limit),
    route: (matterCode, divisionCode) =>
      loaded.findMatter(matterCode) ? routing.resolve(matterCode, divisionCode) : null,
    divisionName: (code) => lookup.divisionName(code),
    countyExists: (code) => lookup.isKnownCounty(code),
    divisions: () => lookup,
    view: () => ({
      version: loaded.catalogue.catalogueVersion,
      publishedAt: loaded.catalogue.publishedAt,
      matters: loaded.catalogue.matters,
      searchIndex: loaded.searchIndex,
    }),
    divisionsView: () => ({
      version: divisionsFile.version,
      provinces: divisionsFile.provinces,
      cities: divisionsFile.cities,
      counties: divisionsFile.counties,
    }),
    importCatalogue: applyImport,
  };
}
