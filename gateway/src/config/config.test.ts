// Configuration: environment and file, secrets kept off argv, a bad value refused naming its variable.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig, redactedConfig } from './config';

const ROOT = resolve(__dirname, '..', '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'tongban-gw-config-'));

const refusal = (env: NodeJS.ProcessEnv): ConfigError => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('configuration accepted');
};

describe('gateway configuration', () => {
  it('has safe defaults: embedded database, loopback, postgres blob store, info logs', () => {
    const c = loadConfig({ TONGBAN_GW_DATA_DIR: dir });
    expect(c).toMatchObject({
      databaseUrl: null,
      host: '127.0.0.1',
      port: 8787,
      poolSize: 20,
      blobStore: { kind: 'postgres' },
      logLevel: 'info',
      secureCookies: false,
      trustProxy: false,
      tls: null,
      migrationDatabaseUrl: null,
      retentionDays: 180,
      departmentLogin: {
        perIpAttempts: 30,
        perAccountAttempts: 10,
        windowSeconds: 60,
        maxFailures: 5,
        lockoutMinutes: 15,
      },
      verifyPerMinute: 60,
    });
  });

  it('reads the department login limits and the migration role; masks both database passwords', () => {
    const c = loadConfig({
      TONGBAN_GW_DATA_DIR: dir,
      TONGBAN_GW_DATABASE_URL: 'postgres://tongban_app:apppw@db:5432/tongban',
      TONGBAN_GW_MIGRATION_DATABASE_URL: 'postgres://tongban_owner:ownerpw@db:5432/tongban',
      TONGBAN_GW_LOGIN_IP_ATTEMPTS: '100',
      TONGBAN_GW_LOGIN_ACCOUNT_ATTEMPTS: '4',
      TONGBAN_GW_LOGIN_WINDOW_SECONDS: '300',
      TONGBAN_GW_LOGIN_MAX_FAILURES: '3',
      TONGBAN_GW_LOGIN_LOCKOUT_MINUTES: '60',
      TONGBAN_GW_RETENTION_DAYS: '365',
      TONGBAN_GW_VERIFY_PER_MINUTE: '600',
    });
    expect(c.verifyPerMinute).toBe(600);
    expect(c.departmentLogin).toEqual({
      perIpAttempts: 100,
      perAccountAttempts: 4,
      windowSeconds: 300,
      maxFailures: 3,
      lockoutMinutes: 60,
    });
    expect(c.retentionDays).toBe(365);
    const shown = JSON.stringify(redactedConfig(c));
    expect(shown).not.toContain('apppw');
    expect(shown).not.toContain('ownerpw');
    expect(shown).toContain('tongban_owner:***@db');
  });

  it('reads a config file; the environment wins over it', () => {
    const file = join(dir, 'gateway.json');
    writeFileSync(
      file,
      JSON.stringify({ poolSize: 7, port: 9000, blobStore: 's3', s3Endpoint: 'http://127.0.0.1:9', s3Bucket: 'b' }),
    );
    const c = loadConfig({
      TONGBAN_GW_CONFIG: file,
      TONGBAN_GW_PORT: '9100',
      TONGBAN_GW_S3_ACCESS_KEY_ID: 'AK',
      TONGBAN_GW_S3_SECRET_ACCESS_KEY: 'SK',
      TONGBAN_GW_TRUST_PROXY: '10.0.0.0/8',
      TONGBAN_GW_DATABASE_URL: 'postgres://gw:s3cret@db.internal:5432/tongban',
    });
    expect(c.poolSize).toBe(7);
    expect(c.port).toBe(9100);
    expect(c.trustProxy).toBe('10.0.0.0/8');
    expect(c.secureCookies).toBe(true);
    expect(c.blobStore).toEqual({
      kind: 's3',
      endpoint: 'http://127.0.0.1:9',
      bucket: 'b',
      region: 'us-east-1',
      accessKeyId: 'AK',
      secretAccessKey: 'SK',
      forcePathStyle: true,
    });
    const shown = JSON.stringify(redactedConfig(c));
    expect(shown).not.toContain('s3cret');
    expect(shown).not.toContain('"SK"');
  });

  it.each([
    [{ TONGBAN_GW_POOL_SIZE: 'lots' }, 'TONGBAN_GW_POOL_SIZE'],
    [{ TONGBAN_GW_PORT: '70000' }, 'TONGBAN_GW_PORT'],
    [{ TONGBAN_GW_DATABASE_URL: 'mysql://x' }, 'TONGBAN_GW_DATABASE_URL'],
    [{ TONGBAN_GW_TLS_KEY_FILE: '/k.pem' }, 'TONGBAN_GW_TLS_CERT_FILE'],
    [{ TONGBAN_GW_BLOB_STORE: 'ftp' }, 'TONGBAN_GW_BLOB_STORE'],
    [{ TONGBAN_GW_BLOB_STORE: 's3', TONGBAN_GW_S3_ENDPOINT: 'http://s3' }, 'TONGBAN_GW_S3_BUCKET'],
    [{ TONGBAN_GW_LOG_LEVEL: 'loud' }, 'TONGBAN_GW_LOG_LEVEL'],
    [{ TONGBAN_GW_SECURE_COOKIES: 'maybe' }, 'TONGBAN_GW_SECURE_COOKIES'],
    [{ TONGBAN_GW_TRUST_PROXY: 'everyone!' }, 'TONGBAN_GW_TRUST_PROXY'],
    [{ TONGBAN_GW_CONFIG: join(dir, 'missing.json') }, 'TONGBAN_GW_CONFIG'],
    [{ TONGBAN_GW_MIGRATION_DATABASE_URL: 'postgres://o@db/t' }, 'TONGBAN_GW_MIGRATION_DATABASE_URL'],
    [
      {
        TONGBAN_GW_DATABASE_URL: 'postgres://same:a@db/t',
        TONGBAN_GW_MIGRATION_DATABASE_URL: 'postgres://same:b@db/t',
      },
      'TONGBAN_GW_MIGRATION_DATABASE_URL',
    ],
    [{ TONGBAN_GW_MIGRATION_DATABASE_URL: 'http://x' }, 'TONGBAN_GW_MIGRATION_DATABASE_URL'],
    [{ TONGBAN_GW_LOGIN_MAX_FAILURES: '0' }, 'TONGBAN_GW_LOGIN_MAX_FAILURES'],
    [{ TONGBAN_GW_LOGIN_LOCKOUT_MINUTES: 'forever' }, 'TONGBAN_GW_LOGIN_LOCKOUT_MINUTES'],
    [{ TONGBAN_GW_LOGIN_WINDOW_SECONDS: '-5' }, 'TONGBAN_GW_LOGIN_WINDOW_SECONDS'],
    [{ TONGBAN_GW_LOGIN_IP_ATTEMPTS: '1.5' }, 'TONGBAN_GW_LOGIN_IP_ATTEMPTS'],
    [{ TONGBAN_GW_LOGIN_ACCOUNT_ATTEMPTS: '' + 1e6 }, 'TONGBAN_GW_LOGIN_ACCOUNT_ATTEMPTS'],
    [{ TONGBAN_GW_RETENTION_DAYS: '0' }, 'TONGBAN_GW_RETENTION_DAYS'],
  ])('refuses %o naming %s', (env, variable) => {
    const err = refusal({ TONGBAN_GW_DATA_DIR: dir, ...env });
    expect(err.variable).toBe(variable);
    expect(err.message).toContain(variable);
  });

  it('every setting is in the operators’ configuration table', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'gateway-operations.md'), 'utf8');
    for (const variable of Object.values(CONFIG_VARIABLES)) expect(doc).toContain(`\`${variable}\``);
  });

  it('refuses unknown keys in the config file', () => {
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ poolsize: 3 }));
    expect(refusal({ TONGBAN_GW_CONFIG: file }).message).toMatch(/TONGBAN_GW_CONFIG.*typo\.json/);
  });

  it('the CLI refuses a bad value and secrets on argv before doing anything, exit code 2', async () => {
    const run = (args: string[], env: NodeJS.ProcessEnv) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', 'gateway/src/cli.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, TONGBAN_GW_DATA_DIR: join(dir, 'none'), ...env },
      }).then(
        () => ({ code: 0, stderr: '' }),
        (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
      );
    const bad = await run(['serve'], { TONGBAN_GW_POOL_SIZE: '0' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/TONGBAN_GW_POOL_SIZE: must be a whole number 1…1000, got "0"/);
    const argv = await run(['serve', '--db', 'postgres://u:pw@h/db'], {});
    expect(argv.code).toBe(2);
    expect(argv.stderr).toContain('--db is not accepted on the command line');
    expect(argv.stderr).toContain('TONGBAN_GW_DATABASE_URL');
    const pw = await run(['add-reviewer', '--username', 'x', '--password=pw', '--department', 'D'], {});
    expect(pw.stderr).toContain('--password is not accepted');
  });
});
