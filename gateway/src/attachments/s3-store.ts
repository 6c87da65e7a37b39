// Attachments in an S3-compatible object store (MinIO, Ceph RGW, cloud object storage): one object
// per file, named by its SHA-256, written with that SHA-256 as the S3 checksum so the store itself
// refuses bytes that do not match. The same file uploaded twice is the same object (idempotent put).
// Puts (every push) are signed and sent by s3-put.ts; reads, heads, deletes and pings by the AWS SDK.
import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client,
} from '@aws-sdk/client-s3';
import { S3Putter } from './s3-put';
import { checkKey, type BlobHead, type BlobStore, type BlobStoreConfig } from './blob-store';

/** Objects under the prefix that are a file's (others, e.g. a folder marker, are not the sweep's). */
const SHA256_KEY = /^[0-9a-f]{64}$/;

type S3Config = Extract<BlobStoreConfig, { kind: 's3' }>;

const isNotFound = (err: unknown): boolean => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
};

/** The S3-compatible store. */
export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  readonly inline = false;
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  /** PutObject without the SDK (s3-put.ts): the request on every push's path. */
  private readonly putter: S3Putter;

  constructor(config: S3Config) {
    this.putter = new S3Putter(config);
    this.bucket = config.bucket;
    this.prefix = config.prefix ?? 'attachments/';
    this.client = new S3Client({
      endpoint: config.endpoint || undefined,
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      // The SHA-256 the gateway already verified is sent as the object's checksum; no second checksum
      // is computed over every upload (the SDK's default would add a CRC32 pass).
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      // The SDK waits forever by default: a store that accepts a connection and then goes silent would hold a
      // push (and its database connection) for good. Fail instead; the window retries the idempotent request.
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 },
      // Each command's middleware chain is built once per command type, not on every request.
      cacheMiddleware: true,
    });
  }

  /** The object name of a file. */
  key(sha256: string): string {
    checkKey(sha256);
    return `${this.prefix}${sha256}`;
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    await this.putter.put(this.key(sha256), bytes, sha256);
  }

  async get(sha256: string): Promise<Buffer | null> {
    const body = await this.stream(sha256);
    if (!body) return null;
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  async stream(sha256: string): Promise<AsyncIterable<Buffer> | null> {
    try {
      const res = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
      return res.Body as Readable;
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async head(sha256: string): Promise<BlobHead | null> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
      return { size: res.ContentLength ?? 0, ...(res.LastModified ? { modifiedAt: res.LastModified } : {}) };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
  }

  async *listWrittenBefore(cutoff: Date): AsyncIterable<string[]> {
    let token: string | undefined;
    do {
      const res = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken: token, MaxKeys: 1000 }),
      );
      const keys = (res.Contents ?? [])
        .filter((o) => o.Key && o.LastModified && o.LastModified < cutoff)
        .map((o) => (o.Key as string).slice(this.prefix.length))
        .filter((k) => SHA256_KEY.test(k));
      if (keys.length) yield keys;
      token = res.IsTruncated ? res.NextContinuationToken : undefined;
    } while (token);
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  async close(): Promise<void> {
    this.client.destroy();
    this.putter.close();
  }
}
