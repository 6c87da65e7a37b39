// The window update feed: a generic electron-updater feed (latest.yml + installers + blockmaps) in a folder of the
// gateway's data directory, published by an administrator (CLI `publish-update`). latest.yml is signed with the
// gateway's Ed25519 update key (latest.yml.sig: base64 signature over the exact bytes); windows verify it with the
// public key their build carries before trusting the feed. Files are written under a temp name and renamed,
// latest.yml and its signature last, so a reader never sees a feed naming a file that is not there yet.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Names a feed file may have: no folders, no dot-files. */
export const FEED_FILE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._+-]{0,200}$/u;
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** The folder of the feed and the key file under a data directory. */
export const updatesDir = (dataDir: string): string => join(dataDir, 'updates');
const keyFile = (dataDir: string): string => join(dataDir, 'update-signing-key.pem');

/** The gateway's update signing key, created (0600) on first use. */
export function updateSigningKey(dataDir: string): KeyObject {
  const file = keyFile(dataDir);
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  }
  return createPrivateKey(readFileSync(file));
}

/** The raw 32-byte public update key, base64: what a window build is configured with. */
export function updatePublicKey(dataDir: string): string {
  const spki = createPublicKey(updateSigningKey(dataDir)).export({ format: 'der', type: 'spki' });
  return spki.subarray(spki.length - 32).toString('base64');
}

/** What publishing produced. */
export interface PublishedUpdate {
  version: string;
  file: string;
  sha512: string;
  size: number;
  latestYml: string;
}

function writeAtomically(path: string, data: string | Buffer): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/**
 * Publishes `installer` (and `installer.blockmap` when electron-builder made one, for differential downloads)
 * as `version`: copies it into the feed, writes latest.yml in electron-updater's format and signs it.
 */
export function publishUpdate(
  dataDir: string,
  installer: string,
  version: string,
  releaseDate = new Date(),
): PublishedUpdate {
  if (!VERSION.test(version)) throw new Error(`version must look like 1.2.3, got "${version}"`);
  const file = basename(installer);
  if (!FEED_FILE_NAME.test(file) || file.startsWith('latest')) throw new Error(`unsuitable installer name "${file}"`);
  const dir = updatesDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const bytes = readFileSync(installer);
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  const size = statSync(installer).size;
  const target = join(dir, file);
  copyFileSync(installer, `${target}.tmp-${process.pid}`);
  renameSync(`${target}.tmp-${process.pid}`, target);
  if (existsSync(`${installer}.blockmap`)) {
    writeAtomically(`${target}.blockmap`, readFileSync(`${installer}.blockmap`));
  }
  const latestYml = [
    `version: ${version}`,
    'files:',
    `  - url: ${JSON.stringify(file)}`,
    `    sha512: ${sha512}`,
    `    size: ${size}`,
    `path: ${JSON.stringify(file)}`,
    `sha512: ${sha512}`,
    `releaseDate: '${releaseDate.toISOString()}'`,
    '',
  ].join('\n');
  const signature = sign(null, Buffer.from(latestYml), updateSigningKey(dataDir)).toString('base64');
  writeAtomically(join(dir, 'latest.yml.sig'), `${signature}\n`);
  writeAtomically(join(dir, 'latest.yml'), latestYml);
  return { version, file, sha512, size, latestYml };
}
