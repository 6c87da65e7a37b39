// Encryption at rest (issue #15): the intake path on an encrypted database next to a plain one in the same run
// (interleaved, same seeded cases), search p99 on both, and the time to encrypt a plaintext database in place.
// Flags (`--name=N` or `--name N`): --cases N (both databases, default 100,000), --encrypt-cases N (in-place
// encryption, default --cases), --inplace-only (skip the side-by-side part: the 1,000,000-case figure is
// `npm run bench -- encryption --inplace-only --encrypt-cases 1000000`). BENCH_ENCRYPT_CASES sets --encrypt-cases.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src-main/app/app';
import { chinaDate } from '../../src-main/common/time';
import { encryptInPlace } from '../../src-main/db/encryption';
import { openDatabase } from '../../src-main/db/open';
import { quantile, sample, since, type Figure, type Suite } from '../lib';
import { ROOT } from '../host-process';
import { seedCases } from '../seed-cases';
import { ADMIN, call, HALL, openApp, timedAcceptance } from './intake';

const flag = (name: string, fallback: number): number => {
  const args = process.argv;
  const joined = args.find((a) => a.startsWith(`--${name}=`));
  const at = args.indexOf(`--${name}`);
  const raw = joined ? joined.split('=')[1] : at >= 0 ? args[at + 1] : undefined;
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/[_,]/g, ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} needs a positive whole number, got ${raw}`);
  return value;
};

async function seeded(dataDir: string, plain: boolean, cases: number): Promise<App> {
  const app = await openApp(dataDir, plain);
  await call(app, 'admin', 'setup:initialize', { hall: HALL, admin: ADMIN });
  const { id: clerkId } = await call<{ id: number }>(app, 'admin', 'users:create', {
    username: 'clerk1',
    displayName: '窗口一',
    role: 'clerk',
    password: 'Passw0rd!',
  });
  await call(app, 'clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' });
  const yesterday = chinaDate(new Date(Date.now() - 86_400_000));
  seedCases(app.services.db, { count: cases, days: 730, lastDay: yesterday, clerkId, windowCode: HALL.windowCode });
  app.services.db.pragma('optimize');
  return app;
}

async function searchP99(app: App, cases: number): Promise<number> {
  const probe = app.services.db.prepare<[number], { applicant_id_number: string }>(
    'SELECT applicant_id_number FROM cases WHERE rowid = ?',
  );
  const samples = await sample(500, () =>
    app.services.caseQueries.list({
      limit: 50,
      offset: 0,
      q: probe.get(1 + Math.floor(Math.random() * cases))!.applicant_id_number,
    }),
  );
  return quantile(samples, 0.99);
}

export const encryptionSuite: Suite = {
  name: 'encryption',
  async run(): Promise<Figure[]> {
    const cases = flag('cases', 100_000);
    const encryptCases = flag('encrypt-cases', Number(process.env.BENCH_ENCRYPT_CASES ?? '') || cases);
    const sideBySide = process.argv.includes('--inplace-only') ? [] : await compare(cases);
    return [...sideBySide, ...(await inPlace(encryptCases))];
  },
};

/** The intake path and search on a plain and an encrypted database of `cases` cases, interleaved in one run. */
async function compare(cases: number): Promise<Figure[]> {
  const n = `${cases.toLocaleString('en')} cases each`;
  const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'tongban-bench-enc-')));
  const plain = await seeded(dirs[0] as string, true, cases);
  const encrypted = await seeded(dirs[1] as string, false, cases);
  const times = { plain: [] as number[], encrypted: [] as number[] };
  for (let i = 0; i < 10; i++) {
    await timedAcceptance(plain);
    await timedAcceptance(encrypted);
  }
  for (let i = 0; i < 200; i++) {
    times.plain.push((await timedAcceptance(plain)).accept);
    times.encrypted.push((await timedAcceptance(encrypted)).accept);
  }
  const search = { plain: await searchP99(plain, cases), encrypted: await searchP99(encrypted, cases) };
  plain.close();
  encrypted.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  const p50 = { plain: quantile(times.plain, 0.5), encrypted: quantile(times.encrypted, 0.5) };
  return [
    { suite: 'encryption', name: '受理 p50, plain', value: p50.plain, unit: 'ms', note: n },
    { suite: 'encryption', name: '受理 p50, encrypted', value: p50.encrypted, unit: 'ms', note: n },
    {
      suite: 'encryption',
      name: '受理 p50 encrypted / plain',
      value: p50.encrypted / p50.plain,
      unit: '×',
      target: '≤ 1.15',
    },
    { suite: 'encryption', name: '受理 p99, plain', value: quantile(times.plain, 0.99), unit: 'ms' },
    { suite: 'encryption', name: '受理 p99, encrypted', value: quantile(times.encrypted, 0.99), unit: 'ms' },
    { suite: 'encryption', name: 'search by ID number p99, plain', value: search.plain, unit: 'ms' },
    { suite: 'encryption', name: 'search by ID number p99, encrypted', value: search.encrypted, unit: 'ms' },
  ];
}

/** In-place encryption of a plaintext database of `cases` cases (what an upgrade does at start). */
async function inPlace(cases: number): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-bench-enc-inplace-'));
  try {
    const file = join(dir, 'tongban.sqlite');
    const { db } = openDatabase(file, join(ROOT, 'migrations'));
    db.prepare(
      "INSERT INTO users (username, display_name, role, password_hash, created_at, updated_at) VALUES ('c', 'c', 'clerk', 'x', '2026-01-01', '2026-01-01')",
    ).run();
    // Seeding is one prepared INSERT in 50,000-row transactions (bench/seed-cases.ts): ~1M rows in minutes, not hours.
    const seedStart = performance.now();
    seedCases(db, { count: cases, days: 730, lastDay: chinaDate(new Date()), clerkId: 1, windowCode: HALL.windowCode });
    const seedSeconds = since(seedStart) / 1000;
    db.close();
    const mb = statSync(file).size / 1024 / 1024;
    const start = performance.now();
    encryptInPlace(file, randomBytes(32));
    const seconds = since(start) / 1000;
    const encryptedMb = statSync(file).size / 1024 / 1024;
    const note = `${cases.toLocaleString('en')} cases, ${mb.toFixed(0)} MB plain → ${encryptedMb.toFixed(0)} MB`;
    return [
      { suite: 'encryption', name: 'seed plaintext database', value: seedSeconds, unit: 's', note },
      { suite: 'encryption', name: 'encrypt in place', value: seconds, unit: 's', note },
      { suite: 'encryption', name: 'encrypt in place, throughput', value: mb / seconds, unit: 'MB/s', note },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
