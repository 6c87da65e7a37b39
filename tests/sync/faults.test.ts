// Sync under faults (docs/sync-protocol.md, issue (b)): three windows push cases with attachments through a
// seeded fault proxy while the windows and the gateway are SIGKILLed and restarted. Afterwards the
// gateway holds exactly the windows' cases, every file verified, and after the department decides,
// both sides show the same statuses. The run prints what fired, so a green run proves the faults happened.
// Variants: files in an S3-compatible store (s3rver); two gateway processes on one PostgreSQL and one
// store behind a round-robin balancer, one of them killed again and again (horizontal scale).
// FAULT_VARIANT=postgres|s3|two-gateways runs one of them.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDataFolderDatabase } from '../../src-main/db/key-store';
import { afterAll, describe, expect, it } from 'vitest';
import { createBlobStore } from '../../gateway/src/attachments/blob-store';
import { createPool } from '../../gateway/src/db/pool';
import { performAction } from '../../gateway/src/department/actions';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { FaultProxy } from '../../gateway/src/testing/fault-proxy';
import { startTestPostgres, type TestPostgres } from '../../gateway/src/testing/pg';
import { startTestS3, type TestS3 } from '../../gateway/src/testing/s3';
import { testApp } from '../../src-main/testing/test-app';
import { socialSecurityCardApplication, verifyApplicant } from '../../src-main/cases/testing/intake-fixtures';
import { restartablePort, Restartable, seeded, within } from './chaos';
import { RoundRobin } from './round-robin';

const CASES = Number(process.env.FAULT_CASES ?? 500);
const VARIANT_CASES = Number(process.env.FAULT_VARIANT_CASES ?? 90);
const WINDOWS = 3;
const SEED = Number(process.env.FAULT_SEED ?? 7477);
const CHAOS_MS = Number(process.env.FAULT_CHAOS_MS ?? 45_000);
const VARIANT_CHAOS_MS = Number(process.env.FAULT_VARIANT_CHAOS_MS ?? 40_000);
const LIMIT_MS = 12 * 60_000;
let random = seeded(SEED);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Variant {
  name: string;
  store: 'postgres' | 's3';
  gateways: 1 | 2;
  cases: number;
  chaosMs: number;
}
const VARIANTS_ALL: Variant[] = [
  { name: 'postgres', store: 'postgres', gateways: 1, cases: CASES, chaosMs: CHAOS_MS },
  { name: 's3', store: 's3', gateways: 1, cases: VARIANT_CASES, chaosMs: VARIANT_CHAOS_MS },
  { name: 'two-gateways', store: 's3', gateways: 2, cases: VARIANT_CASES, chaosMs: VARIANT_CHAOS_MS },
];
const VARIANTS = VARIANTS_ALL.filter((v) => !process.env.FAULT_VARIANT || v.name === process.env.FAULT_VARIANT);

/** A scanned file of 64 KB – 1 MB (log-uniform), PDF by its magic bytes. */
function scan(): Buffer {
  const size = Math.round(Math.exp(Math.log(64 * 1024) + random() * (Math.log(1024 * 1024) - Math.log(64 * 1024))));
  const bytes = randomBytes(size);
  bytes.write('%PDF-1.7\n', 0, 'latin1');
  return bytes;
}

interface Window {
  dataDir: string;
  client: Restartable;
}

let pgServer: TestPostgres | null = null;
let s3Server: TestS3 | null = null;
let processes: Restartable[] = [];
/** The windows' data folders (each ~35–180 MB): removed once their processes are stopped. */
const windowDirs: string[] = [];
async function stopAll(): Promise<void> {
  for (const p of processes) await p.stop();
  processes = [];
  for (const d of windowDirs.splice(0)) rmSync(d, { recursive: true, force: true });
  await pgServer?.stop();
  await s3Server?.stop();
  pgServer = s3Server = null;
}
afterAll(stopAll, 60_000);

async function prepareWindow(
  index: number,
  gatewayUrl: string,
  pool: ReturnType<typeof createPool>,
  casesHere: number,
): Promise<{ dataDir: string; caseIds: string[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), `tongban-fault-w${index}-`));
  windowDirs.push(dataDir);
  const app = await testApp({ dataDir });
  const windowCode = `5001011${index}`;
  const hall = { name: `万州区第${index}便民服务中心`, divisionCode: '500101', windowNo: String(index), windowCode };
  const setup = await app.call(
    'admin',
    'setup:initialize',
    { hall, admin: { username: 'admin', displayName: '管理员', password: 'Chongqing2026' } },
    0,
  );
  if (!setup.ok) throw new Error(JSON.stringify(setup.error));
  await app.call(
    'admin',
    'users:create',
    { username: 'clerk1', displayName: '窗口一', role: 'clerk', password: 'Passw0rd!' },
    0,
  );
  await app.call('clerk', 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
  const { code } = await issueEnrolmentCode(pool, windowCode, '500101', 1);
  const enrolled = await app.call('admin', 'sync:configure', { gatewayUrl, code }, 0);
  if (!enrolled.ok) throw new Error(JSON.stringify(enrolled.error));
  await app.services.sync.engine.stop();
  const caseIds: string[] = [];
  for (let i = 0; i < casesHere; i++) {
    const draft = await app.call('clerk', 'drafts:create', {}, 0);
    const { caseId } = (draft as { value: { caseId: string } }).value;
    for (const materialCode of ['PHOTO', 'APPLY-FORM', 'ID-DOC']) {
      const added = await app.call(
        'clerk',
        'attachments:add',
        { caseId, materialCode, fileName: `${materialCode}.pdf`, dataBase64: scan().toString('base64') },
        0,
      );
      if (!added.ok) throw new Error(JSON.stringify(added.error));
    }
    await verifyApplicant(app, 'clerk', caseId);
    const accepted = await app.call(
      'clerk',
      'intake:accept',
      { application: socialSecurityCardApplication(caseId) },
      0,
    );
    if (!accepted.ok) throw new Error(JSON.stringify(accepted.error));
    caseIds.push(caseId);
  }
  app.close();
  return { dataDir, caseIds };
}

function pendingOps(dataDir: string): number {
  const db = openDataFolderDatabase(dataDir, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM outbox WHERE state <> 'done'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function windowStatuses(dataDir: string): Map<string, string | null> {
  const db = openDataFolderDatabase(dataDir, { readonly: true });
  try {
    return new Map(
      db
        .prepare<[], { case_id: string; dept_status: string | null }>('SELECT case_id, dept_status FROM cases')
        .all()
        .map((r) => [r.case_id, r.dept_status]),
    );
  } finally {
    db.close();
  }
}

const title = (v: Variant) =>
  `${v.cases} cases with ${v.cases * 3} files from ${WINDOWS} windows arrive exactly once through resets, drops, delays, 503s, truncation, a blackout and kills` +
  (v.store === 's3' ? ', files in S3' : '') +
  (v.gateways === 2 ? ', two gateways behind a round-robin balancer, one of them killed repeatedly' : '');

describe.each(VARIANTS)('sync under faults ($name)', (variant) => {
  afterAll(stopAll, 60_000);
  it(
    title(variant),
    async () => {
      const CASES = variant.cases;
      const CHAOS_MS = variant.chaosMs;
      random = seeded(SEED);
      const started = Date.now();
      // Each phase is logged and bounded, so a run that stalls says where (CI shows only the log).
      const say = (what: string) =>
        console.log(`fault test [${variant.name}] +${Math.round((Date.now() - started) / 1000)} s: ${what}`);
      const MINUTE = 60_000;
      // With files in the database (~500 MB), WAL up to the 1 GB default would double the temp folder's peak.
      const maxWalSize = variant.store === 'postgres' ? '64MB' : undefined;
      pgServer = await within(2 * MINUTE, 'start PostgreSQL', startTestPostgres({ maxWalSize }));
      if (variant.store === 's3') s3Server = await within(MINUTE, 'start s3rver', startTestS3());
      const pool = createPool(pgServer.url, 4);
      const store = createBlobStore(s3Server?.config ?? { kind: 'postgres' }, pool);
      // Gateway processes on the one database and store; with two, a round-robin balancer in front.
      const gateways: { process: Restartable; port: number }[] = [];
      for (let g = 0; g < variant.gateways; g++) {
        const port = await restartablePort();
        const child = new Restartable(['gateway/src/cli.ts', 'serve', '--port', String(port)], 'tongban gateway:', {
          TONGBAN_GW_DATABASE_URL: pgServer.url,
          ...s3Server?.env,
        });
        processes.push(child);
        await child.start();
        gateways.push({ process: child, port });
      }
      say(`${variant.gateways} gateway(s) up`);
      const gateway = gateways[0]!.process; // the one that is killed
      const balancer =
        variant.gateways > 1 ? new RoundRobin(gateways.map((g) => ({ host: '127.0.0.1', port: g.port }))) : null;
      const gatewayPort = balancer ? await balancer.listen() : gateways[0]!.port;
      const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;

      const windows: Window[] = [];
      const expected = new Set<string>();
      for (let w = 1; w <= WINDOWS; w++) {
        const share = Math.floor(CASES / WINDOWS) + (w <= CASES % WINDOWS ? 1 : 0);
        const prepared = await within(5 * MINUTE, `prepare window ${w}`, prepareWindow(w, gatewayUrl, pool, share));
        prepared.caseIds.forEach((id) => expected.add(id));
        windows.push({
          dataDir: prepared.dataDir,
          client: new Restartable(['tests/sync/sync-child.ts', prepared.dataDir], 'READY'),
        });
      }
      const prepared = Date.now();
      say(`${expected.size} cases prepared`);

      const proxy = new FaultProxy({
        target: { host: '127.0.0.1', port: gatewayPort },
        seed: SEED,
        delayMs: 3_000,
        probabilities: {
          reset: 0.04,
          'drop-reply': 0.05,
          'delay-reply': 0.02,
          'inject-503': 0.05,
          'truncate-request': 0.04,
        },
      });
      const proxyPort = await proxy.listen();
      for (const w of windows) {
        const db = openDataFolderDatabase(w.dataDir);
        db.prepare('UPDATE sync_device SET gateway_url = ?').run(`http://127.0.0.1:${proxyPort}`);
        db.close();
        processes.push(w.client);
        await w.client.start();
      }
      say('windows syncing through the fault proxy');

      let blackouts = 0;
      let round = 0;
      const chaosEnds = Date.now() + CHAOS_MS;
      for (;;) {
        await pause(300 + random() * 1200);
        // The chaos phase lasts CHAOS_MS and, on a slow machine where each restart takes many seconds, until
        // every kind of fault has happened (the turn-taking variants: one full turn, so gateway A twice).
        const everyKind =
          variant === VARIANTS_ALL[0]
            ? blackouts > 0 && gateway.kills > 0 && windows.some((w) => w.client.kills > 0)
            : round >= 4;
        const chaos = Date.now() < chaosEnds || !everyKind;
        if (chaos) {
          // Random faults, but each kind at least once by a fixed point of the chaos phase.
          const elapsed = 1 - (chaosEnds - Date.now()) / CHAOS_MS;
          const r = random();
          // The shorter variants take turns instead (a restart takes seconds, so the chaos phase has few rounds):
          // gateway A, a blackout, a window, gateway A again, …
          const turn =
            variant === VARIANTS_ALL[0] ? null : (['gateway', 'blackout', 'window', 'gateway'] as const)[round++ % 4];
          const killWindow = turn
            ? turn === 'window'
            : r < 0.3 || (elapsed > 0.2 && windows.every((w) => w.client.kills === 0));
          const killGateway = turn
            ? turn === 'gateway'
            : !killWindow && (r < 0.4 || (elapsed > 0.4 && gateway.kills === 0));
          const blackout = turn
            ? turn === 'blackout'
            : !killWindow && !killGateway && (r < 0.46 || (elapsed > 0.6 && blackouts === 0));
          if (killWindow) {
            const w = windows[Math.floor(random() * windows.length)]!;
            say('kill a window');
            await w.client.kill();
            await w.client.start();
          } else if (killGateway) {
            say('kill gateway A');
            await gateway.kill();
            // With two, the other gateway carries the load while this one is down.
            if (balancer) await pause(300 + random() * 1500);
            await gateway.start();
          } else if (blackout) {
            say('blackout');
            blackouts += 1;
            proxy.blackout(true);
            await pause(800 + random() * 1500);
            proxy.blackout(false);
          }
        } else {
          proxy.probabilities = {};
        }
        if (!chaos && windows.every((w) => pendingOps(w.dataDir) === 0)) break;
        if (Date.now() - started > LIMIT_MS)
          throw new Error(`not converged; pending ${windows.map((w) => pendingOps(w.dataDir)).join('/')}`);
      }
      const delivered = Date.now();
      say('every window has sent everything');

      const { rows: gwCases } = await pool.query<{ case_id: string; department_id: string; complete: boolean }>(
        'SELECT case_id, department_id, complete_at IS NOT NULL AS complete FROM cases',
      );
      const { rows: slotRows } = await pool.query<{ total: number; verified: number }>(
        'SELECT count(*)::int AS total, count(verified_at)::int AS verified FROM attachment_slots',
      );
      const gwIds = new Set(gwCases.map((c) => c.case_id));
      // Every file read back from the store hashes to its slot's SHA-256.
      const { rows: files } = await pool.query<{ sha256: string }>('SELECT sha256 FROM attachment_slots');
      let filesIntact = 0;
      for (const f of files) {
        const bytes = await within(MINUTE, `read ${f.sha256.slice(0, 8)} back`, store.get(f.sha256));
        if (bytes && createHash('sha256').update(bytes).digest('hex') === f.sha256) filesIntact += 1;
      }
      const chunksLeft = Number((await pool.query('SELECT count(*) AS n FROM attachment_chunks')).rows[0].n);

      say(`files read back (${filesIntact}/${files.length} intact)`);
      // The department decides every case: review, then approve (and mail the result) or reject.
      const decide = async () => {
        for (const c of gwCases) {
          const reviewer = { reviewerId: 1, username: 'reviewer', departmentId: c.department_id, csrfToken: '' };
          await performAction(pool, reviewer, c.case_id, 'review', new URLSearchParams({ caseVersion: '1' }));
          const last = random();
          if (last < 0.8) {
            await performAction(pool, reviewer, c.case_id, 'approve', new URLSearchParams({ caseVersion: '2' }));
            if (last < 0.4)
              await performAction(
                pool,
                reviewer,
                c.case_id,
                'mail',
                new URLSearchParams({ caseVersion: '3', waybillNo: 'EA000000005CN' }),
              );
          } else {
            await performAction(
              pool,
              reviewer,
              c.case_id,
              'reject',
              new URLSearchParams({ caseVersion: '2', reason: '材料与事项不符' }),
            );
          }
        }
      };
      await within(5 * MINUTE, 'the department decides', decide());
      say('the department decided every case');
      const { rows: finalRows } = await pool.query<{ case_id: string; status: string }>(
        'SELECT case_id, status FROM cases',
      );
      const gwStatus = new Map(finalRows.map((r) => [r.case_id, r.status]));
      let mismatched = Infinity;
      while (mismatched > 0) {
        mismatched = 0;
        for (const w of windows)
          for (const [id, status] of windowStatuses(w.dataDir)) if (gwStatus.get(id) !== status) mismatched += 1;
        if (mismatched > 0) {
          if (Date.now() - started > LIMIT_MS) throw new Error(`statuses not converged: ${mismatched} differ`);
          await pause(250);
        }
      }
      say('statuses equal on both sides');
      const stats = proxy.stats();
      await within(MINUTE, 'close the fault proxy', proxy.close());
      if (balancer) await within(MINUTE, 'close the balancer', balancer.close());
      await within(MINUTE, 'close the blob store', store.close());
      await within(MINUTE, 'close the pool', pool.end());

      console.log(
        `sync fault test [${variant.name}] (seed ${SEED}): ${expected.size} cases / ${slotRows[0]!.total} files from ${WINDOWS} windows; ` +
          `prepared in ${Math.round((prepared - started) / 1000)} s, delivered ${Math.round((delivered - prepared) / 1000)} s later; ` +
          `faults fired: ${JSON.stringify(stats)}; blackouts ${blackouts}; window kills ${windows.reduce((n, w) => n + w.client.kills, 0)}, gateway kills ${gateway.kills}; ` +
          `gateway cases ${gwIds.size}, duplicates ${gwCases.length - gwIds.size}, files verified ${slotRows[0]!.verified}/${slotRows[0]!.total}, ` +
          `read back intact from the ${variant.store} store ${filesIntact}/${files.length}, statuses equal on both sides` +
          (balancer ? `; connections per gateway ${balancer.connections.join('/')}` : ''),
      );
      expect([...gwIds].sort()).toEqual([...expected].sort());
      expect(gwCases.length).toBe(expected.size);
      expect(gwCases.every((c) => c.complete)).toBe(true);
      expect(slotRows[0]).toEqual({ total: expected.size * 3, verified: expected.size * 3 });
      expect(filesIntact).toBe(expected.size * 3);
      // With an object store PostgreSQL keeps no file bytes (staged chunks go once a file is complete).
      if (variant.store === 's3') expect(chunksLeft).toBe(0);
      if (balancer) expect(balancer.connections.every((n) => n > 0)).toBe(true);
      for (const fault of ['reset', 'drop-reply', 'delay-reply', 'inject-503', 'truncate-request', 'blackout'] as const)
        expect(stats[fault], fault).toBeGreaterThan(0);
      expect(windows.reduce((n, w) => n + w.client.kills, 0)).toBeGreaterThan(0);
      expect(gateway.kills).toBeGreaterThan(variant.gateways > 1 ? 1 : 0);
    },
    15 * 60_000,
  );
});
