// Sync figures: drain a backlog of queued cases (one 200 KB file each) to the gateway on loopback, next to
// a bare HTTP upload of the same bytes to a trivial server in the same run; gateway intake p99 under
// 100 concurrent windows.
import type Database from 'better-sqlite3-multiple-ciphers';
import type pg from 'pg';
import { createHash, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { createPool } from '../../gateway/src/db/pool';
import { DeviceClient } from '../../gateway/src/testing/device-client';
import { testManifest } from '../../gateway/src/testing/fixtures';
import { startTestPostgres } from '../../gateway/src/testing/pg';
import { createApp } from '../../src-main/app/app';
import {
  PNG_BYTES,
  socialSecurityCardApplication,
  verifyApplicant,
} from '../../src-main/cases/testing/intake-fixtures';
import { canonicalJson } from '@tongban/protocol/canonical-json';
import { freePort } from '../../tests/sync/chaos';
import { quantile, since, type Figure, type Suite } from '../lib';
import { ROOT } from '../host-process';
import { cpuMs, postgresCpu, selfCpuMs, startGatewayProcess } from '../processes';
import { startShapedLink, type LinkShape } from '../shaped-link';
import { drain, drainOverLink, LINK, LINK_CASES } from './sync-link';
import { DEFAULT_CONCURRENCY } from '../../src-main/sync/sync-engine';

const CASES = Number(process.env.BENCH_SYNC_CASES ?? 10_000);
const FILE = 200 * 1024;

export { builtGateway, cpuMs, postgresCpu, selfCpuMs, startGatewayProcess } from '../processes';

/** Clones one accepted case `n` times in SQL (new ids from `first` on, new file bytes), queueing each for sync as acceptance would. */
export function cloneBacklog(db: Database.Database, templateId: string, n: number, first = 0): void {
  const cols = (db.prepare('SELECT name FROM pragma_table_info(?)').all('cases') as { name: string }[])
    .map((c) => c.name)
    .filter((c) => c !== 'case_id' && c !== 'receipt_no');
  const copyCase = db.prepare(
    `INSERT INTO cases (case_id, receipt_no, ${cols.join(', ')}) SELECT ?, ?, ${cols.join(', ')} FROM cases WHERE case_id = ?`,
  );
  const copyMaterials = db.prepare(
    'INSERT INTO case_materials SELECT ?, position, material_code, name, handling, pages, required FROM case_materials WHERE case_id = ?',
  );
  const blob = db.prepare('INSERT INTO attachment_blobs (sha256, bytes) VALUES (?, ?)');
  const att =
    db.prepare(`INSERT INTO attachments (attachment_id, case_id, material_code, file_name, media_type, size, sha256, added_by, added_at)
    SELECT ?, ?, material_code, file_name, media_type, ?, ?, added_by, added_at FROM attachments WHERE case_id = ? LIMIT 1`);
  const outbox = db.prepare(
    "INSERT INTO outbox (case_id, kind, ref, created_at) VALUES (?, ?, ?, '2026-11-30T00:00:00Z')",
  );
  const batch = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const caseId = `00000000-0000-7000-9000-${String(i).padStart(12, '0')}`;
      const attachmentId = `00000000-0000-7000-a000-${String(i).padStart(12, '0')}`;
      const bytes = Buffer.concat([PNG_BYTES.subarray(0, 8), randomBytes(FILE - 8)]);
      const sha = createHash('sha256').update(bytes).digest('hex');
      copyCase.run(caseId, `BENCH-${i}`, templateId);
      copyMaterials.run(caseId, templateId);
      blob.run(sha, bytes);
      att.run(attachmentId, caseId, bytes.length, sha, templateId);
      outbox.run(caseId, 'case', null);
      outbox.run(caseId, 'attachment', attachmentId);
    }
  });
  for (let from = first; from < first + n; from += 1000) batch(from, Math.min(first + n, from + 1000));
}

/** PUTs `body` over a keep-alive agent with node:http, as the window's sync client sends. */
export function put(agent: Agent, port: number, path: string, body: Buffer, contentType: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'PUT',
        agent,
        headers: { 'Content-Type': contentType, 'Content-Length': String(body.length) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * The same traffic with nothing behind it: one PUT of the manifest and the 200 KB file per case (as the
 * case bundle, decision 0235), or a JSON PUT and a 200 KB PUT per case (`per-request`), as many cases at a
 * time as the window's loop, over the same transport as its client (node:http, keep-alive), warmed
 * up before timing; directly on loopback, or through a shaped link.
 */
export async function bareUpload(
  n: number,
  manifestBytes: number,
  shape?: LinkShape,
  mode: 'bundle' | 'per-request' = 'bundle',
): Promise<number> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(201, { 'Content-Type': 'application/json' }).end('{"ok":true}'));
  });
  server.keepAliveTimeout = 72_000; // as fastify's (the gateway's): Node's 5 s default drops connections a slow link leaves idle
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const link = shape
    ? await startShapedLink({ host: '127.0.0.1', port: (server.address() as { port: number }).port }, shape)
    : null;
  const port = link ? link.port : (server.address() as { port: number }).port;
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const manifest = Buffer.alloc(manifestBytes, 0x20);
  const files = Array.from({ length: 16 }, () => randomBytes(FILE)); // fresh bytes per request cost the floor nothing it should not have
  const run = async (count: number) => {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const file = files[i % files.length]!;
        if (mode === 'bundle') await put(agent, port, '/bundle', Buffer.concat([manifest, file]), 'application/json');
        else for (const body of [manifest, file]) await put(agent, port, '/x', body, 'application/json');
      }
    };
    await Promise.all(Array.from({ length: DEFAULT_CONCURRENCY }, worker));
  };
  await run(link ? 20 : 200);
  const start = performance.now();
  await run(n);
  const ms = since(start);
  agent.destroy();
  await link?.close();
  server.close();
  return ms;
}

/**
 * CPU (ms) of the cryptography the protocol requires per case, whatever the implementation: one signed
 * request (the case bundle: an Ed25519 signature by the window, a verification by the gateway) and the
 * 200 KB file's SHA-256 on both sides (Content-Digest, then the gateway's check).
 */
export function mandatoryCryptoMs(): number {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const base = Buffer.alloc(300, 0x61);
  const file = randomBytes(FILE);
  const once = () => {
    verify(null, base, publicKey, sign(null, base, privateKey));
    for (let side = 0; side < 2; side++) createHash('sha256').update(file).digest();
  };
  for (let i = 0; i < 200; i++) once();
  const cpu0 = selfCpuMs();
  for (let i = 0; i < 2000; i++) once();
  return (selfCpuMs() - cpu0) / 2000;
}

/** A window enrolled at `gatewayUrl` with one accepted case (one 200 KB scan) to clone into a backlog. */
export async function backlogWindow(
  gatewayUrl: string,
  pool: pg.Pool,
): Promise<{ app: Awaited<ReturnType<typeof createApp>>; template: string; close: () => void }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongban-bench-sync-'));
  const app = await createApp({
    firstPasswordChange: false,
    dataDir,
    migrationsDir: join(ROOT, 'migrations'),
    resourcesDir: join(ROOT, 'resources'),
    runtime: 'browser-host',
    version: 'bench',
  });
  const c = async <T>(caller: string, name: string, input: unknown): Promise<T> => {
    const r = await app.call(caller, name, input, 0);
    if (!r.ok) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
    return r.value as T;
  };
  await c('admin', 'setup:initialize', {
    hall: { name: '万州区政务服务中心', divisionCode: '500101', windowNo: '12', windowCode: '50010112' },
    admin: { username: 'admin', displayName: '管理员', password: 'Chongqing2026' },
  });
  await c('admin', 'users:create', {
    username: 'clerk1',
    displayName: '窗口一',
    role: 'clerk',
    password: 'Passw0rd!',
  });
  await c('clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' });
  // The gateway partition of the cases' locality (四川, 510000), as the shipped routing has it: once a capacity run
  // has published a catalogue, the gateway checks each case's routing against it (tests/sync/catalogue-versions).
  const { code } = await issueEnrolmentCode(pool, '50010112', '510000', 1);
  await c('admin', 'sync:configure', { gatewayUrl, code });
  await app.services.sync.engine.stop();
  const { caseId: template } = await c<{ caseId: string }>('clerk', 'drafts:create', {});
  await c('clerk', 'attachments:add', {
    caseId: template,
    materialCode: 'PHOTO',
    fileName: 'photo.png',
    dataBase64: Buffer.concat([PNG_BYTES.subarray(0, 8), randomBytes(FILE - 8)]).toString('base64'),
  });
  await verifyApplicant(app, 'clerk', template);
  await c('clerk', 'intake:accept', { application: socialSecurityCardApplication(template) });
  const close = () => {
    app.close();
    rmSync(dataDir, { recursive: true, force: true }); // a backlog's database is hundreds of MB
  };
  return { app, template, close };
}

export const syncSuite: Suite = {
  name: 'sync',
  async run(): Promise<Figure[]> {
    const pg = await startTestPostgres();
    const port = await freePort();
    const gateway = await startGatewayProcess(pg.url, port);
    const gatewayUrl = `http://127.0.0.1:${port}`;
    const pool = createPool(pg.url, 4);

    const { app, template, close } = await backlogWindow(gatewayUrl, pool);
    cloneBacklog(app.services.db, template, CASES - 1);
    const manifestBytes = canonicalJson(socialSecurityCardApplication(template)).length * 2;

    // CPU spent by each side while draining, and by the bare upload (client and trivial server share this process).
    const pgData = join(pg.dir, 'data', 'pg');
    const cpu0 = { window: selfCpuMs(), gateway: cpuMs(gateway.pid), postgres: postgresCpu(pgData) };
    const drainMs = await drain(app);
    const cpu1 = { window: selfCpuMs(), gateway: cpuMs(gateway.pid), postgres: postgresCpu(pgData) };
    const bareCpu0 = selfCpuMs();
    const bareMs = await bareUpload(CASES, manifestBytes);
    const bareCpuPerCase = (selfCpuMs() - bareCpu0) / CASES;
    const cryptoMs = mandatoryCryptoMs();

    // The same, over a link like a hall's to another province: a fresh backlog, the window pointed at a shaped link.
    const { drainMs: linkDrainMs, bareMs: linkBareMs } = await drainOverLink(app, template, port, CASES, manifestBytes);
    const perCase = (k: keyof typeof cpu0) => (cpu1[k] - cpu0[k]) / CASES;

    // Gateway intake under 100 concurrent windows: each enrolled device pushes case manifests at once.
    const devices: DeviceClient[] = [];
    for (let i = 0; i < 100; i++) {
      const device = new DeviceClient(gatewayUrl);
      const issued = await issueEnrolmentCode(pool, `BENCH${i}`, '500101', 1);
      await device.enroll(issued.code, `BENCH${i}`);
      devices.push(device);
    }
    const latencies: number[] = [];
    await Promise.all(
      devices.map(async (device) => {
        for (let k = 0; k < 20; k++) {
          const t = performance.now();
          const res = await device.putCase(testManifest('500101'));
          latencies.push(since(t));
          if (res.status !== 201) throw new Error(`intake PUT ${res.status}`);
        }
      }),
    );
    close();
    await pool.end();
    gateway.stop();
    await pg.stop();

    const mb = (CASES * FILE) / 2 ** 20;
    const casesPerSec = CASES / (drainMs / 1000);
    const bareCasesPerSec = CASES / (bareMs / 1000);
    return [
      {
        suite: 'sync',
        name: 'drain backlog: cases/s',
        value: casesPerSec,
        unit: 'cases/s',
        note: `${CASES.toLocaleString('en')} cases × 200 KB`,
      },
      { suite: 'sync', name: 'drain backlog: MB/s', value: mb / (drainMs / 1000), unit: 'MB/s' },
      { suite: 'sync', name: 'bare HTTP upload, same bytes: cases/s', value: bareCasesPerSec, unit: 'cases/s' },
      { suite: 'sync', name: 'drain / bare', value: casesPerSec / bareCasesPerSec, unit: '×', target: '≥ 0.5' },
      {
        suite: 'sync',
        name: 'CPU per case all three may use at 0.5× bare',
        value: (cpus().length * 1000) / (0.5 * bareCasesPerSec),
        unit: 'ms',
        note: `${cpus().length} cores, window + gateway + PostgreSQL`,
      },
      {
        suite: 'sync',
        name: "CPU per case of the protocol's own cryptography",
        value: cryptoMs,
        unit: 'ms',
        note: '2 × (Ed25519 sign + verify), SHA-256 of 200 KB on both sides',
      },
      {
        suite: 'sync',
        name: 'over a 100 Mbit/s, 30 ms link: drain cases/s',
        value: LINK_CASES / (linkDrainMs / 1000),
        unit: 'cases/s',
        note: `${LINK_CASES.toLocaleString('en')} cases; uplink shared, ${DEFAULT_CONCURRENCY} in flight`,
      },
      {
        suite: 'sync',
        name: 'over a 100 Mbit/s, 30 ms link: bare cases/s',
        value: LINK_CASES / (linkBareMs / 1000),
        unit: 'cases/s',
        note: `link capacity ${(LINK.uplinkBitsPerSecond / 8 / FILE).toFixed(0)} files/s`,
      },
      {
        suite: 'sync',
        name: 'over the link: drain / bare',
        value: linkBareMs / linkDrainMs,
        unit: '×',
        target: '≥ 0.5',
      },
      {
        suite: 'sync',
        name: 'drain CPU per case: window',
        value: perCase('window'),
        unit: 'ms',
        note: 'read, hash, sign, send, bookkeeping',
      },
      {
        suite: 'sync',
        name: 'drain CPU per case: gateway',
        value: perCase('gateway'),
        unit: 'ms',
        note: 'verify, parse, store',
      },
      {
        suite: 'sync',
        name: 'drain CPU per case: PostgreSQL',
        value: perCase('postgres'),
        unit: 'ms',
        note: 'all server processes',
      },
      {
        suite: 'sync',
        name: 'bare CPU per case (client + server)',
        value: bareCpuPerCase,
        unit: 'ms',
        note: `${cpus().length} cores shared by all of them`,
      },
      {
        suite: 'sync',
        name: 'gateway intake p50 (100 windows)',
        value: quantile(latencies, 0.5),
        unit: 'ms',
        note: '2,000 case PUTs',
      },
      { suite: 'sync', name: 'gateway intake p99 (100 windows)', value: quantile(latencies, 0.99), unit: 'ms' },
    ];
  },
};
