// A catalogue version as the gateway publishes it: the shipped catalogue.json and routing.json together,
// validated as one (every error with its JSON path), signed by the gateway's catalogue key, and compared
// field by field with the version a window has. Pure: each side signs and verifies with its own crypto.
import { z } from 'zod';
import { canonicalJson } from '../canonical-json';
import type { ValidationError } from './issues';
import { parseRouting, resolveKindRoute, resolveRoute, routingCoverageErrors, type Routing } from './routing';
import { parseCatalogue, type Catalogue } from './schema';
import { compareCatalogueVersions } from './version';

/** A catalogue + routing version: the two shipped files, unchanged, under one object. */
export interface CatalogueBundle {
  catalogue: Catalogue;
  routing: Routing;
}

/** Outcome of validating a bundle. */
export type BundleParseResult = { ok: true; bundle: CatalogueBundle } | { ok: false; errors: ValidationError[] };

const prefixed = (prefix: string, errors: readonly ValidationError[]): ValidationError[] =>
  errors.map((e) => ({ path: e.path === '' ? prefix : `${prefix}.${e.path}`, message: e.message }));

/** The `{code, department}` of each matter of an unparsed catalogue that has both as strings. */
function readableMatters(catalogue: unknown): { code: string; department: string }[] {
  const matters = (catalogue as { matters?: unknown } | null)?.matters;
  if (!Array.isArray(matters)) return [];
  return matters.flatMap((m: unknown) => {
    const { code, department } = (m ?? {}) as { code?: unknown; department?: unknown };
    return typeof code === 'string' && typeof department === 'string' ? [{ code, department }] : [];
  });
}

/**
 * Validates unknown JSON `{catalogue, routing}` (each in the shipped file's format) and returns the bundle,
 * or EVERY error with its path (`catalogue.matters[3].situations[0].materials[2].form`, `routing.rules[5]…`).
 * With `latestVersion`, the catalogue version must be strictly newer.
 */
export function parseCatalogueBundle(json: unknown, latestVersion?: string | null): BundleParseResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, errors: [{ path: '', message: 'expected an object {catalogue, routing}' }] };
  const raw = json as Record<string, unknown>;
  const errors: ValidationError[] = Object.keys(raw)
    .filter((key) => key !== 'catalogue' && key !== 'routing')
    .map((key) => ({ path: key, message: `unknown key "${key}" (expected catalogue and routing)` }));
  const catalogue = raw.catalogue === undefined ? null : parseCatalogue(raw.catalogue);
  const routing = raw.routing === undefined ? null : parseRouting(raw.routing);
  if (!catalogue) errors.push({ path: 'catalogue', message: 'required (the catalogue.json object)' });
  else if (!catalogue.ok) errors.push(...prefixed('catalogue', catalogue.errors));
  if (!routing) errors.push({ path: 'routing', message: 'required (the routing.json object)' });
  else if (!routing.ok) errors.push(...prefixed('routing', routing.errors));
  // Coverage is checked even when the catalogue has other errors, on the matters whose code and kind can be read.
  if (routing?.ok) {
    const matters = catalogue?.ok ? catalogue.catalogue.matters : readableMatters(raw.catalogue);
    errors.push(...prefixed('routing', routingCoverageErrors(routing.routing, matters)));
  }
  if (catalogue?.ok && latestVersion) {
    const cmp = compareCatalogueVersions(catalogue.catalogue.catalogueVersion, latestVersion);
    if (cmp !== null && cmp <= 0)
      errors.push({
        path: 'catalogue.catalogueVersion',
        message: `version ${catalogue.catalogue.catalogueVersion} is not newer than the published ${latestVersion}`,
      });
  }
  if (errors.length > 0 || !catalogue?.ok || !routing?.ok) return { ok: false, errors };
  return { ok: true, bundle: { catalogue: catalogue.catalogue, routing: routing.routing } };
}

/** What the gateway signs and the window verifies: a published version. */
export interface SignedCatalogueVersion {
  version: string;
  /** When the gateway published it (ISO instant). */
  publishedAt: string;
  catalogue: unknown;
  routing: unknown;
  /** Base64 Ed25519 signature of `catalogueSignedText(...)` with the gateway's catalogue key. */
  signature: string;
}

/** Domain tag of catalogue signatures, so they can never be taken for another signed text. */
export const CATALOGUE_SIGNATURE_TAG = 'tongban-catalogue-version-v1';

/** The exact text the gateway signs: the tag, a newline, the canonical JSON of version, time and both files. */
export function catalogueSignedText(v: Omit<SignedCatalogueVersion, 'signature'>): string {
  return `${CATALOGUE_SIGNATURE_TAG}\n${canonicalJson({
    version: v.version,
    publishedAt: v.publishedAt,
    catalogue: v.catalogue,
    routing: v.routing,
  })}`;
}

/** `GET /v1/catalogue/latest?have=V`: nothing published, the window is current, or the newest version. */
export const catalogueLatestResponseSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('none') }),
  z.object({ status: z.literal('current'), version: z.string().min(1) }),
  z.object({
    status: z.literal('available'),
    version: z.string().min(1),
    publishedAt: z.iso.datetime({ offset: true }),
    catalogue: z.unknown(),
    routing: z.unknown(),
    signature: z.string().regex(/^[A-Za-z0-9+/]{86}==$/, 'ed25519-signature'),
  }),
]);
/** A `GET /v1/catalogue/latest` body. */
export type CatalogueLatestResponse = z.infer<typeof catalogueLatestResponseSchema>;

/**
 * Whether `departmentId` is the department the routing sends `matterCode` to for `localityDivision`, on the
 * gateway partition `district`. Returns null when allowed, else why not (for the error message).
 */
export function routingRefusal(
  routing: Routing,
  c: { matterCode: string; localityDivision: string; departmentId: string; district: string },
): string | null {
  const route = resolveRoute(routing, c.matterCode, c.localityDivision);
  if (!route) return `matter ${c.matterCode} has no route for ${c.localityDivision}`;
  if (route.departmentId !== c.departmentId)
    return `matter ${c.matterCode} for ${c.localityDivision} goes to ${route.departmentId}, not ${c.departmentId}`;
  if (route.gatewayDistrict !== c.district)
    return `matter ${c.matterCode} for ${c.localityDivision} belongs to partition ${route.gatewayDistrict}, not ${c.district}`;
  return null;
}

/**
 * Why the routing refuses a 多地联办 case's parts, or null: the parts must be the catalogue's parts of the matter
 * (same codes, steps and required flags), each at the department its kind is routed to for the case's locality, on
 * the pushing device's partition. `catalogueParts` null: the matter has no parts in that version (so must the case).
 */
export function partsRefusal(
  routing: Routing,
  catalogueParts: readonly { code: string; departmentKind: string; step: number; required: boolean }[] | null,
  c: {
    matterCode: string;
    localityDivision: string;
    district: string;
    parts?: readonly { code: string; departmentId: string; step: number; required: boolean }[];
  },
): string | null {
  const parts = c.parts ?? [];
  if (!catalogueParts) return parts.length ? `matter ${c.matterCode} is not 多地联办 but the case names parts` : null;
  if (parts.length !== catalogueParts.length) return `matter ${c.matterCode} has ${catalogueParts.length} parts`;
  for (const expected of catalogueParts) {
    const part = parts.find((p) => p.code === expected.code);
    if (!part || part.step !== expected.step || part.required !== expected.required)
      return `part ${expected.code} of ${c.matterCode} differs from the catalogue`;
    const route = resolveKindRoute(routing, expected.departmentKind, c.matterCode, c.localityDivision);
    if (!route || route.departmentId !== part.departmentId)
      return `part ${expected.code} for ${c.localityDivision} goes to ${route?.departmentId ?? 'nowhere'}, not ${part.departmentId}`;
    if (route.gatewayDistrict !== c.district)
      return `part ${expected.code} belongs to partition ${route.gatewayDistrict}, not ${c.district}`;
  }
  return null;
}
