// 电子签名 on the department's case page: the gateway recomputes each signature's hashes from the pushed text
// and manifest, shows "签名绑定已核验" when they hold and a warning when they do not (real PostgreSQL).
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import { signedContentText, type ManifestSignature } from '@tongban/protocol/sync/manifest-signature';
import type { DeviceClient } from '../testing/device-client';
import { testManifest } from '../testing/fixtures';
import { Browser } from '../testing/browser';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { addReviewer } from './repo';

const SC = '510000';
const sha256 = (d: string | Uint8Array) => createHash('sha256').update(d).digest('hex');
/** A 1×1 PNG. */
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

let t: TestGateway;
let device: DeviceClient;
beforeAll(async () => {
  t = await startTestGateway();
  device = await t.device(SC);
  await addReviewer(t.pool, 'sig1', 'correct horse 9', 'SC-CD-PSB');
});
afterAll(async () => t?.close());

/** A signature made on `m` as the window makes it. */
function signed(m: CaseManifest): ManifestSignature {
  const text = `【申请表确认】\n事项：${m.matterName}（${m.situationName}）\n本人已核对以上申请信息。`;
  return {
    signatureId: '01938a1e-0000-7000-8000-00000000abcd',
    signer: 'applicant',
    signerName: m.applicant.name,
    documents: ['application'],
    text,
    textSha256: sha256(text),
    contentSha256: sha256(signedContentText(m)),
    signedAt: '2026-01-01T01:00:00.000Z',
    png: PNG.toString('base64'),
    pngSha256: sha256(PNG),
  };
}

describe('电子签名 on the department page', () => {
  it('shows a binding signature as verified and flags one moved from another case or edited after signing', async () => {
    const good = testManifest(SC);
    const goodWithSig = { ...good, signatures: [signed(good)] };
    // Signed on another case of the same person: everything but the case id is identical.
    const moved = testManifest(SC);
    const movedWithSig = { ...moved, signatures: [signed({ ...moved, caseId: good.caseId })] };
    // Signed, then the form was edited.
    const edited = testManifest(SC);
    const editedWithSig = { ...edited, form: { reason: '投靠父母' }, signatures: [signed(edited)] };
    for (const m of [goodWithSig, movedWithSig, editedWithSig]) expect((await device.putCase(m)).status).toBe(201);

    const b = new Browser(t.url);
    await b.login('sig1', 'correct horse 9');
    const page = (await b.go('GET', `/dept/cases/${good.caseId}`)).html;
    expect(page).toContain('<h2>电子签名</h2>');
    expect(page).toContain('签名绑定已核验');
    expect(page).not.toContain('签名绑定核验未通过');
    expect(page).toContain(`/dept/cases/${good.caseId}/signatures/01938a1e-0000-7000-8000-00000000abcd`);
    for (const m of [moved, edited]) {
      const html = (await b.go('GET', `/dept/cases/${m.caseId}`)).html;
      expect(html).toContain('签名绑定核验未通过');
      expect(html).toContain('与本案申请内容不符');
      expect(html).not.toContain('签名绑定已核验');
    }
    // The image is served from the stored manifest, same origin (the page's CSP allows nothing else).
    const res = await fetch(`${t.url}/dept/cases/${good.caseId}/signatures/01938a1e-0000-7000-8000-00000000abcd`, {
      headers: { cookie: b.cookieHeader() },
    });
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(sha256(Buffer.from(await res.arrayBuffer()))).toBe(sha256(PNG));
    expect(
      (await b.go('GET', `/dept/cases/${good.caseId}/signatures/01938a1e-0000-7000-8000-000000000000`)).status,
    ).toBe(404);
    // A manifest without signatures (an older window) shows no section.
    const plain = testManifest(SC);
    expect((await device.putCase(plain)).status).toBe(201);
    expect((await b.go('GET', `/dept/cases/${plain.caseId}`)).html).not.toContain('电子签名');
  });

  it('refuses a malformed signature on push (schema), the case unchanged', async () => {
    const m = testManifest(SC);
    const bad = { ...m, signatures: [{ ...signed(m), png: 'not base64!' }] };
    const res = await device.putCase(bad);
    expect(res.status).toBe(400);
  });
});
