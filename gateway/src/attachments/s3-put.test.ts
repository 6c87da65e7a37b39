// The SDK-free PutObject (s3-put.ts) signs exactly as the AWS SDK's own SigV4 signer does (s3rver does not
// check signatures, so this is the test that a real object store would accept them), and puts bytes that
// s3rver then serves back.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestS3, type TestS3 } from '../testing/s3';
import { S3BlobStore } from './s3-store';
import { S3Putter } from './s3-put';

/** node:crypto as the signer's hash constructor (what @smithy/hash-node does). */
class Sha256 {
  private readonly h;
  constructor(secret?: unknown) {
    this.h = secret ? createHmac('sha256', secret as string | Uint8Array) : createHash('sha256');
  }
  update(data: unknown): void {
    this.h.update(data as string | Uint8Array);
  }
  async digest(): Promise<Uint8Array> {
    return this.h.digest();
  }
}

const target = {
  endpoint: 'https://objects.example.gov.cn:9000/store',
  bucket: 'tongban-attachments',
  region: 'cn-southwest-1',
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe('S3 PutObject without the SDK', () => {
  for (const forcePathStyle of [true, false])
    it(`signs as the SDK's SigV4 signer (${forcePathStyle ? 'path-style' : 'virtual-hosted'})`, async () => {
      const putter = new S3Putter({ ...target, forcePathStyle });
      const bytes = randomBytes(1000);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const host = forcePathStyle ? 'objects.example.gov.cn:9000' : `${target.bucket}.objects.example.gov.cn:9000`;
      const path = forcePathStyle ? `/store/${target.bucket}/attachments/${sha256}` : `/store/attachments/${sha256}`;
      const now = new Date('2026-12-07T14:30:05.123Z');
      const ours = putter.signedHeaders(host, path, bytes, sha256, now);
      const { authorization, ...unsigned } = ours;
      const sdk = new SignatureV4({
        credentials: { accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey },
        region: target.region,
        service: 's3',
        sha256: Sha256,
        uriEscapePath: false, // S3 signs the path as sent
      });
      const signed = await sdk.sign(
        { method: 'PUT', protocol: 'https:', hostname: host, path, headers: { ...unsigned }, query: {} },
        { signingDate: now },
      );
      expect(signed.headers.authorization).toBe(authorization);
      expect(authorization).toContain(
        'SignedHeaders=content-length;content-type;host;x-amz-checksum-sha256;x-amz-content-sha256;x-amz-date',
      );
      expect(ours['x-amz-date']).toBe('20261207T143005Z');
      putter.close();
    });

  describe('against s3rver', () => {
    let s3: TestS3;
    beforeAll(async () => {
      s3 = await startTestS3();
    });
    afterAll(() => s3?.stop());

    it('stores the bytes under the key (idempotent), served back by the SDK; a wrong bucket is an error', async () => {
      const store = new S3BlobStore(s3.config);
      const bytes = randomBytes(300_000);
      const sha = createHash('sha256').update(bytes).digest('hex');
      await store.put(sha, bytes);
      await store.put(sha, bytes);
      expect((await store.get(sha))?.equals(bytes)).toBe(true);
      expect((await store.head(sha))?.size).toBe(bytes.length);
      await store.close();
      const missing = new S3Putter({ ...s3.config, bucket: 'no-such-bucket' });
      await expect(missing.put(`attachments/${sha}`, bytes, sha)).rejects.toThrow(/404 NoSuchBucket/);
      missing.close();
    });
  });
});
