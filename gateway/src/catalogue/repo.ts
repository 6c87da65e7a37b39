// Catalogue versions at the gateway: the signing key, the validating import, the newest version and the
// routing check of pushed cases (docs/catalogue.md "Versions from the gateway").
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type pg from 'pg';
import {
  catalogueSignedText,
  parseCatalogueBundle,
  routingRefusal,
  partsRefusal,
  type SignedCatalogueVersion,
} from '@tongban/protocol/catalogue/bundle';
import type { ValidationError } from '@tongban/protocol/catalogue/issues';
import { parseRouting, type Routing } from '@tongban/protocol/catalogue/routing';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import { audit } from '../audit';
import { withTransaction } from '../db/pool';
import { GatewayError } from '../http/errors';

const KEY_NAME = 'catalogue-ed25519';

/** The gateway's catalogue signing key (Ed25519, PKCS#8 DER in gateway_secrets), created on first use. */
export async function catalogueSigningKey(pool: pg.Pool | pg.PoolClient): Promise<KeyObject> {
  const read = async () =>
    (await pool.query<{ value: Buffer }>('SELECT value FROM gateway_secrets WHERE name = $1', [KEY_NAME])).rows[0];
  let row = await read();
  if (!row) {
    const { privateKey } = generateKeyPairSync('ed25519');
    // Two first uses at once: one insert wins and both read the winner.
    await pool.query('INSERT INTO gateway_secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      KEY_NAME,
      privateKey.export({ format: 'der', type: 'pkcs8' }),
    ]);
    row = await read();
  }
  return createPrivateKey({ key: (row as { value: Buffer }).value, format: 'der', type: 'pkcs8' });
}

/** The raw 32-byte public catalogue key, base64: handed to every window at enrolment. */
export async function cataloguePublicKey(pool: pg.Pool | pg.PoolClient): Promise<string> {
  const spki = createPublicKey(await catalogueSigningKey(pool)).export({ format: 'der', type: 'spki' });
  return spki.subarray(spki.length - 32).toString('base64');
}

/** Outcome of an import. */
export type ImportOutcome =
  | { ok: true; version: string; matters: number; departments: number; sha256: string }
  | { ok: false; errors: ValidationError[] };

/** The newest published version's number, or null. */
export async function latestVersionNumber(db: pg.Pool | pg.PoolClient): Promise<string | null> {
  const { rows } = await db.query<{ version: string }>(
    'SELECT version FROM catalogue_versions ORDER BY ordinal DESC LIMIT 1',
  );
  return rows[0]?.version ?? null;
}

/**
 * Validates `json` ({catalogue, routing} in the shipped files' format) against the schemas, the routing's
 * coverage of every matter and a strictly newer version; signs and stores it, audited. Nothing is stored
 * unless every check passes; every error found is returned with its path.
 */
export async function importCatalogueVersion(
  pool: pg.Pool,
  json: unknown,
  importedBy: string,
  now = new Date(),
): Promise<ImportOutcome> {
  return withTransaction(pool, async (client) => {
    await client.query('LOCK TABLE catalogue_versions IN EXCLUSIVE MODE');
    const parsed = parseCatalogueBundle(json, await latestVersionNumber(client));
    if (!parsed.ok) return parsed;
    const { catalogue, routing } = parsed.bundle;
    const unsigned = {
      version: catalogue.catalogueVersion,
      publishedAt: now.toISOString(),
      catalogue,
      routing,
    };
    const text = catalogueSignedText(unsigned);
    const signature = sign(null, Buffer.from(text, 'utf8'), await catalogueSigningKey(client)).toString('base64');
    const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
    await client.query(
      `INSERT INTO catalogue_versions (version, published_at, catalogue, routing, signed_sha256, signature, imported_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [unsigned.version, now, JSON.stringify(catalogue), JSON.stringify(routing), sha256, signature, importedBy],
    );
    await audit(client, {
      actor: importedBy,
      action: 'catalogue.import',
      target: `catalogue:${unsigned.version}`,
      details: { matters: catalogue.matters.length, routingVersion: routing.routingVersion, sha256 },
    });
    return {
      ok: true,
      version: unsigned.version,
      matters: catalogue.matters.length,
      departments: Object.keys(routing.departments ?? {}).length,
      sha256,
    };
  });
}

/** The newest version as windows receive it, or null when none was published. */
export async function latestCatalogueVersion(pool: pg.Pool): Promise<SignedCatalogueVersion | null> {
  const { rows } = await pool.query<{
    version: string;
    published_at: Date;
    catalogue: unknown;
    routing: unknown;
    signature: string;
  }>(
    'SELECT version, published_at, catalogue, routing, signature FROM catalogue_versions ORDER BY ordinal DESC LIMIT 1',
  );
  const r = rows[0];
  if (!r) return null;
  return {
    version: r.version,
    publishedAt: r.published_at.toISOString(),
    catalogue: r.catalogue,
    routing: r.routing,
    signature: r.signature,
  };
}

// Parsed routing per version: versions never change, so a parsed one stays valid for the process's life.
const routingCache = new Map<string, Routing>();

async function routingFor(pool: pg.Pool, version: string): Promise<{ version: string; routing: Routing } | null> {
  const { rows } = await pool.query<{ version: string; routing: unknown }>({
    name: 'routing-for', // every new case filed under an unknown version (or with none published) asks this
    text: `SELECT version, routing FROM catalogue_versions
     WHERE version = $1 OR ordinal = (SELECT max(ordinal) FROM catalogue_versions)
     ORDER BY (version = $1) DESC LIMIT 1`,
    values: [version],
  });
  const row = rows[0];
  if (!row) return null;
  const cached = routingCache.get(row.version);
  if (cached) return { version: row.version, routing: cached };
  const parsed = parseRouting(row.routing);
  if (!parsed.ok) throw new Error(`stored routing of catalogue ${row.version} does not parse`);
  if (routingCache.size > 20) routingCache.clear();
  routingCache.set(row.version, parsed.routing);
  return { version: row.version, routing: parsed.routing };
}

/**
 * Refuses (422 department-not-routed) a case whose department is not the one the routing of the version it was
 * filed under (else the newest version) sends its matter and locality to, on the pushing device's partition.
 * No published version: nothing to check against (a gateway that has not taken up catalogue versions).
 */
export async function checkCaseRouting(pool: pg.Pool, m: CaseManifest, deviceDistrict: string): Promise<void> {
  // A case filed under a version this process has read is checked from memory (versions never change):
  // a new case costs no query here, only a refusal does (decision 0231: one transaction per case).
  const cached = routingCache.get(m.catalogueVersion);
  const found = cached ? { version: m.catalogueVersion, routing: cached } : await routingFor(pool, m.catalogueVersion);
  if (!found) return;
  const refusal =
    routingRefusal(found.routing, { ...m, district: deviceDistrict }) ??
    partsRefusal(found.routing, await cataloguePartsOf(pool, found.version, m.matterCode), {
      ...m,
      district: deviceDistrict,
    });
  if (!refusal) return;
  // A replay of a stored case is answered as before (storeCase checks its hash), whatever was published since.
  const stored = await pool.query('SELECT 1 FROM cases WHERE case_id = $1', [m.caseId]);
  if (stored.rowCount) return;
  throw new GatewayError('department-not-routed', `catalogue ${found.version}: ${refusal}`, [
    { path: 'departmentId', code: 'department-not-routed' },
  ]);
}

type CatalogueParts = { code: string; departmentKind: string; step: number; required: boolean }[] | null;
// The parts of a matter in a version, by version and matter code (as immutable as the versions).
const partsCache = new Map<string, CatalogueParts>();

/** The 多地联办 parts of a matter in a stored catalogue version (read from its JSON), or null when it has none. */
async function cataloguePartsOf(pool: pg.Pool, version: string, matterCode: string): Promise<CatalogueParts> {
  const key = `${version}\u0000${matterCode}`;
  if (partsCache.has(key)) return partsCache.get(key) ?? null;
  const { rows } = await pool.query<{ parts: CatalogueParts }>(
    `SELECT m->'jointParts' AS parts FROM catalogue_versions, jsonb_array_elements(catalogue->'matters') AS m
     WHERE version = $1 AND m->>'code' = $2`,
    [version, matterCode],
  );
  if (partsCache.size > 2000) partsCache.clear();
  partsCache.set(key, rows[0]?.parts ?? null);
  return rows[0]?.parts ?? null;
}
