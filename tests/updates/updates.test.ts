// Window updates against the real gateway with a fake installer: the administrator publishes it, the feed is
// signed, a window verifies latest.yml with the gateway's update key before trusting it, downloads the installer
// with the sha512 check, and installs only at day close with no case open; the browser host only reports 有新版本.
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { publishUpdate, updatePublicKey, updatesDir } from '../../gateway/src/updates/feed';
import {
  downloadVerifiedInstaller,
  fetchVerifiedFeed,
  isNewerVersion,
  UpdateFeedError,
} from '../../src-main/updates/feed';
import { UpdateScheduler, type UpdateStatus } from '../../src-main/updates/scheduler';

const dataDir = mkdtempSync(join(tmpdir(), 'tongban-updates-'));
chmodSync(dataDir, 0o755);
const installer = join(mkdtempSync(join(tmpdir(), 'tongban-installer-')), '跨省通办窗口-Setup-0.2.0.exe');
const bytes = randomBytes(300_000);
let gw: TestGateway;
let feedUrl: string;

beforeAll(async () => {
  writeFileSync(installer, bytes);
  writeFileSync(`${installer}.blockmap`, randomBytes(500));
  publishUpdate(dataDir, installer, '0.2.0');
  gw = await startTestGateway({ updatesDataDir: dataDir });
  feedUrl = `${gw.url}/updates/`;
});
afterAll(() => gw?.close());

describe('window updates from the gateway', () => {
  it('serves a signed electron-updater feed with the installer and its blockmap', async () => {
    const yml = await (await fetch(`${feedUrl}latest.yml`)).text();
    expect(yml).toMatch(/^version: 0\.2\.0$/m);
    expect(yml).toMatch(/^path: "跨省通办窗口-Setup-0\.2\.0\.exe"$/m);
    expect(yml).toContain(`sha512: ${createHash('sha512').update(bytes).digest('base64')}`);
    const res = await fetch(`${feedUrl}${encodeURIComponent('跨省通办窗口-Setup-0.2.0.exe')}.blockmap`);
    expect(res.status).toBe(200);
    expect((await res.arrayBuffer()).byteLength).toBe(500);
    for (const bad of ['..%2Fupdate-signing-key.pem', 'update-signing-key.pem', '.hidden', 'nope.exe']) {
      const refused = await fetch(`${feedUrl}${bad}`);
      expect(refused.status).toBe(404);
      await refused.arrayBuffer();
    }
  });

  it('a window verifies the feed with the gateway key and downloads the installer with its sha512', async () => {
    const feed = await fetchVerifiedFeed(feedUrl, updatePublicKey(dataDir));
    expect(feed).toMatchObject({ version: '0.2.0', path: '跨省通办窗口-Setup-0.2.0.exe', size: bytes.length });
    expect((await downloadVerifiedInstaller(feedUrl, feed)).equals(bytes)).toBe(true);
    const stranger = Buffer.from(randomBytes(32)).toString('base64');
    await expect(fetchVerifiedFeed(feedUrl, stranger)).rejects.toThrow(UpdateFeedError);
    await expect(
      downloadVerifiedInstaller(feedUrl, { ...feed, sha512: feed.sha512.replace(/^./, 'A') }),
    ).rejects.toThrow(/sha512/);
  });

  it('refuses a latest.yml changed after signing', async () => {
    const file = join(updatesDir(dataDir), 'latest.yml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('version: 0.2.0', 'version: 9.9.9'));
    try {
      await expect(fetchVerifiedFeed(feedUrl, updatePublicKey(dataDir))).rejects.toThrow('signature does not verify');
    } finally {
      writeFileSync(file, original);
    }
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
        check: () => fetchVerifiedFeed(feedUrl, updatePublicKey(dataDir)),
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
      driver: { check: () => fetchVerifiedFeed(feedUrl, updatePublicKey(dataDir)) },
    });
    expect((await current.checkNow()).state).toBe('idle');
  });

  it('the browser host reports 有新版本 without downloading or installing', async () => {
    const host = new UpdateScheduler({
      currentVersion: '0.1.0',
      caseInProgress: () => false,
      driver: { check: () => fetchVerifiedFeed(feedUrl, updatePublicKey(dataDir)) },
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
