// Differential window updates against the real gateway: electron-builder's own blockmap builder describes an old and
// a new installer, the gateway publishes the new one with its blockmap, and electron-updater's own differential
// downloader (the code a window runs, driven over Node's http instead of Electron's net) fetches only the changed
// blocks with multi-range and single-range requests, then checks the sha512 of what it assembled.
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildBlockMap } from 'app-builder-lib/out/targets/blockmap/blockmap';
import { NodeHttpExecutor } from 'builder-util/out/nodeHttpExecutor';
import { CancellationToken } from 'builder-util-runtime';
import { GenericDifferentialDownloader } from 'electron-updater/out/differentialDownloader/GenericDifferentialDownloader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { publishUpdate } from '../../gateway/src/updates/feed';

const dir = mkdtempSync(join(tmpdir(), 'tongban-differential-'));
const oldFile = join(dir, 'old.exe');
const newName = '跨省通办窗口-Setup-0.3.0.exe';
const newFile = join(dir, newName);
let gw: TestGateway;
let newBytes: Buffer;
let installerUrl: URL;

beforeAll(async () => {
  // 3 MB of "installer" and a next release that changes three places and inserts 20 KB in the middle.
  const old = randomBytes(3 * 1024 * 1024);
  writeFileSync(oldFile, old);
  const patched = Buffer.from(old);
  randomBytes(2048).copy(patched, 100_000);
  randomBytes(4096).copy(patched, 2_500_000);
  newBytes = Buffer.concat([patched.subarray(0, 1_500_000), randomBytes(20_480), patched.subarray(1_500_000)]);
  writeFileSync(newFile, newBytes);
  await buildBlockMap(oldFile, 'gzip', `${oldFile}.blockmap`);
  await buildBlockMap(newFile, 'gzip', `${newFile}.blockmap`);
  gw = await startTestGateway();
  const key = generateKeyPairSync('ed25519').privateKey;
  await publishUpdate({ pool: gw.pool, installerStore: null, key }, newFile, '0.3.0');
  installerUrl = new URL(`${gw.gateway.url}/updates/${encodeURIComponent(newName)}`);
}, 60_000);
afterAll(async () => {
  await gw?.close();
});

async function differentialDownload(multipleRanges: boolean): Promise<{ out: Buffer; log: string[] }> {
  const blockmap = await fetch(`${installerUrl.href}.blockmap`);
  expect(blockmap.status).toBe(200);
  const newMap = JSON.parse(gunzipSync(Buffer.from(await blockmap.arrayBuffer())).toString('utf8'));
  const oldMap = JSON.parse(gunzipSync(readFileSync(`${oldFile}.blockmap`)).toString('utf8'));
  const log: string[] = [];
  const logger = { info: (m: unknown) => log.push(String(m)), warn: () => {}, error: () => {} };
  const out = join(dir, `assembled-${multipleRanges ? 'multi' : 'single'}.exe`);
  const sha512 = createHash('sha512').update(newBytes).digest('base64');
  const downloader = new GenericDifferentialDownloader(
    { size: newBytes.length, sha512 } as never,
    new NodeHttpExecutor(),
    {
      oldFile,
      newUrl: installerUrl,
      logger,
      newFile: out,
      requestHeaders: null,
      isUseMultipleRangeRequest: multipleRanges,
      cancellationToken: new CancellationToken(),
    },
  );
  await downloader.download(oldMap, newMap);
  return { out: readFileSync(out), log };
}

/** The share of the new installer electron-updater said it had to download ("Full: …, To download: … (N%)"). */
function downloadedPercent(log: string[]): number {
  const line = log.find((l) => l.startsWith('Full:'));
  return Number(/\((\d+)%\)/.exec(line ?? '')?.[1] ?? NaN);
}

describe('differential window updates', () => {
  it('electron-updater assembles the new installer from multi-range requests, downloading only the changes', async () => {
    const { out, log } = await differentialDownload(true);
    expect(out.equals(newBytes)).toBe(true);
    const percent = downloadedPercent(log);
    expect(percent).toBeGreaterThan(0);
    expect(percent).toBeLessThan(10);
  });

  it('and from one range per request (the path for servers without multipart replies)', async () => {
    const { out, log } = await differentialDownload(false);
    expect(out.equals(newBytes)).toBe(true);
    expect(downloadedPercent(log)).toBeLessThan(10);
  });

  it('answers ranges as RFC 9110 asks: 206 with Content-Range, 416 past the end, the whole file on a stale If-Range', async () => {
    const size = newBytes.length;
    const head = await fetch(installerUrl, { headers: { range: 'bytes=0-0' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    const etag = head.headers.get('etag') ?? '';
    expect(etag).toBe(`"${createHash('sha256').update(newBytes).digest('hex')}"`);
    await head.arrayBuffer();

    const tail = await fetch(installerUrl, { headers: { range: 'bytes=-100', 'if-range': etag } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 100}-${size - 1}/${size}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(newBytes.subarray(size - 100))).toBe(true);

    const past = await fetch(installerUrl, { headers: { range: `bytes=${size}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
    await past.arrayBuffer();

    const ignored: Record<string, string>[] = [
      { range: 'bytes=10-20', 'if-range': '"another-release"' },
      { range: 'bytes=50-60, 10-20' },
    ];
    for (const headers of ignored) {
      const whole = await fetch(installerUrl, { headers });
      expect(whole.status).toBe(200);
      expect((await whole.arrayBuffer()).byteLength).toBe(size);
    }
  });
});
