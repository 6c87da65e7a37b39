// Encryption at rest (issue #15): SQLite3MultipleCiphers in SQLCipher mode (legacy=4), a random 32-byte key
// applied before any other statement; copies (backups) are written with VACUUM INTO, which keeps the key.
// An existing plaintext database is encrypted in place, crash-safe: the copy is encrypted under a temporary
// name, fsynced, then renamed over the old file, so a kill at any point leaves the old or the new file.
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../common/errors';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const keys = new WeakMap<Database.Database, Buffer>();

/** Whether `file` is an unencrypted SQLite database (its header is readable). */
export function isPlaintextDatabase(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.equals(SQLITE_HEADER);
  } finally {
    closeSync(fd);
  }
}

const keyPragma = (key: Buffer) => `"x'${key.toString('hex')}'"`;

/** Applies the cipher settings and the key to a just-opened connection, then proves the key reads it. */
export function applyKey(db: Database.Database, key: Buffer): void {
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`key = ${keyPragma(key)}`);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_NOTADB')
      throw new AppError('database-unreadable', 'the database cannot be decrypted with this key');
    throw err;
  }
  keys.set(db, key);
}

/** The key a connection was opened with (null: a plaintext database). */
export function keyOf(db: Database.Database): Buffer | null {
  return keys.get(db) ?? null;
}

/** Opens `file` with `key` (or plaintext when null); a wrong key throws `database-unreadable`. */
export function openKeyed(file: string, key: Buffer | null, options: Database.Options = {}): Database.Database {
  const db = new Database(file, options);
  try {
    if (key) applyKey(db, key);
    else db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (err) {
    db.close();
    if ((err as { code?: string }).code === 'SQLITE_NOTADB')
      throw new AppError('database-unreadable', 'the file is not a database this key can read');
    throw err;
  }
}

function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Test seam: called between the steps of encryptInPlace (the crash test kills the process there). */
export const ENCRYPT_STEPS = ['checkpointed', 'copied', 'rekeyed', 'synced', 'renamed'] as const;
export type EncryptStep = (typeof ENCRYPT_STEPS)[number];

/**
 * Encrypts a plaintext database in place. Steps: fold the WAL into the file (journal_mode=DELETE; the old
 * file stays a complete plaintext database), copy it to `<file>.encrypting`, rekey the copy (DELETE
 * journal: rekey is refused in WAL mode), fsync it, rename it over the old file, fsync the folder.
 */
export function encryptInPlace(file: string, key: Buffer, onStep: (step: EncryptStep) => void = () => undefined): void {
  const temp = `${file}.encrypting`;
  for (const leftover of [temp, `${temp}-journal`, `${temp}-wal`, `${temp}-shm`]) rmSync(leftover, { force: true });
  const plain = new Database(file);
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
  } finally {
    plain.close();
  }
  onStep('checkpointed');
  copyFileSync(file, temp);
  onStep('copied');
  const copy = new Database(temp);
  try {
    copy.pragma('journal_mode = DELETE');
    copy.pragma(`cipher = 'sqlcipher'`);
    copy.pragma('legacy = 4');
    copy.pragma(`rekey = ${keyPragma(key)}`);
  } finally {
    copy.close();
  }
  onStep('rekeyed');
  rmSync(`${temp}-journal`, { force: true });
  fsyncPath(temp);
  onStep('synced');
  renameSync(temp, file);
  fsyncPath(dirname(file));
  onStep('renamed');
}

/** Removes what an interrupted encryptInPlace left (the old file is still the database then). */
export function cleanUpInterruptedEncryption(file: string): void {
  const temp = `${file}.encrypting`;
  for (const leftover of [temp, `${temp}-journal`]) rmSync(leftover, { force: true });
}

/** Re-encrypts a closed database file from one key to another (DELETE journal: rekey is refused in WAL). */
export function rekeyFile(file: string, from: Buffer, to: Buffer): void {
  const db = openKeyed(file, from);
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = ${keyPragma(to)}`);
  } finally {
    db.close();
  }
}
