// Intake figures on a database a seeded generator fills with 1,000,000 cases: acceptance p50/p99 next to
// a bare SQLite transaction writing the same bytes, search and list p99, and the host's RSS.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { createApp, type App } from '../../src-main/app/app';
import {
  PNG_BYTES,
  socialSecurityCardApplication,
  verifyApplicant,
} from '../../src-main/cases/testing/intake-fixtures';
import { chinaDate } from '@common/time';
import { quantile, sample, since, type Figure, type Suite } from '../lib';
import { ROOT, startHostProcess } from '../host-process';
import { seedCases } from '../seed-cases';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
export const HALL = { name: '万州区政务服务中心', divisionCode: '500101', windowNo: '12', windowCode: '50010112' };
export const ADMIN = { username: 'admin', displayName: '管理员', password: 'Chongqing2026' };
const scan = () => Buffer.concat([PNG_BYTES.subarray(0, 8), randomBytes(200 * 1024 - 8)]);

export async function openApp(dataDir: string, plaintextDatabase = false): Promise<App> {
  return createApp({
    firstPasswordChange: false,
    dataDir,
    migrationsDir: join(ROOT, 'migrations'),
    resourcesDir: join(ROOT, 'resources'),
    runtime: 'browser-host',
    version: 'bench',
    plaintextDatabase,
  });
}

export async function call<T>(app: App, caller: string, name: string, input: unknown): Promise<T> {
  const r = await app.call(caller, name, input, 0);
  if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.value as T;
}

/**
 * One acceptance as a clerk does it, through the command layer: two 200 KB scans attached (base64 as
 * they cross IPC, checked, hashed, written without an fsync of their own), then 受理, whose one
 * FULL commit makes the case and the scans durable together. Identity is checked beforehand, untimed.
 */
export async function timedAcceptance(app: App): Promise<{ attach: number; accept: number }> {
  const { caseId } = await call<{ caseId: string }>(app, 'clerk', 'drafts:create', {});
  await verifyApplicant(app, 'clerk', caseId);
  const scans = [scan().toString('base64'), scan().toString('base64')];
  const start = performance.now();
  await call(app, 'clerk', 'attachments:add', {
    caseId,
    materialCode: 'PHOTO',
    fileName: 'photo.png',
    dataBase64: scans[0],
  });
  await call(app, 'clerk', 'attachments:add', {
    caseId,
    materialCode: 'APPLY-FORM',
    fileName: 'form.png',
    dataBase64: scans[1],
  });
  const attach = since(start);
  const acceptStart = performance.now();
  await call(app, 'clerk', 'intake:accept', { application: socialSecurityCardApplication(caseId) });
  return { attach, accept: since(acceptStart) };
}

/** The floor: one transaction with synchronous=FULL writing the same bytes (two 200 KB blobs and a case-sized row). */
function bareTransaction(db: Database.Database, n: number): number {
  const a = scan();
  const b = scan();
  const row = JSON.stringify(socialSecurityCardApplication(`bare-${n}`)).repeat(3);
  const start = performance.now();
  db.transaction(() => {
    db.prepare('INSERT INTO blobs (id, bytes) VALUES (?, ?)').run(`${n}-a`, a);
    db.prepare('INSERT INTO blobs (id, bytes) VALUES (?, ?)').run(`${n}-b`, b);
    db.prepare('INSERT INTO rows (id, body) VALUES (?, ?)').run(n, row);
  })();
  return since(start);
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

export const intakeSuite: Suite = {
  name: 'intake',
  async run(): Promise<Figure[]> {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-intake-'));
    const app = await openApp(dataDir);
    await call(app, 'admin', 'setup:initialize', { hall: HALL, admin: ADMIN });
    const { id: clerkId } = await call<{ id: number }>(app, 'admin', 'users:create', {
      username: 'clerk1',
      displayName: '窗口一',
      role: 'clerk',
      password: 'Passw0rd!',
    });
    await call(app, 'clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' });
    const today = chinaDate(new Date());
    const yesterday = chinaDate(new Date(Date.now() - 86_400_000));
    const seedStart = performance.now();
    seedCases(app.services.db, { count: CASES, days: 730, lastDay: yesterday, clerkId, windowCode: HALL.windowCode });
    app.services.db.pragma('optimize');
    const seedSeconds = since(seedStart) / 1000;

    // (a) acceptance next to the bare transaction, interleaved so both see the same machine.
    const bare = new Database(join(dataDir, 'bare.sqlite'));
    bare.pragma('journal_mode = WAL');
    bare.pragma('synchronous = FULL');
    bare.exec(
      'CREATE TABLE blobs (id TEXT PRIMARY KEY, bytes BLOB NOT NULL) STRICT; CREATE TABLE rows (id INTEGER PRIMARY KEY, body TEXT NOT NULL) STRICT;',
    );
    const accept: number[] = [];
    const whole: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 10; i++) {
      await timedAcceptance(app);
      bareTransaction(bare, -i - 1);
    }
    for (let i = 0; i < 300; i++) {
      const t = await timedAcceptance(app);
      accept.push(t.accept);
      whole.push(t.attach + t.accept);
      floor.push(bareTransaction(bare, i));
    }
    bare.close();

    // (b) search and (c) today's list, through the same query code the commands use.
    const probe = app.services.db.prepare<
      [number],
      { applicant_id_number: string; receipt_no: string; applicant_name: string }
    >('SELECT applicant_id_number, receipt_no, applicant_name FROM cases WHERE rowid = ?');
    const someCase = () => probe.get(1 + Math.floor(Math.random() * CASES))!;
    const list = (q?: string) => app.services.caseQueries.list({ limit: 50, offset: 0, ...(q ? { q } : {}) });
    const byId = await sample(500, () => list(someCase().applicant_id_number));
    const byReceipt = await sample(500, () => list(someCase().receipt_no));
    const byName = await sample(500, () => list(someCase().applicant_name.slice(0, 2)));
    const todays = await sample(500, () => list());
    app.close();

    // (d) the browser host's RSS serving the same queries on the 1,000,000-case database.
    const host = await startHostProcess(dataDir);
    const exchange = await fetch(host.url, { redirect: 'manual' });
    const headers = {
      Cookie: (exchange.headers.get('set-cookie') ?? '').split(';')[0] as string,
      Origin: host.origin,
      'Content-Type': 'application/json',
    };
    const post = (name: string, body: unknown) =>
      fetch(`${host.origin}/api/call/${name}`, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) =>
        r.json(),
      );
    await post('auth:login', { username: 'clerk1', password: 'Passw0rd!' });
    for (let i = 0; i < 200; i++) await post('cases:list', { q: i % 2 ? 'W' : '王' });
    await post('cases:list', { from: '2025-01-01', to: today, limit: 200 });
    const rss = rssMb(host.child.pid!);
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });

    const n = `${CASES.toLocaleString('en')} cases`;
    return [
      { suite: 'intake', name: 'seed database', value: seedSeconds, unit: 's', note: n },
      {
        suite: 'intake',
        name: '受理 p50 (3 materials, 2 × 200 KB scans attached)',
        value: quantile(accept, 0.5),
        unit: 'ms',
        note: `${n}; its one FULL commit makes case and scans durable`,
      },
      { suite: 'intake', name: '受理 p99', value: quantile(accept, 0.99), unit: 'ms' },
      {
        suite: 'intake',
        name: 'bare FULL-sync transaction, same bytes, p50',
        value: quantile(floor, 0.5),
        unit: 'ms',
        note: 'two 200 KB blobs + a case-sized row, one commit',
      },
      {
        suite: 'intake',
        name: '受理 / bare (p50)',
        value: quantile(accept, 0.5) / quantile(floor, 0.5),
        unit: '×',
        target: '≤ 1.5×',
      },
      {
        suite: 'intake',
        name: 'whole path p50 (2 attach commands + 受理)',
        value: quantile(whole, 0.5),
        unit: 'ms',
        note: 'adds base64 decoding, checking and SHA-256 of 400 KB',
      },
      { suite: 'intake', name: 'whole path p99', value: quantile(whole, 0.99), unit: 'ms' },
      {
        suite: 'intake',
        name: 'whole path / bare (p50)',
        value: quantile(whole, 0.5) / quantile(floor, 0.5),
        unit: '×',
      },
      { suite: 'intake', name: 'search by ID number p99', value: quantile(byId, 0.99), unit: 'ms', target: '≤ 5 ms' },
      {
        suite: 'intake',
        name: 'search by receipt number p99',
        value: quantile(byReceipt, 0.99),
        unit: 'ms',
        target: '≤ 5 ms',
      },
      {
        suite: 'intake',
        name: 'search by name prefix p99',
        value: quantile(byName, 0.99),
        unit: 'ms',
        target: '≤ 5 ms',
        note: '2-character prefix, first 50 rows',
      },
      {
        suite: 'intake',
        name: "today's list (50 rows) p99",
        value: quantile(todays, 0.99),
        unit: 'ms',
        target: '≤ 10 ms',
      },
      { suite: 'intake', name: 'browser host RSS', value: rss, unit: 'MB', target: '≤ 300 MB', note: n },
    ];
  },
};
