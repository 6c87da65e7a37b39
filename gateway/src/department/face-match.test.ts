// 人证比对 on the department's case page: the gateway recomputes the frame's SHA-256 from the pushed bytes,
// shows "人像哈希已核验" when it holds and a red warning when not; a malformed entry is refused on push; the
// frame route serves this department's frame only (real PostgreSQL).
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManifestFaceMatch } from '@tongban/protocol/sync/manifest-face-match';
import type { DeviceClient } from '../testing/device-client';
import { testManifest } from '../testing/fixtures';
import { Browser } from '../testing/browser';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { addReviewer } from './repo';
import { maskCaseManifest } from '../retention/mask';

const SC = '510000';
const sha256 = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');
/** A real photograph (@vladmandic/face-api demo, MIT; 181 KB, the size of a camera frame). */
const FRAME = readFileSync(new URL('../../../node_modules/@vladmandic/face-api/demo/sample2.jpg', import.meta.url));

let t: TestGateway;
let device: DeviceClient;
beforeAll(async () => {
  t = await startTestGateway();
  device = await t.device(SC);
  await addReviewer(t.pool, 'face1', 'correct horse 9', 'SC-CD-PSB');
});
afterAll(async () => t?.close());

/** A face comparison as the window records it. */
function faceMatch(over: Partial<ManifestFaceMatch> = {}): ManifestFaceMatch {
  return {
    role: 'applicant',
    method: 'face-match',
    result: 'pass',
    overridden: false,
    similarity: 0.912,
    threshold: 0.66,
    model: 'human-faceres',
    modelVersion: '3.3.6',
    realScore: 0.8,
    liveScore: 0.7,
    frameSha256: sha256(FRAME),
    frameMediaType: 'image/jpeg',
    frame: FRAME.toString('base64'),
    capturedAt: '2026-01-01T01:00:00.000Z',
    ...over,
  };
}

describe('人证比对 on the department page', () => {
  it('verifies the frame hash, warns on a mismatch, serves the frame to its department only', async () => {
    const good = { ...testManifest(SC), faceMatches: [faceMatch()] };
    const other = randomBytes(64);
    const bad = { ...testManifest(SC), faceMatches: [faceMatch({ frame: other.toString('base64') })] };
    for (const m of [good, bad]) expect((await device.putCase(m)).status).toBe(201);

    const b = new Browser(t.url);
    await b.login('face1', 'correct horse 9');
    const page = (await b.go('GET', `/dept/cases/${good.caseId}`)).html;
    expect(page).toContain('<h2>人证比对</h2>');
    expect(page).toContain('人像哈希已核验');
    expect(page).not.toContain('人像哈希核验未通过');
    for (const s of [
      '0.912',
      '0.660',
      'human-faceres 3.3.6',
      '活体参考',
      `/dept/cases/${good.caseId}/face-matches/applicant`,
    ])
      expect(page).toContain(s);
    const warned = (await b.go('GET', `/dept/cases/${bad.caseId}`)).html;
    expect(warned).toContain('人像哈希核验未通过');
    expect(warned).not.toContain('人像哈希已核验');

    const res = await fetch(`${t.url}/dept/cases/${good.caseId}/face-matches/applicant`, {
      headers: { cookie: b.cookieHeader() },
    });
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(FRAME));
    expect((await b.go('GET', `/dept/cases/${good.caseId}/face-matches/agent`)).status).toBe(404);
    // Without a session: the login page, not the frame.
    const anonymous = await fetch(`${t.url}/dept/cases/${good.caseId}/face-matches/applicant`);
    expect(anonymous.headers.get('content-type')).not.toBe('image/jpeg');
    // A manifest without face matches (an older window) shows no section.
    const plain = testManifest(SC);
    expect((await device.putCase(plain)).status).toBe(201);
    expect((await b.go('GET', `/dept/cases/${plain.caseId}`)).html).not.toContain('人证比对');
    // The retention purge keeps the figures and drops the frame.
    expect(maskCaseManifest(good).faceMatches).toEqual([{ ...faceMatch(), frame: null }]);
  });

  it('refuses malformed face matches on push', async () => {
    const bad = [
      { frame: 'not base64!' },
      { frame: 'A'.repeat(1_000_004) },
      { similarity: 2 },
      { frameSha256: 'abc' },
      { frameMediaType: 'image/gif' },
    ] as Partial<ManifestFaceMatch>[];
    for (const over of bad) {
      const res = await device.putCase({ ...testManifest(SC), faceMatches: [faceMatch(over)] });
      expect(res.status, JSON.stringify(Object.keys(over))).toBe(400);
    }
    const twice = await device.putCase({ ...testManifest(SC), faceMatches: [faceMatch(), faceMatch()] });
    expect(twice.status).toBe(400);
  });
});
