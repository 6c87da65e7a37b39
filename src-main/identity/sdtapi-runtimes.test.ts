// The sdtapi helper as it runs in each runtime: Electron's utility process (its parentPort channel,
// emulated here), the browser host's Node child with the real koffi loading a real native library
// (compiled from testing/c-sdtapi.c), and the stored settings of installations that had a helper
// Node path configured.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import type { CardRead } from '@common/identity/card';
import { DEFAULT_IDENTITY_SETTINGS, identitySettingsSchema } from '@common/identity/settings';
import { encodeCard } from '@common/identity/text-block.test-helper';
import { AppError } from '@common/errors';
import { REPO_ROOT } from '../testing/repo-root';
import { migrate, readMigrations } from '../db/migrate';
import { forkLauncher, type HelperLauncher } from './helper-process';
import { helperCommandFor, SdtapiReader } from './sdtapi-reader';
import { loadTestCards } from './simulated-reader';
import { FAKE_LIBRARY, FAKE_WLT, fakeReader, type FakeReader } from './testing/fake-scenario';

const CARDS = loadTestCards(join(REPO_ROOT, 'resources', 'test-cards'));
const card = (id: string): CardRead => CARDS.find((c) => c.cardId === id)!.card;
const TODAY = () => new Date('2026-11-30T02:00:00Z');
const SETTINGS = { ...DEFAULT_IDENTITY_SETTINGS.reader.sdtapi, timeoutMs: 3000 };
const signal = () => new AbortController().signal;

let reader: SdtapiReader | null = null;
let fake: FakeReader | null = null;
const dirs: string[] = [];
afterEach(() => {
  reader?.close();
  fake?.dispose();
  reader = null;
  fake = null;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

/** Electron's channel: the helper module behind a process.parentPort, process.send taken away. */
const PARENT_PORT_HELPER = {
  modulePath: join(__dirname, 'testing', 'parent-port-helper.ts'),
  execArgv: ['--import', 'tsx'],
};

function countingKills(): { launch: HelperLauncher; kills: () => number } {
  let kills = 0;
  return {
    launch: (spawn, on) => {
      const child = forkLauncher(spawn, on);
      return { send: (r) => child.send(r), kill: () => ((kills += 1), child.kill()) };
    },
    kills: () => kills,
  };
}

describe('sdtapi helper in a utility process (process.parentPort)', () => {
  it('reads a card over parentPort messages', async () => {
    fake = fakeReader();
    fake.place(card('zhangsan-adult'));
    reader = new SdtapiReader(SETTINGS, {
      fakeLibrary: FAKE_LIBRARY,
      env: fake.env,
      helper: PARENT_PORT_HELPER,
      today: TODAY,
    });
    expect(await reader.status()).toEqual({ state: 'ready' });
    const read = await reader.read(signal());
    expect(read).toMatchObject({ name: '张三', idNumber: card('zhangsan-adult').idNumber });
  });

  it('reports a library that cannot be loaded and ends the helper (a utility process does not end by itself)', async () => {
    const { launch, kills } = countingKills();
    reader = new SdtapiReader(
      { ...SETTINGS, libraryPath: '/nonexistent/libsdtapi.so' },
      { helper: PARENT_PORT_HELPER, launch, today: TODAY },
    );
    const err = await failure(reader.read(signal()));
    expect(err.code).toBe('reader-library-missing');
    expect(err.message).toContain('/nonexistent/libsdtapi.so');
    expect(kills()).toBe(1);
  });
});

describe('sdtapi helper in a Node child process with the real koffi', () => {
  function compileLibrary(): string {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-c-sdtapi-'));
    dirs.push(dir);
    const library = join(dir, 'libsdtapi.so');
    const cc = spawnSync('cc', ['-shared', '-fPIC', '-O2', '-o', library, join(__dirname, 'testing', 'c-sdtapi.c')], {
      encoding: 'utf8',
    });
    if (cc.status !== 0) throw new Error(`cc failed (install gcc): ${cc.stderr || cc.error?.message}`);
    return library;
  }

  it('loads a native sdtapi library and reads the card through the FFI buffers and out-lengths', async () => {
    const library = compileLibrary();
    const cardDir = mkdtempSync(join(tmpdir(), 'tongban-c-card-'));
    dirs.push(cardDir);
    writeFileSync(join(cardDir, 'text.bin'), encodeCard(card('lisi-adult')));
    writeFileSync(join(cardDir, 'photo.bin'), FAKE_WLT);
    let wltLength = 0;
    reader = new SdtapiReader(
      { ...SETTINGS, libraryPath: library },
      {
        env: { TONGBAN_C_SDTAPI_DIR: cardDir },
        today: TODAY,
        decodePhoto: (wlt) => {
          wltLength = wlt.length;
          return Promise.resolve(undefined);
        },
      },
    );
    const read = await reader.read(signal());
    expect(read).toMatchObject({ name: card('lisi-adult').name, idNumber: card('lisi-adult').idNumber });
    expect(wltLength).toBe(1024);
    // Only USB 1001 answers: a fixed serial port is refused by the library.
    reader.close();
    reader = new SdtapiReader({ ...SETTINGS, libraryPath: library, port: 3 }, { today: TODAY });
    expect(await failure(reader.read(signal()))).toMatchObject({ code: 'reader-unavailable' });
  });

  it('names the missing functions when the library is not an sdtapi library', async () => {
    const other = join(mkdtempSync(join(tmpdir(), 'tongban-c-other-')), 'libother.so');
    dirs.push(join(other, '..'));
    writeFileSync(`${other}.c`, 'int unrelated(void) { return 1; }\n');
    expect(spawnSync('cc', ['-shared', '-fPIC', '-o', other, `${other}.c`]).status).toBe(0);
    reader = new SdtapiReader({ ...SETTINGS, libraryPath: other }, { today: TODAY });
    const err = await failure(reader.read(signal()));
    expect(err.code).toBe('reader-library-missing');
    expect(err.message).toMatch(/lacks the sdtapi functions.*SDT_OpenPort/);
  });
});

describe('where the built app finds the helper', () => {
  it('next to the code, or one folder up when the bundler put the code in out/main/chunks', () => {
    const files = new Set(['/app/out/main/sdtapi-helper.js', '/src/identity/sdtapi-helper.ts']);
    const exists = (p: string) => files.has(p);
    expect(helperCommandFor('/app/out/main/chunks', false, exists)).toEqual({
      modulePath: '/app/out/main/sdtapi-helper.js',
      execArgv: [],
    });
    expect(helperCommandFor('/app/out/main', false, exists).modulePath).toBe('/app/out/main/sdtapi-helper.js');
    expect(helperCommandFor('/src/identity', true, exists)).toEqual({
      modulePath: '/src/identity/sdtapi-helper.ts',
      execArgv: ['--import', 'tsx'],
    });
  });
});

describe('installations that configured a helper Node path', () => {
  it('keep their reader settings, without the path, after the migration', () => {
    const migrations = readMigrations(join(REPO_ROOT, 'migrations'));
    const index = migrations.findIndex((m) => m.name === 'reader_helper_runtime');
    expect(index).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'tongban-migrate-'));
    dirs.push(dir);
    const db = new Database(join(dir, 'tongban.sqlite'));
    try {
      migrate(db, migrations.slice(0, index), () => join(dir, 'before.sqlite'));
      const before = structuredClone(DEFAULT_IDENTITY_SETTINGS);
      before.reader.driver = 'sdtapi';
      const stored = {
        ...before,
        reader: {
          ...before.reader,
          sdtapi: {
            libraryPath: 'C:\\reader\\sdtapi.dll',
            port: 1001,
            timeoutMs: 4000,
            helperExecPath: 'C:\\node32\\node.exe',
          },
        },
      };
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('identity', JSON.stringify(stored));
      db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('other', '{"helperExecPath":"kept"}');
      migrate(db, migrations, (from) => join(dir, `backup-${from}.sqlite`));
      const value = (key: string) =>
        JSON.parse(
          (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string }).value,
        ) as unknown;
      const after = identitySettingsSchema.parse(value('identity'));
      expect(after.reader).toMatchObject({
        driver: 'sdtapi',
        sdtapi: { libraryPath: 'C:\\reader\\sdtapi.dll', port: 1001, timeoutMs: 4000 },
      });
      expect(after.reader.sdtapi).not.toHaveProperty('helperExecPath');
      expect(value('other')).toEqual({ helperExecPath: 'kept' });
    } finally {
      db.close();
    }
  });
});
