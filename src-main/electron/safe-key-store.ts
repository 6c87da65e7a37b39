// The database key wrapped by the OS through Electron's safeStorage (DPAPI on Windows, Keychain on macOS,
// the Secret Service/kwallet on Linux), kept as `db.key.safe` (0600) in the data folder. A copy of the data
// folder on another PC or another OS account cannot unwrap it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import { writePrivateFile, type DatabaseKeyStore } from '../db/key-store';

export class SafeStorageKeyStore implements DatabaseKeyStore {
  private readonly file: string;
  constructor(dataDir: string) {
    this.file = join(dataDir, 'db.key.safe');
  }
  load(): Buffer | null {
    if (!existsSync(this.file)) return null;
    return Buffer.from(safeStorage.decryptString(readFileSync(this.file)), 'hex');
  }
  save(key: Buffer): void {
    if (!safeStorage.isEncryptionAvailable()) throw new Error('the OS offers no key protection (safeStorage)');
    writePrivateFile(this.file, safeStorage.encryptString(key.toString('hex')));
  }
}
