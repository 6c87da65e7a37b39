import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { encryptInWorker } from './encrypt-off-thread';
import { ENCRYPT_STEPS, isPlaintextDatabase, openKeyed } from './encryption';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempDatabaseFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-enc-worker-'));
  dirs.push(dir);
  return join(dir, 'tongban.sqlite');
}

function plaintextDatabase(rows: number): string {
  const file = tempDatabaseFile();
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)');
  const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(randomBytes(4096));
  })();
  db.close();
  return file;
}

describe('encryptInWorker', () => {
  it('encrypts in a worker thread, reports every step in order and leaves the main thread free', async () => {
    const file = plaintextDatabase(20_000); // ≈ 80 MB: long enough for the main thread to tick meanwhile
    const key = randomBytes(32);
    const steps: string[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    try {
      await encryptInWorker(file, key, (s) => steps.push(s));
    } finally {
      clearInterval(timer);
    }
    expect(steps).toEqual(['started', ...ENCRYPT_STEPS]);
    // On the main thread the whole encryption would be one blocking call: not one tick could run.
    expect(ticks).toBeGreaterThan(2);
    expect(isPlaintextDatabase(file)).toBe(false);
    const db = openKeyed(file, key);
    try {
      expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 20_000 });
    } finally {
      db.close();
    }
  }, 120_000);

  it('fails with the cause and leaves a file that is not a database untouched', async () => {
    const file = tempDatabaseFile();
    writeFileSync(file, 'not a database at all, just text that is long enough to be read');
    const before = readFileSync(file);
    await expect(encryptInWorker(file, randomBytes(32))).rejects.toThrow(/not a database|file is not/i);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
