// The blob store from the environment, with the variable names of the gateway configuration
// (TONGBAN_GW_BLOB_STORE=postgres|s3, TONGBAN_GW_S3_*): secrets never on the command line. Once the
// configuration module reads these, it supersedes this function.
import type { BlobStoreConfig } from './blob-store';

/** Reads the blob-store settings; throws a message naming the variable when one is missing or wrong. */
export function blobStoreFromEnv(env: NodeJS.ProcessEnv): BlobStoreConfig {
  const kind = env.TONGBAN_GW_BLOB_STORE || 'postgres';
  if (kind === 'postgres') return { kind };
  if (kind !== 's3') throw new Error(`TONGBAN_GW_BLOB_STORE must be postgres or s3, got "${kind}"`);
  const need = (name: string): string => {
    const v = env[name];
    if (!v) throw new Error(`${name} is required when TONGBAN_GW_BLOB_STORE=s3`);
    return v;
  };
  return {
    kind,
    endpoint: env.TONGBAN_GW_S3_ENDPOINT ?? '',
    bucket: need('TONGBAN_GW_S3_BUCKET'),
    region: env.TONGBAN_GW_S3_REGION || 'us-east-1',
    accessKeyId: need('TONGBAN_GW_S3_ACCESS_KEY_ID'),
    secretAccessKey: need('TONGBAN_GW_S3_SECRET_ACCESS_KEY'),
    forcePathStyle: (env.TONGBAN_GW_S3_FORCE_PATH_STYLE ?? 'true') !== 'false',
    prefix: env.TONGBAN_GW_S3_PREFIX || undefined,
  };
}
