// Where the database key lives. Electron wraps it with the OS (safeStorage: DPAPI on Windows, the keyring on
// Linux) in src-main/electron/; the browser host keeps it in a file only its user can read (0600 in a 0700
// data folder). The key is never logged.
import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { openKeyed } from './encryption';

/** Loads or creates the database key. */
export interface DatabaseKeyStore {
  /** The stored key, or null when none was created yet. */
  load(): Buffer | null;
  /** Stores a key durably (before any data is encrypted with it). */
  save(key: Buffer): void;
}

/** Writes `bytes` to `file` 0600 via a temporary file, fsync and rename. */
export function writePrivateFile(file: string, bytes: Buffer | string): void {
  const temp = `${file}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, typeof bytes === 'string' ? Buffer.from(bytes) : bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  const dir = openSync(dirname(file), 'r');
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}

/** The browser host's key: `<dataDir>/db.key`, hex, 0600. */
export class FileKeyStore implements DatabaseKeyStore {
  readonly file: string;
  constructor(dataDir: string) {
    this.file = join(dataDir, 'db.key');
  }
  load(): Buffer | null {
    if (!existsSync(this.file)) return null;
    chmodSync(this.file, 0o600);
    const key = Buffer.from(readFileSync(this.file, 'utf8').trim(), 'hex');
    if (key.length !== 32) throw new Error('db.key is damaged');
    return key;
  }
  save(key: Buffer): void {
    writePrivateFile(this.file, key.toString('hex'));
  }
}

/** The store's key, creating and saving a random one the first time. */
export function loadOrCreateKey(store: DatabaseKeyStore): Buffer {
  const existing = store.load();
  if (existing) return existing;
  const key = randomBytes(32);
  store.save(key);
  return key;
}

/** Opens a browser-host data folder's database with its key file (support scripts and tests). */
export function openDataFolderDatabase(dataDir: string, options: Database.Options = {}): Database.Database {
  return openKeyed(join(dataDir, 'tongban.sqlite'), new FileKeyStore(dataDir).load(), options);
}
