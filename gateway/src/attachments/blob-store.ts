// Where the bytes of complete, verified attachments live: a content-addressed store keyed by the
// file's SHA-256 (hex). PostgreSQL (the default: the slots' bytea chunks, as before) or any
// S3-compatible object store (MinIO, Ceph RGW, cloud). Upload bookkeeping (slots, offsets, the
// resumable PATCH protocol) stays in PostgreSQL either way; see repo.ts and docs/decisions.
import type pg from 'pg';
import type { BlobStoreConfig } from '../config/config';
import { PostgresBlobStore } from './postgres-store';
import { S3BlobStore } from './s3-store';

/** Which store and how to reach it: the gateway configuration's `blobStore` section (config/config.ts). */
export type { BlobStoreConfig } from '../config/config';

/** Size of a stored object. */
export interface BlobHead {
  size: number;
  /** When the object was last written (object stores; PostgreSQL keeps no such time). */
  modifiedAt?: Date;
}

/** A content-addressed store of complete files. Every method is safe to retry. */
export interface BlobStore {
  readonly kind: 'postgres' | 's3';
  /**
   * True when the bytes are written by the upload's own database transaction (PostgreSQL): the
   * upload code then stores the file with the slot, and `put` is only for copying files in.
   */
  readonly inline: boolean;
  /** Stores `bytes` under `sha256` (the caller has verified the hash). Idempotent: the same key, the same bytes. */
  put(sha256: string, bytes: Buffer): Promise<void>;
  /** The whole object, or null when there is none. */
  get(sha256: string): Promise<Buffer | null>;
  /** The object as a stream of chunks, or null when there is none. */
  stream(sha256: string): Promise<AsyncIterable<Buffer> | null>;
  /** Whether the object exists, and its size. */
  head(sha256: string): Promise<BlobHead | null>;
  /** Removes the object (retention); no error when it is already gone. */
  delete(sha256: string): Promise<void>;
  /**
   * The keys of objects last written before `cutoff`, a page at a time: what the orphan sweep checks against the
   * slots (retention.ts). PostgreSQL lists none: its bytes are written in their slot's own transaction.
   */
  listWrittenBefore(cutoff: Date): AsyncIterable<string[]>;
  /** Throws unless the store is reachable (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** One store operation as metrics see it. */
export interface BlobOperation {
  store: BlobStore['kind'];
  operation: 'put' | 'get' | 'stream' | 'head' | 'delete' | 'ping';
  seconds: number;
  ok: boolean;
}

/** Called after every store operation (e.g. a prom-client histogram's observe). */
export type BlobObserver = (op: BlobOperation) => void;

/** Wraps a store so that every operation's latency and outcome reach `observer`. */
export function observeBlobStore(store: BlobStore, observer: BlobObserver): BlobStore {
  const timed =
    <A extends unknown[], R>(operation: BlobOperation['operation'], fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const start = performance.now();
      let ok = false;
      try {
        const result = await fn(...args);
        ok = true;
        return result;
      } finally {
        observer({ store: store.kind, operation, seconds: (performance.now() - start) / 1000, ok });
      }
    };
  return {
    kind: store.kind,
    inline: store.inline,
    put: timed('put', (sha256: string, bytes: Buffer) => store.put(sha256, bytes)),
    get: timed('get', (sha256: string) => store.get(sha256)),
    stream: timed('stream', (sha256: string) => store.stream(sha256)),
    head: timed('head', (sha256: string) => store.head(sha256)),
    delete: timed('delete', (sha256: string) => store.delete(sha256)),
    listWrittenBefore: (cutoff: Date) => store.listWrittenBefore(cutoff),
    ping: timed('ping', () => store.ping()),
    close: () => store.close(),
  };
}

/** The store `config` names; PostgreSQL uses the gateway's pool. */
export function createBlobStore(config: BlobStoreConfig, pool: pg.Pool): BlobStore {
  return config.kind === 's3' ? new S3BlobStore(config) : new PostgresBlobStore(pool);
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Refuses anything but a lower-case SHA-256 hex key (keys become object names and SQL parameters). */
export function checkKey(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error('blob key must be a lower-case SHA-256 hex string');
}
