// A plaintext database encrypted in place while a child process doing it is SIGKILLed at random moments:
// every time, the file left is either the old plaintext database or the new encrypted one, complete.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanUpInterruptedEncryption, encryptInPlace, isPlaintextDatabase, openKeyed } from './encryption';
import { seededRandom } from '@tongban/protocol/seeded-random';

const CHILD = join(__dirname, 'encrypt-child.ts');
const ROWS = 5_000;
const dir = mkdtempSync(join(tmpdir(), 'tongban-encrypt-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runAndKill(file: string, key: Buffer, killAfterMs: number): Promise<{ steps: string[]; done: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, file, key.toString('hex')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.startsWith('READY\n') && !out.includes('ARMED')) {
        out += 'ARMED\n';
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child failed (${code}): ${err}`));
      resolve({
        steps: out.split('\n').filter((l) => l && l !== 'READY' && l !== 'ARMED'),
        done: out.includes('DONE'),
      });
    });
  });
}

/** The rows of the database left in `file`, opened as plaintext or with the key. */
function rowsLeft(file: string, key: Buffer): { encrypted: boolean; rows: number; check: unknown } {
  const encrypted = !isPlaintextDatabase(file);
  const db = openKeyed(file, encrypted ? key : null);
  try {
    const rows = (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
    return { encrypted, rows, check: db.pragma('integrity_check', { simple: true }) };
  } finally {
    db.close();
  }
}

describe('in-place encryption, kill -9 at random moments', () => {
  it('always leaves the old plaintext or the new encrypted database, complete', async () => {
    const template = join(dir, 'template.sqlite');
    const t = new Database(template);
    t.pragma('journal_mode = WAL');
    t.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)');
    const insert = t.prepare('INSERT INTO t (body) VALUES (?)');
    t.transaction(() => {
      for (let i = 0; i < ROWS; i++) insert.run(`MARKER-PLAINTEXT-${i}-${'x'.repeat(900)}`);
    })();
    t.close();

    const key = randomBytes(32);
    const random = seededRandom(15);
    const seen = { plain: 0, encrypted: 0 };
    // One uninterrupted run times the whole job on this machine; the kills then land anywhere in it.
    const fresh = join(dir, 'timing.sqlite');
    copyFileSync(template, fresh);
    const started = Date.now();
    expect((await runAndKill(fresh, key, 600_000)).done).toBe(true);
    const span = (Date.now() - started) * 1.1;
    for (let i = 0; i < 12; i++) {
      const file = join(dir, 'tongban.sqlite');
      for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
      cleanUpInterruptedEncryption(file);
      copyFileSync(template, file);
      const { steps, done } = await runAndKill(file, key, Math.floor(random() * span));
      const left = rowsLeft(file, key);
      expect(left, `kill after steps ${steps.join(',')}`).toEqual({
        encrypted: left.encrypted,
        rows: ROWS,
        check: 'ok',
      });
      if (done) expect(left.encrypted).toBe(true);
      seen[left.encrypted ? 'encrypted' : 'plain']++;
      // The next start finishes the job from whatever was left.
      cleanUpInterruptedEncryption(file);
      if (!left.encrypted) encryptInPlace(file, key);
      expect(rowsLeft(file, key)).toEqual({ encrypted: true, rows: ROWS, check: 'ok' });
    }
    // The seeded delays hit both sides of the rename.
    expect(seen.plain).toBeGreaterThan(0);
    expect(seen.encrypted).toBeGreaterThan(0);
  }, 300_000);
});
