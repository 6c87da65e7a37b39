// A window client for the fault test: runs the real sync loop on its data folder until killed.
import { join, resolve } from 'node:path';
import { createApp } from '../../src-main/app/app';

async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2) as [string];
  const root = resolve(__dirname, '..', '..');
  const app = await createApp({
    firstPasswordChange: false,
    dataDir,
    migrationsDir: join(root, 'migrations'),
    resourcesDir: join(root, 'resources'),
    runtime: 'browser-host',
    version: 'fault-test',
    syncTimeoutMs: 2_000,
    syncBackoff: { baseMs: 100, capMs: 2_000 },
  });
  app.startBackground(200);
  process.stdout.write('READY\n');
}

void main();
