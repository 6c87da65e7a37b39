// The window update feed: a generic electron-updater feed (latest.yml + installers + blockmaps) published by an
// administrator (CLI `publish-update`) into the gateway's database and blob store, so every gateway process serves
// the same feed (updates/store.ts). latest.yml is signed with the update signing key (Ed25519; latest.yml.sig: base64
// signature over the exact bytes); windows verify it with the public key their build carries
// (resources/update-key.pub) before trusting the feed. The key is a file on the publishing machine, never needed by
// `serve`: a gateway that is broken into can serve files but cannot make windows accept them.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type pg from 'pg';
import type { BlobStore } from '../attachments/blob-store';
import { storeUpdateBytes, writeFeed, type FeedFileRow } from './store';

/** Names a feed file may have: no folders, no dot-files. */
export const FEED_FILE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} ._+-]{0,200}$/u;
const VERSION = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** Where `publish-update` and `update-key` look for the signing key unless `--key FILE` names one. */
export const defaultUpdateKeyFile = (dataDir: string): string => join(dataDir, 'update-signing-key.pem');

/** The update signing key in `file` (PKCS#8 PEM), created (0600) when `create` and the file does not exist. */
export function updateSigningKey(file: string, create = true): KeyObject {
  if (!existsSync(file)) {
    if (!create) throw new Error(`no update signing key at ${file}`);
    mkdirSync(dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
  }
  const key = createPrivateKey(readFileSync(file));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`${file} is not an Ed25519 private key`);
  return key;
}

/** The raw 32-byte public key of `key`, base64: the content of the window build's resources/update-key.pub. */
export function updatePublicKey(key: KeyObject): string {
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' });
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

/** latest.yml in electron-updater's generic-provider format (the window parses exactly this shape). */
export function latestYml(version: string, file: string, sha512: string, size: number, releaseDate: Date): string {
  return [
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
}

/** Where publishing writes: the gateway's database, and the S3 store for installers (null = PostgreSQL). */
export interface PublishTarget {
  pool: pg.Pool;
  installerStore: BlobStore | null;
  key: KeyObject;
}

/**
 * Publishes `installer` (and `installer.blockmap` when electron-builder made one, for differential downloads) as
 * `version`: the bytes go to the blob store first, then latest.yml, its signature and the file rows are switched in
 * one transaction, so a window never sees a feed naming a file that is not there.
 */
export async function publishUpdate(
  target: PublishTarget,
  installer: string,
  version: string,
  releaseDate = new Date(),
): Promise<PublishedUpdate> {
  if (!VERSION.test(version)) throw new Error(`version must look like 1.2.3, got "${version}"`);
  const file = basename(installer);
  if (!FEED_FILE_NAME.test(file) || file.startsWith('latest')) throw new Error(`unsuitable installer name "${file}"`);
  const bytes = readFileSync(installer);
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  const rows: FeedFileRow[] = [await storeUpdateBytes(target.pool, target.installerStore, file, bytes)];
  if (existsSync(`${installer}.blockmap`))
    rows.push(inlineRow(`${file}.blockmap`, readFileSync(`${installer}.blockmap`)));
  const yml = latestYml(version, file, sha512, bytes.length, releaseDate);
  const signature = sign(null, Buffer.from(yml), target.key).toString('base64');
  rows.push(inlineRow('latest.yml.sig', Buffer.from(`${signature}\n`)), inlineRow('latest.yml', Buffer.from(yml)));
  await writeFeed(target.pool, rows);
  return { version, file, sha512, size: bytes.length, latestYml: yml };
}

/** A small feed file kept in its row. */
export function inlineRow(name: string, data: Buffer): FeedFileRow {
  return { name, size: data.length, sha256: createHash('sha256').update(data).digest('hex'), storedIn: 'row', data };
}
