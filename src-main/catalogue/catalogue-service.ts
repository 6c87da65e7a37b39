// One object bundling catalogue, search, routing and divisions for the app's service container.
// Structurally satisfies the intake side's `CatalogueSource` (version/findMatter/route/divisionName/countyExists).
import type { DivisionLookup, DivisionsFile } from '@tongban/protocol/catalogue/divisions';
import type { ValidationError } from '@tongban/protocol/catalogue/issues';
import type { CatalogueBundle } from '@tongban/protocol/catalogue/bundle';
import { jointRoute, resolveRoute, type ResolvedRoute } from '@tongban/protocol/catalogue/routing';
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
  /** The catalogue and routing in force. */
  bundle(): CatalogueBundle;
  /** Puts a (validated) gateway version in force, or with null the shipped/imported baseline again. */
  use(bundle: CatalogueBundle | null): void;
  /** The matter and route lookups of the version a case was filed under (the one in force when unknown). */
  at(version: string): Pick<CatalogueService, 'findMatter' | 'route' | 'version'>;
}

/** Options for createCatalogueService. */
export interface CatalogueServiceOptions {
  /** Text of a previously imported catalogue (persisted by the caller); used when valid and newer than the shipped one. */
  importedCatalogueText?: string;
  /** Receives a message when the persisted import is ignored. */
  onIgnoredImport?: (errors: ValidationError[]) => void;
  /** A stored gateway version by number (for cases filed under an earlier one), or null. */
  storedVersion?: (version: string) => CatalogueBundle | null;
}

/** Loads every resource from `resourcesDir` (throws ResourceValidationError on a broken shipped file). */
export async function createCatalogueService(
  resourcesDir: string,
  options: CatalogueServiceOptions = {},
): Promise<CatalogueService> {
  let loaded: LoadedCatalogue = await loadCatalogue(resourcesDir);
  let routing: LoadedRouting = await loadRouting(resourcesDir, loaded.catalogue);
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
  const baseline = { loaded, routing };
  const bindRouting = (r: CatalogueBundle['routing']): LoadedRouting => ({
    routing: r,
    resolve: (matterCode, divisionCode) => resolveRoute(r, matterCode, divisionCode),
  });
  const earlier = new Map<string, Pick<CatalogueService, 'findMatter' | 'route' | 'version'>>();
  const lookups = (
    l: LoadedCatalogue,
    r: LoadedRouting,
  ): Pick<CatalogueService, 'findMatter' | 'route' | 'version'> => ({
    version: () => l.catalogue.catalogueVersion,
    findMatter: (code) => l.findMatter(code),
    route: (matterCode, divisionCode) => {
      const matter = l.findMatter(matterCode);
      return matter ? jointRoute(r.routing, matter, divisionCode, r.resolve(matterCode, divisionCode)) : null;
    },
  });

  return {
    bundle: () => ({ catalogue: loaded.catalogue, routing: routing.routing }),
    use: (bundle) => {
      if (bundle === null) ({ loaded, routing } = baseline);
      else {
        loaded = prepareCatalogue(bundle.catalogue);
        routing = bindRouting(bundle.routing);
      }
    },
    at: (version) => {
      if (version === loaded.catalogue.catalogueVersion) return lookups(loaded, routing);
      if (version === baseline.loaded.catalogue.catalogueVersion) return lookups(baseline.loaded, baseline.routing);
      const cached = earlier.get(version);
      if (cached) return cached;
      const stored = options.storedVersion?.(version);
      if (!stored) return lookups(loaded, routing);
      const found = lookups(prepareCatalogue(stored.catalogue), bindRouting(stored.routing));
      earlier.set(version, found);
      return found;
    },
    version: () => loaded.catalogue.catalogueVersion,
    findMatter: (code) => loaded.findMatter(code),
    search: (query, limit) => loaded.search(query, limit),
    route: (matterCode, divisionCode) => {
      const matter = loaded.findMatter(matterCode);
      return matter
        ? jointRoute(routing.routing, matter, divisionCode, routing.resolve(matterCode, divisionCode))
        : null;
    },
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
