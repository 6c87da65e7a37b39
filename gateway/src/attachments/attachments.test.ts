// Attachment slots, with each blob store (PostgreSQL, and S3 against a real S3-protocol server):
// whole-file PUT, hash mismatch, ranged PATCH resumed after a cut-off upload, a case becoming complete
// once every slot was re-hashed by the gateway, and the department reading the file back from the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReviewer } from '../department/repo';
import { Browser } from '../testing/browser';
import type { DeviceClient } from '../testing/device-client';
import { FaultProxy } from '../testing/fault-proxy';
import { testFile, testManifest } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { startTestS3, type TestS3 } from '../testing/s3';

const SC = '510000';

describe.each(['postgres', 's3'] as const)('attachments in %s', (kind) => {
  let t: TestGateway;
  let device: DeviceClient;
  let s3: TestS3 | null = null;
  beforeAll(async () => {
    if (kind === 's3') s3 = await startTestS3();
    t = await startTestGateway(s3 ? { blobStore: s3.config } : {});
    device = await t.device(SC);
  });
  afterAll(async () => {
    await t?.close();
    await s3?.stop();
  });

  const complete = async (caseId: string) =>
    (
      (await t.pool.query('SELECT complete_at IS NOT NULL AS c FROM cases WHERE case_id = $1', [caseId])).rows[0] as {
        c: boolean;
      }
    ).c;
  const slotPath = (caseId: string, attachmentId: string) => `/v1/cases/${caseId}/attachments/${attachmentId}`;

  it('verifies a whole small file by sha256, idempotently; a mismatch stores nothing', async () => {
    const good = testFile(5000);
    const m = testManifest(SC, [good]);
    expect((await device.putCase(m)).status).toBe(201);
    const wrong = Buffer.from(good.bytes);
    wrong[0] = (wrong[0] ?? 0) ^ 0xff;
    const mismatch = await device.putAttachment(m.caseId, good.slot.attachmentId, wrong);
    expect(mismatch.status).toBe(422);
    expect(mismatch.body).toMatchObject({ error: { code: 'hash-mismatch' } });
    expect(await t.count(`attachment_chunks WHERE attachment_id = '${good.slot.attachmentId}'`)).toBe(0);
    expect(await t.gateway.blobStore.head(good.slot.sha256)).toBeNull();
    expect(await complete(m.caseId)).toBe(false);

    const first = await device.putAttachment(m.caseId, good.slot.attachmentId, good.bytes);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ attachmentId: good.slot.attachmentId, verified: true, size: 5000 });
    const replay = await device.putAttachment(m.caseId, good.slot.attachmentId, good.bytes);
    expect(replay.status).toBe(200);
    expect(await complete(m.caseId)).toBe(true);
    expect((await device.putCase(m)).body.missingAttachments).toEqual([]);
    expect((await device.putAttachment(m.caseId, crypto.randomUUID(), good.bytes)).status).toBe(404);
    expect(await t.gateway.blobStore.get(good.slot.sha256)).toEqual(good.bytes);
    // With an object store PostgreSQL keeps the slot only.
    expect(await t.count(`attachment_chunks WHERE attachment_id = '${good.slot.attachmentId}'`)).toBe(
      kind === 's3' ? 0 : 1,
    );

    // The department reads the file back from the store.
    await addReviewer(t.pool, `psb-${kind}`, 'correct horse 1', 'SC-CD-PSB');
    const reviewer = new Browser(t.url);
    await reviewer.login(`psb-${kind}`, 'correct horse 1');
    const res = await fetch(`${t.url}/dept/cases/${m.caseId}/attachments/${good.slot.attachmentId}`, {
      headers: { cookie: reviewer.cookieHeader() },
    });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(good.bytes);
  });

  it('resumes a ranged upload after a cut-off chunk, and completes the case when the last slot verifies', async () => {
    const small = testFile(1000, 'ID');
    const big = testFile(2_500_000, 'HK', 'application/pdf');
    const m = testManifest(SC, [small, big]);
    expect((await device.putCase(m)).status).toBe(201);
    const path = slotPath(m.caseId, big.slot.attachmentId);
    const head = async () => {
      const res = await device.request('HEAD', path);
      expect(res.status).toBe(200);
      return {
        offset: Number(res.headers.get('upload-offset')),
        length: Number(res.headers.get('upload-length')),
        complete: res.headers.get('upload-complete'),
      };
    };
    expect(await head()).toEqual({ offset: 0, length: 2_500_000, complete: '?0' });
    const chunk = (from: number, to: number, offset = from) =>
      device.request('PATCH', path, {
        body: big.bytes.subarray(from, to),
        headers: { 'upload-offset': String(offset) },
        idempotencyKey: big.slot.attachmentId,
      });

    const first = await chunk(0, 1_000_000);
    expect(first.status).toBe(204);
    expect(first.headers.get('upload-offset')).toBe('1000000');

    // The next chunk is cut off mid-body by the network: nothing of it is kept.
    const proxy = new FaultProxy({
      target: { host: '127.0.0.1', port: t.gateway.port },
      seed: 7,
      probabilities: { 'truncate-request': 1 },
    });
    const port = await proxy.listen();
    const viaProxy = device.prepare('PATCH', path, {
      body: big.bytes.subarray(1_000_000, 2_000_000),
      headers: { 'upload-offset': '1000000' },
    });
    viaProxy.url = `http://127.0.0.1:${port}${path}`;
    await expect(device.send(viaProxy)).rejects.toThrow();
    await proxy.close();
    expect(proxy.stats()['truncate-request']).toBe(1);
    expect(await head()).toEqual({ offset: 1_000_000, length: 2_500_000, complete: '?0' });

    // A chunk at a stale offset is refused with the offset to resume from.
    const stale = await chunk(0, 1000, 0);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: { code: 'upload-offset-mismatch' } });
    expect(stale.headers.get('upload-offset')).toBe('1000000');

    // Resume: part of the rest, HEAD, then the remainder.
    expect((await chunk(1_000_000, 1_400_000)).status).toBe(204);
    const { offset } = await head();
    expect(offset).toBe(1_400_000);
    expect((await chunk(offset, 2_400_000)).status).toBe(204);
    const last = await chunk(2_400_000, 2_500_000);
    expect(last.status).toBe(204);
    expect(last.headers.get('upload-complete')).toBe('?1');
    expect(await complete(m.caseId)).toBe(false); // the small slot is still missing
    expect((await device.putAttachment(m.caseId, small.slot.attachmentId, small.bytes)).status).toBe(201);
    expect(await complete(m.caseId)).toBe(true);
    // A lost reply to the last chunk: the retry is answered as done.
    const retry = await chunk(2_400_000, 2_500_000);
    expect(retry.status).toBe(204);
    expect(retry.headers.get('upload-offset')).toBe('2500000');
    const stored = await t.pool.query<{ n: number | null }>(
      'SELECT sum(length(data))::int AS n FROM attachment_chunks WHERE attachment_id = $1',
      [big.slot.attachmentId],
    );
    // PostgreSQL: the chunks are the file. S3: the staged chunks are gone and the file is one object.
    expect(stored.rows[0]?.n).toBe(kind === 's3' ? null : 2_500_000);
    // Buffer.equals, not toEqual: vitest's deep equality walks 2.5 million bytes one by one (20–50 s).
    const readBack = await t.gateway.blobStore.get(big.slot.sha256);
    expect(readBack?.equals(big.bytes), 'the stored file is the uploaded file').toBe(true);
  });

  it('discards a ranged upload whose bytes do not hash to the slot', async () => {
    const big = testFile(1_200_000, 'HK', 'application/pdf');
    const m = testManifest(SC, [big]);
    expect((await device.putCase(m)).status).toBe(201);
    const path = slotPath(m.caseId, big.slot.attachmentId);
    const corrupt = Buffer.from(big.bytes);
    corrupt[corrupt.length - 1] = (corrupt[corrupt.length - 1] ?? 0) ^ 1;
    expect(
      (await device.request('PATCH', path, { body: corrupt.subarray(0, 1_000_000), headers: { 'upload-offset': '0' } }))
        .status,
    ).toBe(204);
    const end = await device.request('PATCH', path, {
      body: corrupt.subarray(1_000_000),
      headers: { 'upload-offset': '1000000' },
    });
    expect(end.status).toBe(422);
    expect(end.body).toMatchObject({ error: { code: 'hash-mismatch' } });
    expect(end.headers.get('upload-offset')).toBe('0');
    expect(await t.count(`attachment_chunks WHERE attachment_id = '${big.slot.attachmentId}'`)).toBe(0);
    expect(await t.gateway.blobStore.head(big.slot.sha256)).toBeNull();
    expect(await complete(m.caseId)).toBe(false);
  });
});
