// The gateway's configuration: environment variables (TONGBAN_GW_*), optionally a JSON config file named by
// TONGBAN_GW_CONFIG, and nothing secret on the command line. Every value is validated at start; a bad value
// stops the gateway with a message naming the variable (docs/gateway-operations.md has the table).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_TICKET_POLICY, ticketPolicyOf, type TicketPolicy } from '../tickets/policy';

/** Where attachments' bytes live. */
export type BlobStoreConfig =
  | { kind: 'postgres' }
  | {
      kind: 's3';
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
      /** Key prefix inside the bucket (default `attachments/`). */
      prefix?: string;
    };

/** The gateway's whole configuration. */
export interface GatewayConfig {
  /** PostgreSQL URL of the runtime (application) role; null = the embedded cluster in `dataDir`. */
  databaseUrl: string | null;
  /** PostgreSQL URL of the schema owner that runs migrations; null = none (serve then only checks the schema). */
  migrationDatabaseUrl: string | null;
  poolSize: number;
  statementTimeoutMs: number;
  dataDir: string;
  host: string;
  port: number;
  tls: { keyFile: string; certFile: string } | null;
  trustProxy: boolean | string;
  secureCookies: boolean;
  publicBaseUrl: string | null;
  blobStore: BlobStoreConfig;
  /** Days after a case's closing (准予/不予办理/寄出) before its attachments are purged and personal data masked. */
  retentionDays: number;
  /** Throttle and lockout of the department login. */
  departmentLogin: {
    perIpAttempts: number;
    perAccountAttempts: number;
    windowSeconds: number;
    maxFailures: number;
    lockoutMinutes: number;
  };
  /** 扫码核验: requests per client address per minute on the public /v pages. */
  verifyPerMinute: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** 问题处理: response deadline per ticket category and the originals' parcel watch (tickets/policy.ts). */
  tickets: TicketPolicy;
}

/** A configuration the gateway refuses to start with. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`configuration ${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

// root's home is closed to the `postgres` user the embedded cluster runs as, so root gets a system folder.
const defaultDataDir = (): string =>
  process.getuid?.() === 0 ? '/var/lib/tongban-gateway' : join(homedir(), '.tongban-gateway');

/** Each setting: its environment variable, its key in the config file, its parser. */
const SETTINGS = {
  databaseUrl: { env: 'TONGBAN_GW_DATABASE_URL', secret: true },
  migrationDatabaseUrl: { env: 'TONGBAN_GW_MIGRATION_DATABASE_URL', secret: true },
  poolSize: { env: 'TONGBAN_GW_POOL_SIZE' },
  statementTimeoutMs: { env: 'TONGBAN_GW_STATEMENT_TIMEOUT_MS' },
  dataDir: { env: 'TONGBAN_GW_DATA_DIR' },
  host: { env: 'TONGBAN_GW_HOST' },
  port: { env: 'TONGBAN_GW_PORT' },
  tlsKeyFile: { env: 'TONGBAN_GW_TLS_KEY_FILE' },
  tlsCertFile: { env: 'TONGBAN_GW_TLS_CERT_FILE' },
  trustProxy: { env: 'TONGBAN_GW_TRUST_PROXY' },
  secureCookies: { env: 'TONGBAN_GW_SECURE_COOKIES' },
  publicBaseUrl: { env: 'TONGBAN_GW_PUBLIC_BASE_URL' },
  blobStore: { env: 'TONGBAN_GW_BLOB_STORE' },
  s3Endpoint: { env: 'TONGBAN_GW_S3_ENDPOINT' },
  s3Bucket: { env: 'TONGBAN_GW_S3_BUCKET' },
  s3Region: { env: 'TONGBAN_GW_S3_REGION' },
  s3AccessKeyId: { env: 'TONGBAN_GW_S3_ACCESS_KEY_ID', secret: true },
  s3SecretAccessKey: { env: 'TONGBAN_GW_S3_SECRET_ACCESS_KEY', secret: true },
  s3ForcePathStyle: { env: 'TONGBAN_GW_S3_FORCE_PATH_STYLE' },
  s3Prefix: { env: 'TONGBAN_GW_S3_PREFIX' },
  retentionDays: { env: 'TONGBAN_GW_RETENTION_DAYS' },
  loginIpAttempts: { env: 'TONGBAN_GW_LOGIN_IP_ATTEMPTS' },
  loginAccountAttempts: { env: 'TONGBAN_GW_LOGIN_ACCOUNT_ATTEMPTS' },
  loginWindowSeconds: { env: 'TONGBAN_GW_LOGIN_WINDOW_SECONDS' },
  loginMaxFailures: { env: 'TONGBAN_GW_LOGIN_MAX_FAILURES' },
  loginLockoutMinutes: { env: 'TONGBAN_GW_LOGIN_LOCKOUT_MINUTES' },
  verifyPerMinute: { env: 'TONGBAN_GW_VERIFY_PER_MINUTE' },
  logLevel: { env: 'TONGBAN_GW_LOG_LEVEL' },
  ticketDueDays: { env: 'TONGBAN_GW_TICKET_DUE_DAYS' },
  originalsDays: { env: 'TONGBAN_GW_ORIGINALS_DAYS' },
} as const satisfies Record<string, { env: string; secret?: boolean }>;

type Key = keyof typeof SETTINGS;

/** The environment variable of each setting (for messages and the documentation test). */
export const CONFIG_VARIABLES: Readonly<Record<Key, string>> = Object.fromEntries(
  Object.entries(SETTINGS).map(([k, v]) => [k, v.env]),
) as Record<Key, string>;

/** The config file: the same keys as SETTINGS (camelCase), all optional; the environment wins. */
const fileSchema = z.strictObject(
  Object.fromEntries(
    Object.keys(SETTINGS).map((k) => [k, z.union([z.string(), z.number(), z.boolean()]).optional()]),
  ) as Record<Key, z.ZodOptional<z.ZodUnion<[z.ZodString, z.ZodNumber, z.ZodBoolean]>>>,
);

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates the configuration from `env` (and the file it names). Throws ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  let file: Partial<Record<Key, string | number | boolean>> = {};
  const configFile = env.TONGBAN_GW_CONFIG;
  if (configFile) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(configFile, 'utf8'));
    } catch (err) {
      throw new ConfigError('TONGBAN_GW_CONFIG', `cannot read ${configFile}: ${(err as Error).message}`);
    }
    const result = fileSchema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ConfigError('TONGBAN_GW_CONFIG', `${configFile}: ${issue?.path.join('.') ?? ''} ${issue?.message}`);
    }
    file = result.data;
  }
  const raw = (key: Key): string | undefined => {
    const fromEnv = env[SETTINGS[key].env];
    if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
    const fromFile = file[key];
    return fromFile === undefined ? undefined : String(fromFile);
  };
  const name = (key: Key): string => SETTINGS[key].env;
  const int = (key: Key, fallback: number, min: number, max: number): number => {
    const v = raw(key);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new ConfigError(name(key), `must be a whole number ${min}…${max}, got "${v}"`);
    return n;
  };
  const bool = (key: Key, fallback: boolean): boolean => {
    const v = raw(key)?.toLowerCase();
    if (v === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    throw new ConfigError(name(key), `must be true or false, got "${v}"`);
  };
  const url = (key: Key, protocols: string[]): string | null => {
    const v = raw(key);
    if (v === undefined) return null;
    let parsed: URL;
    try {
      parsed = new URL(v);
    } catch {
      throw new ConfigError(name(key), 'is not a URL');
    }
    if (!protocols.includes(parsed.protocol))
      throw new ConfigError(name(key), `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    return v;
  };
  const required = (key: Key, why: string): string => {
    const v = raw(key);
    if (v === undefined) throw new ConfigError(name(key), `is required ${why}`);
    return v;
  };

  const databaseUrl = url('databaseUrl', ['postgres:', 'postgresql:']);
  const migrationDatabaseUrl = url('migrationDatabaseUrl', ['postgres:', 'postgresql:']);
  if (migrationDatabaseUrl !== null && databaseUrl === null)
    throw new ConfigError(
      name('migrationDatabaseUrl'),
      `needs ${name('databaseUrl')} too (the embedded cluster makes both roles itself)`,
    );
  if (migrationDatabaseUrl !== null && databaseUrl !== null && userOf(migrationDatabaseUrl) === userOf(databaseUrl))
    throw new ConfigError(
      name('migrationDatabaseUrl'),
      `must name another role than ${name('databaseUrl')} (the schema owner runs migrations, the gateway runs without DDL rights)`,
    );
  const tlsKeyFile = raw('tlsKeyFile');
  const tlsCertFile = raw('tlsCertFile');
  if (Boolean(tlsKeyFile) !== Boolean(tlsCertFile))
    throw new ConfigError(
      tlsKeyFile ? name('tlsCertFile') : name('tlsKeyFile'),
      `${name('tlsKeyFile')} and ${name('tlsCertFile')} go together`,
    );
  const trustRaw = raw('trustProxy');
  let trustProxy: boolean | string = false;
  if (trustRaw !== undefined) {
    const lower = trustRaw.toLowerCase();
    if (['1', 'true', 'yes', 'on'].includes(lower)) trustProxy = true;
    else if (['0', 'false', 'no', 'off'].includes(lower)) trustProxy = false;
    else if (/^[0-9a-fA-F.:/, ]+$/.test(trustRaw)) trustProxy = trustRaw;
    else throw new ConfigError(name('trustProxy'), 'must be true, false or a list of proxy addresses/CIDRs');
  }
  const tls = tlsKeyFile && tlsCertFile ? { keyFile: tlsKeyFile, certFile: tlsCertFile } : null;

  const kind = raw('blobStore') ?? 'postgres';
  let blobStore: BlobStoreConfig;
  if (kind === 'postgres') blobStore = { kind: 'postgres' };
  else if (kind === 's3') {
    const why = `when ${name('blobStore')}=s3`;
    blobStore = {
      kind: 's3',
      endpoint: url('s3Endpoint', ['http:', 'https:']) ?? required('s3Endpoint', why),
      bucket: required('s3Bucket', why),
      region: raw('s3Region') ?? 'us-east-1',
      accessKeyId: required('s3AccessKeyId', why),
      secretAccessKey: required('s3SecretAccessKey', why),
      forcePathStyle: bool('s3ForcePathStyle', true),
    };
    const prefix = raw('s3Prefix');
    if (prefix !== undefined) {
      if (!/^[0-9A-Za-z._/-]{1,200}$/.test(prefix))
        throw new ConfigError(name('s3Prefix'), `must be letters, digits, . _ - / (at most 200), got "${prefix}"`);
      blobStore.prefix = prefix;
    }
  } else throw new ConfigError(name('blobStore'), `must be postgres or s3, got "${kind}"`);

  const logLevel = raw('logLevel') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel))
    throw new ConfigError(name('logLevel'), `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  const host = raw('host') ?? '127.0.0.1';
  if (!/^[0-9A-Za-z.:-]+$/.test(host)) throw new ConfigError(name('host'), `is not an address, got "${host}"`);

  return {
    databaseUrl,
    migrationDatabaseUrl,
    poolSize: int('poolSize', 20, 1, 1000),
    statementTimeoutMs: int('statementTimeoutMs', 30_000, 0, 3_600_000),
    dataDir: raw('dataDir') ?? defaultDataDir(),
    host,
    port: int('port', 8787, 0, 65535),
    tls,
    trustProxy,
    secureCookies: bool('secureCookies', tls !== null || trustProxy !== false),
    publicBaseUrl: url('publicBaseUrl', ['http:', 'https:']),
    blobStore,
    retentionDays: int('retentionDays', 180, 1, 36_500),
    departmentLogin: {
      perIpAttempts: int('loginIpAttempts', 30, 1, 100_000),
      perAccountAttempts: int('loginAccountAttempts', 10, 1, 100_000),
      windowSeconds: int('loginWindowSeconds', 60, 1, 86_400),
      maxFailures: int('loginMaxFailures', 5, 1, 1000),
      lockoutMinutes: int('loginLockoutMinutes', 15, 1, 10_080),
    },
    verifyPerMinute: int('verifyPerMinute', 60, 1, 1_000_000),
    logLevel: logLevel as GatewayConfig['logLevel'],
    tickets: ticketPolicyOf(
      raw('ticketDueDays'),
      int('originalsDays', DEFAULT_TICKET_POLICY.originalsDays, 1, 60),
      (m) => new ConfigError(name('ticketDueDays'), m),
    ),
  };
}

/** The user name of a PostgreSQL URL ('' when none: libpq then uses the OS user). */
function userOf(u: string): string {
  return decodeURIComponent(new URL(u).username);
}

/** The configuration with secrets replaced by "***" (for `config show` and logs). */
export function redactedConfig(config: GatewayConfig): GatewayConfig {
  const hide = (u: string | null) => u?.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@') ?? null;
  const blobStore: BlobStoreConfig =
    config.blobStore.kind === 's3'
      ? { ...config.blobStore, accessKeyId: '***', secretAccessKey: '***' }
      : config.blobStore;
  return {
    ...config,
    databaseUrl: hide(config.databaseUrl),
    migrationDatabaseUrl: hide(config.migrationDatabaseUrl),
    blobStore,
  };
}
