import type { EventBus } from '../events/event-bus';
// Test support: a real app on a real SQLite file in a fresh temporary folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../app/app';

import { REPO_ROOT } from './repo-root';

export { REPO_ROOT };

/** A fresh app in a temporary data folder, with a controllable clock. */
export interface TestApp extends App {
  dataDir: string;
  clock: { now: Date; advanceMinutes(minutes: number): void };
  dispose(): void;
}

/** Builds a fresh app for one test. */
export async function testApp(
  options: { dataDir?: string; firstPasswordChange?: boolean; isTrainingMode?: () => boolean; events?: EventBus } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tongban-test-'));
  const clock = {
    now: new Date('2026-11-30T02:00:00.000Z'),
    advanceMinutes(minutes: number) {
      clock.now = new Date(clock.now.getTime() + minutes * 60_000);
    },
  };
  const app = await createApp({
    dataDir,
    migrationsDir: join(REPO_ROOT, 'migrations'),
    resourcesDir: join(REPO_ROOT, 'resources'),
    runtime: 'browser-host',
    version: '0.0.0-test',
    now: () => clock.now,
    // Accounts made for other tests sign in with the password they were created with; auth tests turn it on.
    firstPasswordChange: options.firstPasswordChange ?? false,
    ...(options.isTrainingMode ? { isTrainingMode: options.isTrainingMode } : {}),
    ...(options.events ? { events: options.events } : {}),
  });
  // Not a spread: `services` is a getter that follows the folder open (live or 培训模式).
  return Object.assign(app, {
    dataDir,
    clock,
    dispose() {
      app.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A standard hall for tests. */
export const TEST_HALL = { name: '万州区政务服务中心', divisionCode: '500101', windowNo: '12', windowCode: '50010112' };

/** Initialises the app with an administrator `admin` / `Chongqing2026` and returns the admin's caller id. */
export async function initialised(app: App, callerId = 'test:admin'): Promise<string> {
  const result = await app.call(
    callerId,
    'setup:initialize',
    { hall: TEST_HALL, admin: { username: 'admin', displayName: '管理员', password: 'Chongqing2026' } },
    0,
  );
  if (!result.ok) throw new Error(`setup failed: ${JSON.stringify(result.error)}`);
  return callerId;
}

/** Creates a user through the contract as the admin caller. */
export async function createUser(
  app: App,
  adminCaller: string,
  username: string,
  role: string,
  displayName = username,
): Promise<number> {
  const input = { username, displayName, role, password: 'Passw0rd!' };
  const result = await app.call(adminCaller, 'users:create', input, 0);
  if (!result.ok) throw new Error(`create user failed: ${JSON.stringify(result.error)}`);
  return (result.value as { id: number }).id;
}
