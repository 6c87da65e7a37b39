import { AppError } from '../common/errors';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../app/app';
import { pathToFileURL } from 'node:url';
import { offerNewStartAddresses, writeLaunchPage } from './launch';
import { startHost } from './server';
import { reportWindowUpdates } from './updates';

// Built to out/main/host.js; the repository (or unpacked app) root is two levels up.
const root = resolve(__dirname, '..', '..');

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '0' },
    open: { type: 'boolean', default: false },
    // The update feed's public key (default: the one the build carries, resources/update-key.pub).
    'update-key': { type: 'string' },
  },
});

const dataDir = resolve(values.data ?? join(homedir(), '.tongban-window'));
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

async function main(): Promise<void> {
  process.umask(0o077); // data folder 0700, files 0600 (database, WAL, backups, logs, key file)
  const app = await createApp({
    dataDir,
    migrationsDir: join(root, 'migrations'),
    resourcesDir: join(root, 'resources'),
    runtime: 'browser-host',
    version,
  });
  try {
    const host = await startHost({
      app,
      rendererDir: join(root, 'out', 'renderer'),
      resourcesDir: join(root, 'resources'),
      port: Number(values.port),
    });
    const browser = values.open ? CHROMIUMS.find((p) => existsSync(p)) : undefined;
    // With a browser opened for it, the one-time address is spent there: print only where the host listens.
    if (browser) process.stdout.write(`tongban host: http://127.0.0.1:${host.port}/ (opening in Chromium)\n`);
    else process.stdout.write(`tongban host: ${host.url}\n`);
    offerNewStartAddresses(host);
    app.services.log.info('browser host started', { port: host.port, dataDir });
    app.startBackground();
    reportWindowUpdates(app, resolve(values['update-key'] ?? join(root, 'resources', 'update-key.pub')), version);
    if (browser) {
      // The one-time start address goes through a 0600 launch page, not Chromium's command line, which
      // every local user can read in `ps` / /proc (decision 0116).
      const launch = writeLaunchPage(dataDir, host.url);
      spawn(
        browser,
        [
          `--app=${pathToFileURL(launch).href}`,
          `--user-data-dir=${join(dataDir, 'browser-profile')}`,
          '--no-first-run',
          '--disable-background-networking',
          '--disable-sync',
        ],
        {
          stdio: 'ignore',
          detached: true,
        },
      ).unref();
    }
    const stop = () => {
      void host
        .close()
        .then(() => app.shutdown())
        .then(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    app.close();
    throw err;
  }
}

main().catch((err: unknown) => {
  if (err instanceof AppError && err.code === 'database-unreadable')
    process.stderr.write(
      'tongban host: 本机数据已加密，但数据目录中的密钥文件 db.key 无法解开它（丢失、被替换或数据来自另一台电脑）。本机数据未被改动。\n',
    );
  process.stderr.write(`tongban host failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
