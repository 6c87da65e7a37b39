// `catalogue import` and `catalogue key` of the gateway's command line.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type pg from 'pg';
import type { ValidationError } from '@tongban/protocol/catalogue/issues';
import { cataloguePublicKey, importCatalogueVersion } from './repo';

type WithDatabase = <T>(fn: (pool: pg.Pool) => Promise<T>) => Promise<T>;

/** Reads a JSON file, or the error as a ValidationError at `path`. */
function readJson(file: string, path: string): { ok: true; value: unknown } | { ok: false; error: ValidationError } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return { ok: false, error: { path, message: `cannot read ${file}: ${(err as Error).message}` } };
  }
  try {
    return { ok: true, value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown };
  } catch (err) {
    return { ok: false, error: { path, message: `${file} is not JSON: ${(err as Error).message}` } };
  }
}

/**
 * The bundle to import: one file `{catalogue, routing}`, or the two shipped files (catalogue.json, routing.json)
 * put together as they are.
 */
export function readBundleFiles(
  files: string[],
): { ok: true; json: unknown } | { ok: false; errors: ValidationError[] } {
  if (files.length === 1) {
    const one = readJson(files[0] as string, '');
    return one.ok ? { ok: true, json: one.value } : { ok: false, errors: [one.error] };
  }
  const catalogue = readJson(files[0] as string, 'catalogue');
  const routing = readJson(files[1] as string, 'routing');
  const errors = [catalogue, routing].flatMap((r) => (r.ok ? [] : [r.error]));
  if (!catalogue.ok || !routing.ok) return { ok: false, errors };
  return { ok: true, json: { catalogue: catalogue.value, routing: routing.value } };
}

/** Runs `catalogue import FILE [ROUTING]` or `catalogue key`. */
export async function runCatalogueCommand(
  args: string[],
  json: boolean,
  withDatabase: WithDatabase,
  out: (line: string) => void,
  fail: (message: string) => never,
): Promise<void> {
  const [sub, ...files] = args;
  if (sub === 'key') return out(await withDatabase(cataloguePublicKey));
  if (sub !== 'import' || files.length < 1 || files.length > 2)
    return fail('use: catalogue import BUNDLE.json | catalogue import CATALOGUE.json ROUTING.json | catalogue key');
  const read = readBundleFiles(files);
  const outcome = read.ok
    ? await withDatabase((pool) => importCatalogueVersion(pool, read.json, `cli:${userInfo().username}`))
    : { ok: false as const, errors: read.errors };
  if (json) {
    out(JSON.stringify(outcome));
    if (!outcome.ok) process.exitCode = 2;
    return;
  }
  if (!outcome.ok) {
    for (const e of outcome.errors) out(`${e.path || '(root)'}: ${e.message}`);
    return fail(`catalogue not imported: ${outcome.errors.length} error(s)`);
  }
  out(
    `catalogue ${outcome.version} published (${outcome.matters} matters, ${outcome.departments} departments, sha256 ${outcome.sha256}); windows fetch it on their next sync`,
  );
}
