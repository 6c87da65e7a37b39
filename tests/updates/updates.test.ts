// Window updates against the real gateway with a fake installer: the administrator publishes it, the feed is
// signed, a window verifies latest.yml with the gateway's update key before trusting it, downloads the installer
// with the sha512 check, and installs only at day close with no case open; the browser host only reports 有新版本.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { startTestS3, type TestS3 } from '../../gateway/src/testing/s3';
import { publishUpdate, updatePublicKey } from '../../gateway/src/updates/feed';
import { storeUpdateBytes, updateStoreFor, writeFeed } from '../../gateway/src/updates/store';
import {
  downloadVerifiedInstaller,
  fetchVerifiedFeed,
  isNewerVersion,
  UpdateFeedError,
} from '../../src-main/updates/feed';
import { UpdateScheduler, type UpdateStatus } from '../../src-main/updates/scheduler';

// The signing key stays on the publishing machine; the window build carries only its public half.
const key = generateKeyPairSync('ed25519').privateKey;
const windowKey = updatePublicKey(key);
const installer = join(mkdtempSync(join(tmpdir(), 'tongban-installer-')), '跨省通办窗口-Setup-0.2.0.exe');
const bytes = randomBytes(300_000);
let gw: TestGateway;
let s3: TestS3;
let second: TestGateway['gateway'];
let feedUrl: string;

beforeAll(async () => {
  writeFileSync(installer, bytes);
  writeFileSync(`${installer}.blockmap`, randomBytes(500));
  s3 = await startTestS3();
  gw = await startTestGateway({ blobStore: s3.config });
  // A second gateway process on the same database and store: published once, served by both.
  const { startGateway } = await import('../../gateway/src/server');
  second = await startGateway({ databaseUrl: gw.db.url, blobStore: s3.config });
  const installerStore = updateStoreFor(s3.config);
  await publishUpdate({ pool: gw.pool, installerStore, key }, installer, '0.2.0');
  await installerStore?.close();
  feedUrl = `${second.url}/updates/`;
});
afterAll(async () => {
  await second?.close();
  await gw?.close();
  await s3?.stop();
});

describe('window updates from the gateway', () => {
  it('serves a signed electron-updater feed with the installer and its blockmap', async () => {
    const yml = await (await fetch(`${feedUrl}latest.yml`)).text();
    expect(yml).toMatch(/^version: 0\.2\.0$/m);
    expect(yml).toMatch(/^path: "跨省通办窗口-Setup-0\.2\.0\.exe"$/m);
    expect(yml).toContain(`sha512: ${createHash('sha512').update(bytes).digest('base64')}`);
    const res = await fetch(`${feedUrl}${encodeURIComponent('跨省通办窗口-Setup-0.2.0.exe')}.blockmap`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(500);
    for (const bad of ['..%2Flatest.yml', 'update-signing-key.pem', '.hidden', 'nope.exe']) {
      const refused = await fetch(`${feedUrl}${bad}`);
      expect(refused.status).toBe(404);
      await refused.arrayBuffer();
    }
  });

  it('a window verifies the feed with the gateway key and downloads the installer with its sha512', async () => {
    const feed = await fetchVerifiedFeed(feedUrl, windowKey);
    expect(feed).toMatchObject({ version: '0.2.0', path: '跨省通办窗口-Setup-0.2.0.exe', size: bytes.length });
    expect((await downloadVerifiedInstaller(feedUrl, feed)).equals(bytes)).toBe(true);
    const stranger = Buffer.from(randomBytes(32)).toString('base64');
    await expect(fetchVerifiedFeed(feedUrl, stranger)).rejects.toThrow(UpdateFeedError);
    // Another first character (replacing it by 'A' changed nothing for 1 installer in 64: a flaky test).
    const wrong = (feed.sha512.startsWith('A') ? 'B' : 'A') + feed.sha512.slice(1);
    await expect(downloadVerifiedInstaller(feedUrl, { ...feed, sha512: wrong })).rejects.toThrow(/sha512/);
  });

  it('refuses a latest.yml changed after signing', async () => {
    const { rows } = await gw.pool.query<{ data: Buffer }>("SELECT data FROM update_files WHERE name = 'latest.yml'");
    const original = (rows[0] as { data: Buffer }).data;
    const forged = Buffer.from(original.toString('utf8').replace('version: 0.2.0', 'version: 9.9.9'));
    await gw.pool.query("UPDATE update_files SET data = $1, size = $2 WHERE name = 'latest.yml'", [
      forged,
      forged.length,
    ]);
    try {
      await expect(fetchVerifiedFeed(feedUrl, windowKey)).rejects.toThrow('signature does not verify');
    } finally {
      await gw.pool.query("UPDATE update_files SET data = $1, size = $2 WHERE name = 'latest.yml'", [
        original,
        original.length,
      ]);
    }
  });

  it('keeps the installer in the blob store (S3: updates/<sha256>) and PostgreSQL only its row', async () => {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { rows } = await gw.pool.query<{ stored_in: string; data: Buffer | null }>(
      'SELECT stored_in, data FROM update_files WHERE sha256 = $1',
      [sha256],
    );
    expect(rows).toEqual([{ stored_in: 's3', data: null }]);
    const object = await fetch(`${s3.config.endpoint}/${s3.config.bucket}/updates/${sha256}`);
    expect(Buffer.from(await object.arrayBuffer()).equals(bytes)).toBe(true);
    const first = await fetch(`${gw.url}/updates/latest.yml`);
    expect(await first.text()).toMatch(/^version: 0\.2\.0$/m); // the other process serves the same feed
  });

  it('with the PostgreSQL store keeps an installer as chunks in the database', async () => {
    const big = randomBytes(9 * 1024 * 1024 + 17); // three chunks
    await writeFeed(gw.pool, [await storeUpdateBytes(gw.pool, null, 'pg-store-test.exe', big)]);
    const res = await fetch(`${feedUrl}pg-store-test.exe`);
    expect(res.headers.get('content-length')).toBe(String(big.length));
    expect(Buffer.from(await res.arrayBuffer()).equals(big)).toBe(true);
    expect(await gw.count('update_file_chunks')).toBe(3);
  });

  it('downloads in the background and installs only at day close with no case open', async () => {
    let installed = 0;
    let caseOpen = true;
    const statuses: UpdateStatus[] = [];
    const scheduler = new UpdateScheduler({
      currentVersion: '0.1.0',
      caseInProgress: () => caseOpen,
      onStatus: (s) => statuses.push(s),
      driver: {
        check: () => fetchVerifiedFeed(feedUrl, windowKey),
        download: async (feed) => void (await downloadVerifiedInstaller(feedUrl, feed)),
        install: () => void (installed += 1),
      },
    });
    expect((await scheduler.checkNow()).state).toBe('downloaded');
    expect(statuses.map((s) => s.state)).toEqual(['available', 'downloaded']);
    expect(installed).toBe(0); // never on download
    expect(scheduler.dayClosed()).toBe(false); // a case is open
    caseOpen = false;
    expect(scheduler.dayClosed()).toBe(true);
    expect(installed).toBe(1);

    const current = new UpdateScheduler({
      currentVersion: '0.2.0',
      caseInProgress: () => false,
      driver: { check: () => fetchVerifiedFeed(feedUrl, windowKey) },
    });
    expect((await current.checkNow()).state).toBe('idle');
  });

  it('the browser host reports 有新版本 without downloading or installing', async () => {
    const host = new UpdateScheduler({
      currentVersion: '0.1.0',
      caseInProgress: () => false,
      driver: { check: () => fetchVerifiedFeed(feedUrl, windowKey) },
    });
    expect(await host.checkNow()).toEqual({ state: 'available', version: '0.2.0', message: '有新版本 0.2.0' });
    expect(host.dayClosed()).toBe(false);
  });

  it('compares versions as semver', () => {
    expect(isNewerVersion('0.1.0', '0.2.0')).toBe(true);
    expect(isNewerVersion('0.10.0', '0.9.9')).toBe(false);
    expect(isNewerVersion('1.0.0-rc.1', '1.0.0')).toBe(true);
    expect(isNewerVersion('1.0.0', '1.0.0')).toBe(false);
  });
});
