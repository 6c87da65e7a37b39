// `licences import FILE [--replace]` of the gateway's command line: loads the built-in provider's table.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type pg from 'pg';
import { audit } from '../audit';
import { importLicences, parseLicenceFile } from './loader';

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
  if (sub !== 'import' || !file || rest.length > 0) return fail('use: licences import FILE.json|FILE.csv [--replace]');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    return fail(`cannot read ${file}: ${(err as Error).message}`);
  }
  const parsed = parseLicenceFile(text);
  if (!parsed.ok) {
    if (flags.json) out(JSON.stringify(parsed));
    else for (const e of parsed.errors) out(`第 ${e.row} 条 ${e.field || '(整条)'}：${e.message}`);
    return fail(`licences not imported: ${parsed.errors.length} error(s), nothing changed`);
  }
  const result = await withDatabase(async (pool) => {
    const counts = await importLicences(pool, parsed.records, { replace: flags.replace });
    await audit(pool, {
      actor: `cli:${userInfo().username}`,
      action: 'licences.import',
      details: { ...counts, replace: flags.replace },
    });
    return counts;
  });
  if (flags.json) return out(JSON.stringify({ ok: true, ...result }));
  out(
    `licences imported: ${result.loaded} record(s)${flags.replace ? `, ${result.deleted} not in the file deleted` : ''}`,
  );
}
