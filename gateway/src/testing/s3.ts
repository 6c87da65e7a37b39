// A real S3-protocol server for tests and benchmarks: s3rver over a temporary folder, on 127.0.0.1 and
// a free port, with one bucket. Slow (a protocol double, not a performance stand-in for MinIO or Ceph).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { BlobStoreConfig } from '../attachments/blob-store';

/** A running test S3 server. */
export interface TestS3 {
  config: Extract<BlobStoreConfig, { kind: 's3' }>;
  /** The gateway's environment variables for this store. */
  env: Record<string, string>;
  dir: string;
  stop(): Promise<void>;
}

/** The gateway's store configuration for a test S3 server at `endpoint`. */
export function s3Config(endpoint: string, bucket = 'tongban-attachments'): TestS3['config'] {
  return {
    kind: 's3',
    endpoint,
    bucket,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  };
}

/** Starts s3rver with bucket `bucket` in a fresh temporary folder (on `port`, default any free one). */
export async function startTestS3(bucket = 'tongban-attachments', port = 0): Promise<TestS3> {
  const dir = mkdtempSync(join(tmpdir(), 'tongban-s3-'));
  const server = new S3rver({
    port,
    address: '127.0.0.1',
    directory: dir,
    silent: true,
    configureBuckets: [{ name: bucket }],
  });
  const listening = await server.run();
  const config = s3Config(`http://127.0.0.1:${listening.port}`, bucket);
  return {
    config,
    env: {
      TONGBAN_GW_BLOB_STORE: 's3',
      TONGBAN_GW_S3_ENDPOINT: config.endpoint,
      TONGBAN_GW_S3_BUCKET: bucket,
      TONGBAN_GW_S3_REGION: config.region,
      TONGBAN_GW_S3_ACCESS_KEY_ID: config.accessKeyId,
      TONGBAN_GW_S3_SECRET_ACCESS_KEY: config.secretAccessKey,
      TONGBAN_GW_S3_FORCE_PATH_STYLE: 'true',
    },
    dir,
    async stop() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
