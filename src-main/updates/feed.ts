// Window updates from the gateway's generic feed (gateway/src/updates/feed.ts): latest.yml is trusted only when
// latest.yml.sig verifies under the update public key the window build carries (Ed25519, raw 32 bytes base64).
// electron-updater then downloads the installer and checks its sha512 from the same latest.yml; the browser host
// only reports that a newer version exists.
import { createHash, createPublicKey, verify } from 'node:crypto';

/** The release a verified latest.yml describes. */
export interface VerifiedFeed {
  version: string;
  path: string;
  sha512: string;
  size: number;
  /** The verified text (electron-updater's own copy must describe the same release). */
  latestYml: string;
}

/** Why an update feed is not trusted. */
export class UpdateFeedError extends Error {
  override name = 'UpdateFeedError';
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Reads the fields this window needs from electron-updater's latest.yml (the gateway writes a fixed shape). */
export function parseLatestYml(text: string): Omit<VerifiedFeed, 'latestYml'> {
  const field = (name: string): string | undefined => {
    const m = new RegExp(`^${name}: (.+)$`, 'm').exec(text);
    const v = m?.[1]?.trim();
    return v?.startsWith('"') ? (JSON.parse(v) as string) : v?.replace(/^'(.*)'$/, '$1');
  };
  const version = field('version');
  const path = field('path');
  const sha512 = field('sha512');
  const size = Number(/^ {4}size: (\d+)$/m.exec(text)?.[1]);
  if (!version || !/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(version))
    throw new UpdateFeedError('latest.yml has no valid version');
  if (!path || path.includes('/') || path.includes('\\')) throw new UpdateFeedError('latest.yml has no valid path');
  if (!sha512 || !/^[A-Za-z0-9+/]{86}==$/.test(sha512)) throw new UpdateFeedError('latest.yml has no valid sha512');
  if (!Number.isSafeInteger(size) || size <= 0) throw new UpdateFeedError('latest.yml has no valid size');
  return { version, path, sha512, size };
}

/** Whether `candidate` is a newer semantic version than `current` (a pre-release is older than its release). */
export function isNewerVersion(current: string, candidate: string): boolean {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('-', 2);
    return { nums: core.split('.').map((n) => Number(n)), pre };
  };
  const a = parse(current);
  const b = parse(candidate);
  for (let i = 0; i < 3; i++) {
    const d = (b.nums[i] ?? 0) - (a.nums[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  if (a.pre && !b.pre) return true;
  if (!a.pre || !b.pre) return false;
  return b.pre > a.pre;
}

/** Fetches latest.yml and its signature from `feedUrl` (ending in /updates/) and verifies them. */
export async function fetchVerifiedFeed(
  feedUrl: string,
  publicKeyBase64: string,
  fetchImpl: typeof fetch = fetch,
): Promise<VerifiedFeed> {
  const base = feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`;
  const get = async (name: string) => {
    const res = await fetchImpl(`${base}${name}`, { cache: 'no-store', signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new UpdateFeedError(`${name}: HTTP ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  };
  const [yml, sig] = await Promise.all([get('latest.yml'), get('latest.yml.sig')]);
  const raw = Buffer.from(publicKeyBase64, 'base64');
  if (raw.length !== 32) throw new UpdateFeedError('the update key is not a raw Ed25519 public key');
  const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  if (!verify(null, yml, key, Buffer.from(sig.toString('utf8').trim(), 'base64'))) {
    throw new UpdateFeedError('latest.yml signature does not verify');
  }
  const latestYml = yml.toString('utf8');
  return { ...parseLatestYml(latestYml), latestYml };
}

/** Downloads the installer a verified feed names and checks its size and sha512 (what electron-updater does). */
export async function downloadVerifiedInstaller(
  feedUrl: string,
  feed: VerifiedFeed,
  fetchImpl: typeof fetch = fetch,
): Promise<Buffer> {
  const base = feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`;
  const res = await fetchImpl(`${base}${encodeURIComponent(feed.path)}`);
  if (!res.ok) throw new UpdateFeedError(`${feed.path}: HTTP ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length !== feed.size || createHash('sha512').update(bytes).digest('base64') !== feed.sha512) {
    throw new UpdateFeedError(`${feed.path}: size or sha512 differs from latest.yml`);
  }
  return bytes;
}
