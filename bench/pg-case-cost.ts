// PostgreSQL's CPU per pushed case, the bundle statement alone (decision 0243): `npx tsx bench/pg-case-cost.ts`.
// A fresh test cluster, 50 devices, then CASES bundles (object store: metadata only) stored through
// storeCaseBundle with IN_FLIGHT at a time; the CPU of every PostgreSQL process (backends, WAL writer,
// checkpointer, autovacuum) divided by the cases. Environment: PG_COST_CASES (default 2000), PG_COST_IN_FLIGHT
// (16), PG_COST_VARIANTS (comma list of the variants below; each runs on its own fresh cluster).
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type pg from 'pg';
import type { BlobStore } from '../gateway/src/attachments/blob-store';
import { bundleBatching } from '../gateway/src/cases/bundle-batch';
import { storeCaseBundle } from '../gateway/src/cases/bundle-repo';
import { createPool } from '../gateway/src/db/pool';
import { DEFAULT_BATCH_EVERY_MS, runBatches } from '../gateway/src/ops/batches';
import { testFile, testManifest } from '../gateway/src/testing/fixtures';
import { startTestPostgres } from '../gateway/src/testing/pg';
import { postgresCpu } from './suites/sync';

const CASES = Number(process.env.PG_COST_CASES ?? 2000);
const IN_FLIGHT = Number(process.env.PG_COST_IN_FLIGHT ?? 16);

/** What each variant changes on the fresh cluster before the measured cases (as the superuser). */
const VARIANTS: Record<string, string[]> = {
  as_is: [],
  // The push path before decisions 0243/0244: the chain's head locked by every append, the six rollups upserted
  // per case, one statement (and commit) per case.
  before_0243: [
    `CREATE OR REPLACE FUNCTION chain_gateway_audit() RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE h record;
     BEGIN
       SELECT seq, hash INTO h FROM gateway_audit_head FOR UPDATE;
       NEW.seq := h.seq + 1;
       NEW.prev_hash := h.hash;
       NEW.at := clock_timestamp();
       NEW.hash := gateway_audit_hash(NEW.prev_hash, NEW.seq, NEW.at, NEW.actor, NEW.action, NEW.target, NEW.details);
       UPDATE gateway_audit_head SET seq = NEW.seq, hash = NEW.hash;
       RETURN NEW;
     END $$`,
    `CREATE OR REPLACE FUNCTION case_facts_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF TG_OP = 'UPDATE' THEN PERFORM supervision_daily_add(OLD, -1); END IF;
       PERFORM supervision_daily_add(NEW, 1);
       IF TG_OP = 'UPDATE' AND (OLD.outcome, OLD.refusal_reason, OLD.received_on, OLD.district)
           IS NOT DISTINCT FROM (NEW.outcome, NEW.refusal_reason, NEW.received_on, NEW.district) THEN
         RETURN NULL;
       END IF;
       IF TG_OP = 'UPDATE' AND OLD.outcome = 'rejected' THEN PERFORM supervision_refusals_add(OLD, -1); END IF;
       IF NEW.outcome = 'rejected' THEN PERFORM supervision_refusals_add(NEW, 1); END IF;
       RETURN NULL;
     END $$`,
  ],
  // Measurement only: parts of the push path switched off to see what they cost.
  no_rollups: ['ALTER TABLE case_facts DISABLE TRIGGER case_facts_rollup'],
  no_case_facts: ['ALTER TABLE status_events DISABLE TRIGGER status_events_case_facts'],
  no_audit: [
    `CREATE OR REPLACE FUNCTION chain_gateway_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
  ],
  nothing_but_rows: [
    'ALTER TABLE status_events DISABLE TRIGGER status_events_case_facts',
    `CREATE OR REPLACE FUNCTION chain_gateway_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`,
  ],
};

const nullStore: BlobStore = {
  kind: 's3',
  inline: false,
  put: async () => undefined,
  get: async () => null,
  stream: async () => null,
  head: async () => null,
  delete: async () => undefined,
  ping: async () => undefined,
  close: async () => undefined,
  listWrittenBefore: async function* () {},
};

async function devices(pool: pg.Pool, n: number): Promise<string[]> {
  const { rows } = await pool.query<{ device_id: string }>(
    `INSERT INTO devices (window_code, hall_division, district, epoch, public_key, device_name)
     SELECT 'B' || i, '500101', '510000', 1, $1, 'bench' FROM generate_series(1, $2) AS i RETURNING device_id`,
    [randomBytes(32), n],
  );
  return rows.map((r) => r.device_id);
}

/** Yardsticks instead of a case (variants `floor_*`): a trivial round trip, a durable one-row commit. */
const FLOORS: Record<string, string> = {
  floor_select1: 'SELECT 1',
  floor_commit: `INSERT INTO request_nonces (device_id, nonce, created_at) VALUES ($1, gen_random_uuid()::text, now())`,
};
let floor: string | undefined;

async function push(pool: pg.Pool, deviceId: string): Promise<void> {
  if (floor) {
    await pool.query(floor, floor.includes('$1') ? [deviceId] : []);
    return;
  }
  const files = [testFile(100), testFile(200, 'HK')];
  const m = testManifest('510000', files);
  await storeCaseBundle(pool, m, {
    store: nullStore,
    deviceId,
    district: '510000',
    nonce: { deviceId, nonce: randomUUID(), created: Math.floor(Date.now() / 1000) },
    audit: { windowCode: 'B1', requestId: randomUUID() },
    onNonceSettled: () => undefined,
    files: files.map((f) => f.bytes),
    filesBytes: Buffer.concat(files.map((f) => f.bytes)),
  });
}

/** `n` cases, IN_FLIGHT at a time, with the gateway's batch job every second and once at the end (its CPU counts). */
async function run(pool: pg.Pool, batchPool: pg.Pool, ids: string[], n: number): Promise<void> {
  let next = 0;
  let batch: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => (batch = batch.then(() => runBatches(batchPool))), DEFAULT_BATCH_EVERY_MS);
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < n) await push(pool, ids[next++ % ids.length] as string);
    }),
  );
  clearInterval(timer);
  await batch;
  await runBatches(batchPool);
}

export async function measureVariant(variant: string, extra: (admin: pg.Pool) => Promise<void> = async () => {}) {
  const pgServer = await startTestPostgres();
  const admin = createPool(pgServer.adminUrl, 1);
  const pool = createPool(pgServer.url, IN_FLIGHT);
  const batchPool = createPool(pgServer.url, 1); // as the gateway: the batch job on its own connection
  floor = FLOORS[variant.replace(/\+.*/, '')];
  bundleBatching.maxCases = variant.startsWith('before_0243') ? 1 : 32;
  try {
    const [base, ...settings] = variant.split('+'); // e.g. as_is+commit_delay=200 (ALTER SYSTEM, reloaded)
    for (const sql of VARIANTS[base as string] ?? []) await admin.query(sql);
    for (const setting of settings) {
      const [name, value] = setting.split('=');
      await admin.query(`ALTER SYSTEM SET ${name} = '${value}'`);
    }
    if (settings.length) await admin.query('SELECT pg_reload_conf()');
    await extra(admin);
    const ids = await devices(pool, 50);
    await run(pool, batchPool, ids, 200); // warm-up: connections, plans
    const dataDir = join(pgServer.dir, 'data', 'pg');
    const c0 = postgresCpu(dataDir);
    const t0 = performance.now();
    await run(pool, batchPool, ids, CASES);
    const ms = performance.now() - t0;
    const cpu = (postgresCpu(dataDir) - c0) / CASES;
    return { variant, cpuPerCase: cpu, casesPerSecond: CASES / (ms / 1000) };
  } finally {
    await pool.end();
    await batchPool.end();
    await admin.end();
    await pgServer.stop();
  }
}

if (process.argv[1]?.endsWith('pg-case-cost.ts')) {
  void (async () => {
    const variants = (process.env.PG_COST_VARIANTS ?? Object.keys(VARIANTS).join(',')).split(',');
    for (const v of variants) {
      const r = await measureVariant(v);
      console.log(
        `${r.variant.padEnd(18)} PostgreSQL CPU ${r.cpuPerCase.toFixed(3)} ms/case, ${r.casesPerSecond.toFixed(0)} cases/s`,
      );
    }
  })();
}
