// The advisory lock keys (decision 0258): one table, distinct keys, the SQL functions' literal keys held to it, and
// the collision that made retention skip itself (CI of 2026-12-07) fixed: a run while the rollup flusher holds
// its lock does its work.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '../retention/retention';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { ADVISORY_LOCKS } from './locks';

let t: TestGateway;
beforeAll(async () => {
  t = await startTestGateway();
});
afterAll(async () => {
  await t?.close();
});

const SRC = join(__dirname, '..');
const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('advisory lock keys', () => {
  it('are distinct, and no source file names a key outside the table', () => {
    const keys = Object.values(ADVISORY_LOCKS);
    expect(new Set(keys).size).toBe(keys.length);
    const literal = /\b7_?202_?60\d\b/;
    const offenders = tsFiles(SRC).filter(
      (f) => !f.endsWith('locks.ts') && !f.endsWith('locks.test.ts') && literal.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });

  it('every lock the TypeScript takes names a key of the table first, as a parameter', () => {
    // pg_advisory_…($1 …) with ADVISORY_LOCKS.<name> as its first value; a bare hashtext(…) key would share the
    // single-key space with the table's keys.
    const calls = tsFiles(SRC)
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) =>
        [
          ...readFileSync(f, 'utf8').matchAll(/pg_(?:try_)?advisory_\w*\((.*?)\)\s*(?:AS \w+)?['`],\s*\[\s*([^,\]]+)/g),
        ].map((m) => ({
          file: f.slice(SRC.length + 1),
          first: m[1]!.split(',')[0]!.trim(),
          value: m[2]!.trim(),
        })),
      );
    expect(calls.length).toBeGreaterThanOrEqual(9);
    for (const c of calls) {
      expect(c.first, c.file).toBe('$1');
      expect(
        Object.keys(ADVISORY_LOCKS).map((k) => `ADVISORY_LOCKS.${k}`),
        c.file,
      ).toContain(c.value);
    }
  });

  it("the database's functions lock only the keys of the table, each function its own", async () => {
    const { rows } = await t.pool.query<{ name: string; src: string }>(
      `SELECT p.proname AS name, p.prosrc AS src FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE n.nspname = current_schema() AND p.prosrc ~ 'pg_(try_)?advisory'`,
    );
    const byKey = new Map<number, string>(Object.entries(ADVISORY_LOCKS).map(([name, key]) => [key, name]));
    const found = rows.flatMap((r) =>
      [...r.src.matchAll(/pg_(?:try_)?advisory\w*\((\d+)/g)].map((m) => [r.name, byKey.get(Number(m[1])) ?? m[1]]),
    );
    expect(found.length).toBeGreaterThan(0);
    for (const [fn, key] of found) expect(key, fn).toBe(fn === 'supervision_rollup_flush' ? 'rollupFlush' : 'blob');
  });

  it('a retention run while the rollup flusher holds its lock is not skipped', async () => {
    const flusher = await t.pool.connect();
    try {
      await flusher.query('BEGIN');
      await flusher.query('SELECT supervision_rollup_flush()');
      const counts = await runRetention(t.pool, t.gateway.blobStore, { days: 180 });
      expect(counts).not.toBeNull();
    } finally {
      await flusher.query('ROLLBACK');
      flusher.release();
    }
  });
});
