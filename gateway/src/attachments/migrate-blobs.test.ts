// `blobs migrate --from postgres --to s3` as an operator runs it, against a real S3-protocol server (s3rver):
// every verified file and the feed's installer land in the store under their SHA-256, a file whose bytes in
// PostgreSQL were damaged is reported and not copied, a second run copies nothing, and a gateway switched to
// the S3 store serves the same files.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway } from '../server';
import { testFile, testManifest } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { startTestS3, type TestS3 } from '../testing/s3';
import { storeUpdateBytes, updateStoreFor, writeFeed } from '../updates/store';
import { S3BlobStore } from './s3-store';

const ROOT = resolve(__dirname, '..', '..', '..');
const SC = '510000';
let t: TestGateway;
let s3: TestS3;

/** Runs the CLI; resolves with its exit code and output. */
const cli = (...args: string[]) =>
  new Promise<{ code: number; stdout: string; stderr: string }>((res) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'gateway/src/cli.ts', ...args],
      { cwd: ROOT, env: { ...process.env, ...s3.env, TONGBAN_GW_DATABASE_URL: t.db.url } },
      (err, stdout, stderr) => res({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });

beforeAll(async () => {
  s3 = await startTestS3();
  t = await startTestGateway(); // the PostgreSQL store
});
afterAll(async () => {
  await t?.close();
  await s3?.stop();
});

describe('blobs migrate --from postgres --to s3', () => {
  it('copies verified files and installers once, verifying sha256; the S3 gateway then serves them', async () => {
    const device = await t.device(SC);
    const files = [testFile(70_000), testFile(3000), testFile(5000)];
    const m = testManifest(SC, files);
    expect((await device.putCase(m)).status).toBe(201);
    for (const f of files)
      expect((await device.putAttachment(m.caseId, f.slot.attachmentId, f.bytes)).status).toBe(201);
    const damaged = files[2]!;
    await t.pool.query("UPDATE attachment_chunks SET data = '\\x00'::bytea || data WHERE attachment_id = $1", [
      damaged.slot.attachmentId,
    ]);
    const installer = randomBytes(200_000);
    await writeFeed(t.pool, [await storeUpdateBytes(t.pool, null, 'setup-9.9.9.exe', installer)]);

    const first = await cli('blobs', 'migrate', '--from', 'postgres', '--to', 's3', '--json');
    expect(first.code).toBe(1); // one file could not be copied
    const report = JSON.parse(first.stdout) as {
      copied: number;
      present: number;
      installers: number;
      failed: unknown[];
    };
    expect(report).toMatchObject({ copied: 3, present: 0, installers: 1 });
    expect(report.failed).toEqual([
      { sha256: damaged.slot.sha256, reason: 'bytes in PostgreSQL do not match their sha256' },
    ]);

    const store = new S3BlobStore(s3.config);
    try {
      for (const f of files.slice(0, 2)) expect((await store.get(f.slot.sha256))?.equals(f.bytes)).toBe(true);
      expect(await store.head(damaged.slot.sha256)).toBeNull();
    } finally {
      await store.close();
    }
    expect(await t.count("update_files WHERE stored_in = 's3'")).toBe(1);
    expect(await t.count('update_file_chunks')).toBe(0);

    // Resumed / repeated: nothing copied twice.
    await t.pool.query('UPDATE attachment_chunks SET data = substring(data from 2) WHERE attachment_id = $1', [
      damaged.slot.attachmentId,
    ]);
    const second = await cli('blobs', 'migrate', '--from', 'postgres', '--to', 's3', '--json');
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ copied: 1, present: 2, installers: 0, failed: [] });

    // A gateway on the S3 store serves the installer from the store.
    const switched = await startGateway({ databaseUrl: t.db.url, poolSize: 2, blobStore: s3.config });
    try {
      const res = await fetch(`${switched.url}/updates/setup-9.9.9.exe`);
      expect(Buffer.from(await res.arrayBuffer()).equals(installer)).toBe(true);
      for (const f of files) expect((await switched.blobStore.get(f.slot.sha256))?.equals(f.bytes)).toBe(true);
    } finally {
      await switched.close();
    }
    expect(updateStoreFor(s3.config)).not.toBeNull();
  });

  it('refuses another direction or a target that is not S3', async () => {
    const wrong = await cli('blobs', 'migrate', '--from', 's3', '--to', 'postgres');
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('use blobs migrate --from postgres --to s3');
  });
});
