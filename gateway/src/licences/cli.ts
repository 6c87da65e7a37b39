// `licences import FILE [--replace]` of the gateway's command line: loads the built-in provider's table.
// `licences import-issuer ISSUER KEY.pem`: stores an issuing authority's public key and re-checks its licences.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type pg from 'pg';
import { audit } from '../audit';
import { withTransaction } from '../db/pool';
import { parseIssuerKey, recheckIssuer, saveIssuerKey } from './issuer-signatures';
import { importLicences, LicenceSignatureError, parseLicenceFile, type LoadError } from './loader';

type WithDatabase = <T>(fn: (pool: pg.Pool) => Promise<T>) => Promise<T>;

/** Runs `licences import FILE [--replace]`. */
export async function runLicencesCommand(
  args: string[],
  flags: { json: boolean; replace: boolean },
  withDatabase: WithDatabase,
  out: (line: string) => void,
  fail: (message: string) => never,
): Promise<void> {
  const [sub, file, ...rest] = args;
  if (sub === 'import-issuer') return importIssuer(rest.length === 1 ? [file, rest[0]] : [], withDatabase, out, fail);
  if (sub !== 'import' || !file || rest.length > 0)
    return fail('use: licences import FILE.json|FILE.csv [--replace] | licences import-issuer ISSUER KEY.pem');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return fail(`cannot read ${file}: ${(err as Error).message}`);
  }
  const parsed = parseLicenceFile(text);
  const refuse = (errors: LoadError[]) => {
    if (flags.json) out(JSON.stringify({ ok: false, errors }));
    else for (const e of errors) out(`第 ${e.row} 条 ${e.field || '(整条)'}：${e.message}`);
    return fail(`licences not imported: ${errors.length} error(s), nothing changed`);
  };
  if (!parsed.ok) return refuse(parsed.errors);
  const result = await withDatabase(async (pool) => {
    const counts = await importLicences(pool, parsed.records, { replace: flags.replace, issuers: parsed.issuers });
    await audit(pool, {
      actor: `cli:${userInfo().username}`,
      action: 'licences.import',
      details: { ...counts, replace: flags.replace },
    });
    return counts;
  }).catch((err: unknown) => {
    if (err instanceof LicenceSignatureError) return refuse(err.errors);
    throw err;
  });
  if (flags.json) return out(JSON.stringify({ ok: true, ...result }));
  out(
    `licences imported: ${result.loaded} record(s), ${result.verified} with a verified issuer signature` +
      `${flags.replace ? `, ${result.deleted} not in the file deleted` : ''}`,
  );
}

/** `licences import-issuer ISSUER KEY.pem`: the issuer's public key, then its stored licences re-checked. */
async function importIssuer(
  [issuer, file]: (string | undefined)[],
  withDatabase: WithDatabase,
  out: (line: string) => void,
  fail: (message: string) => never,
): Promise<void> {
  if (!issuer || !file) return fail('use: licences import-issuer ISSUER KEY.pem');
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (err) {
    return fail(`cannot read ${file}: ${(err as Error).message}`);
  }
  const parsed = parseIssuerKey(issuer, pem);
  if (!parsed.ok) return fail(`${file}: ${parsed.message}`);
  const key = parsed.key;
  const counts = await withDatabase(async (pool) => {
    const checked = await withTransaction(pool, async (client) => {
      await saveIssuerKey(client, key);
      return recheckIssuer(client, key);
    });
    await audit(pool, {
      actor: `cli:${userInfo().username}`,
      action: 'licences.issuer-key',
      details: { issuer: key.issuer, keyType: key.keyType, fingerprint: key.fingerprint, ...checked },
    });
    return checked;
  });
  out(`issuer key stored: ${key.issuer} (${key.keyType}, SHA-256 ${key.fingerprint})`);
  out(`licences re-checked: ${counts.verified} verified, ${counts.unverified} unverified, ${counts.invalid} invalid`);
}
