// Validation of an admin-imported (newer) catalogue file before it replaces the current one.
import type { ValidationError } from '@tongban/protocol/catalogue/issues';
import { routingCoverageErrors, type Routing } from '@tongban/protocol/catalogue/routing';
import { parseCatalogue, type Catalogue } from '@tongban/protocol/catalogue/schema';
import { compareCatalogueVersions } from '@tongban/protocol/catalogue/version';
import { parseJsonText } from './errors';

/** Largest accepted import (the shipped catalogue is ~200 KB). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

/** Outcome of validating an import: the new catalogue plus warnings, or every error. */
export type CatalogueImportResult =
  { ok: true; catalogue: Catalogue; warnings: string[] } | { ok: false; errors: ValidationError[] };

/** Optional context for extra (non-blocking) checks. */
export interface CatalogueImportOptions {
  /** Routing in force; matters without a route are reported as warnings. */
  routing?: Routing;
}

function versionErrors(raw: unknown, current: Catalogue): ValidationError[] {
  const version =
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).catalogueVersion : undefined;
  if (typeof version !== 'string') return [];
  const cmp = compareCatalogueVersions(version, current.catalogueVersion);
  if (cmp === null || cmp > 0) return [];
  return [
    {
      path: 'catalogueVersion',
      message: `version ${version} is not newer than the current ${current.catalogueVersion}`,
    },
  ];
}

/**
 * Validates the text of an admin-imported catalogue against the current one: JSON syntax, the full schema
 * and a strictly newer catalogueVersion. Returns every error found (schema and version errors together).
 */
export function validateCatalogueImport(
  text: string,
  current: Catalogue,
  options: CatalogueImportOptions = {},
): CatalogueImportResult {
  if (Buffer.byteLength(text, 'utf8') > MAX_IMPORT_BYTES) {
    return { ok: false, errors: [{ path: '', message: `file is larger than ${MAX_IMPORT_BYTES} bytes` }] };
  }
  const json = parseJsonText(text);
  if (!json.ok) return json;
  const parsed = parseCatalogue(json.value);
  const errors = [...versionErrors(json.value, current), ...(parsed.ok ? [] : parsed.errors)];
  if (!parsed.ok || errors.length > 0) return { ok: false, errors };
  const catalogue = parsed.catalogue;
  const newCodes = new Set(catalogue.matters.map((m) => m.code));
  const warnings = current.matters
    .filter((m) => !newCodes.has(m.code))
    .map((m) => `matter ${m.code} ${m.name} is removed by this import`);
  if (options.routing) {
    warnings.push(...routingCoverageErrors(options.routing, catalogue.matters).map((e) => `routing: ${e.message}`));
  }
  return { ok: true, catalogue, warnings };
}
