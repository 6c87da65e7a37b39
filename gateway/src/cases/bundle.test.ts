// The case bundle (decision 0231) with each blob store (PostgreSQL, and S3 against a real S3-protocol server):
// a new case and its files in one request,
// stored in one statement; replays, concurrent duplicates, refusals that store nothing, the nonce checked in
// the case's own statement.
import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { CASE_BUNDLE_MEDIA_TYPE } from '@tongban/protocol/sync/case-bundle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceClient, SignOptions } from '../testing/device-client';
import { testFile, testManifest, type TestFile } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { startTestS3, type TestS3 } from '../testing/s3';
import { readBundleFiles } from '../catalogue/cli';
import { importCatalogueVersion } from '../catalogue/repo';
import { bundleOf, countStatements, putBundle } from '../testing/case-bundle';

const SC = '510000';
const RESOURCES = resolve(__dirname, '..', '..', '..', 'resources', 'catalogue');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.each(['postgres', 's3'] as const)('PUT /v1/cases/{id}/bundle (%s store)', (kind) => {
  let t: TestGateway;
  let device: DeviceClient;
  let s3: TestS3 | null = null;
  /** Files the store was asked to write. */
  let puts = 0;
  /** The gateway's warnings and errors (a refusal answered twice shows here). */
  const logged: string[] = [];
  beforeAll(async () => {
    if (kind === 's3') s3 = await startTestS3();
    t = await startTestGateway({
      ...(s3 ? { blobStore: s3.config } : {}),
      batchEveryMs: 0, // the 1-second batch job (decision 0243) would add its statements to the counts below
      logLevel: 'warn',
      logStream: { write: (line) => void logged.push(line) },
      blobObserver: (op) => void (op.operation === 'put' && puts++),
    });
    device = await t.device(SC);
  });
  afterAll(async () => {
    await t?.close();
    await s3?.stop();
  });
  /** Rows of attachment_chunks for `n` verified files: PostgreSQL holds them there, S3 in objects. */
  const chunks = (n: number) => (kind === 's3' ? 0 : n);

  /** Whatever the gateway holds of a case: rows in every table a case push writes. */
  async function traces(caseId: string) {
    const counts = await Promise.all(
      ['cases', 'attachment_slots', 'status_events', 'backoffice_outbox'].map((table) =>
        t.count(`${table} WHERE case_id = '${caseId}'`),
      ),
    );
    const chunks = await t.count(
      `attachment_chunks WHERE attachment_id IN (SELECT attachment_id FROM attachment_slots WHERE case_id = '${caseId}')`,
    );
    return [...counts, chunks];
  }

  it('stores a new case complete with its files in one statement: 201, then 200 with the same number', async () => {
    const files = [testFile(70_000), testFile(3000, 'HK'), testFile(1)];
    const m = testManifest(SC, files);
    await device.feed(null); // the device's key is in the gateway's memory from now on
    const { result: res, count: statements } = await countStatements(() =>
      putBundle(
        device,
        m.caseId,
        bundleOf(
          m,
          files.map((f) => f.bytes),
        ),
      ),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ caseVersion: 1, missingAttachments: [] });
    console.log(
      `bundle of a new case, no catalogue: ${statements.statements} statements, ${statements.writes} writing`,
    );
    expect(statements.writes).toBe(1); // one statement writes (and so one commit): the case, its files, the nonce
    expect(statements.transactions).toBeLessThanOrEqual(2); // + the routing read (no catalogue published here)
    const { rows } = await t.pool.query<{ complete: boolean; verified: number }>(
      `SELECT c.complete_at IS NOT NULL AS complete,
              (SELECT count(*)::int FROM attachment_slots s WHERE s.case_id = c.case_id AND s.verified_at IS NOT NULL) AS verified
       FROM cases c WHERE case_id = $1`,
      [m.caseId],
    );
    expect(rows[0]).toEqual({ complete: true, verified: 3 });
    for (const f of files) expect(sha((await t.gateway.blobStore.get(f.slot.sha256)) as Buffer)).toBe(f.slot.sha256);
    expect(await t.count(`status_events WHERE case_id = '${m.caseId}'`)).toBe(1);
    expect(await t.count(`backoffice_outbox WHERE case_id = '${m.caseId}'`)).toBe(1);
    const { rows: audited } = await t.pool.query('SELECT actor, action, details FROM gateway_audit WHERE target = $1', [
      `case:${m.caseId}`,
    ]);
    expect(audited).toEqual([
      {
        actor: `device:${device.deviceId}`,
        action: 'device.case-push',
        details: { windowCode: expect.any(String), requestId: expect.any(String), bundle: true, attachments: 3 },
      },
    ]);

    const replay = await putBundle(
      device,
      m.caseId,
      bundleOf(
        m,
        files.map((f) => f.bytes),
      ),
    );
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual({ ...res.body });
    expect(await traces(m.caseId)).toEqual([1, 3, 1, 1, chunks(3)]);
  });

  it('50 concurrent identical bundles make one case and one department number', async () => {
    const files = [testFile(20_000), testFile(500, 'HK')];
    const m = testManifest(SC, files);
    const body = bundleOf(
      m,
      files.map((f) => f.bytes),
    );
    const results = await Promise.all(Array.from({ length: 50 }, () => putBundle(device, m.caseId, body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(49);
    expect(new Set(results.map((r) => r.body.departmentNo)).size).toBe(1);
    for (const r of results) expect(r.body.missingAttachments).toEqual([]);
    expect(await traces(m.caseId)).toEqual([1, 2, 1, 1, chunks(2)]);
  });

  it('refuses a body that is not a bundle, wrong sizes, a changed file, a wrong digest: nothing stored', async () => {
    const files = [testFile(4000), testFile(300, 'HK')];
    const m = testManifest(SC, files);
    const good = bundleOf(
      m,
      files.map((f) => f.bytes),
    );
    const changed = randomBytes(300);
    const putsBefore = puts;
    const refusals: [Buffer, number, string, SignOptions?][] = [
      [good.subarray(0, good.length - 1), 400, 'invalid-request'], // truncated
      [Buffer.concat([good, Buffer.from([0])]), 400, 'invalid-request'], // a byte too many
      [Buffer.from([0, 0]), 400, 'invalid-request'], // no length prefix
      [Buffer.concat([Buffer.from([0xff, 0, 0, 0]), good.subarray(4)]), 400, 'invalid-request'], // length past the body
      [bundleOf(m, [files[0]!.bytes, changed]), 422, 'hash-mismatch'],
      [bundleOf({ ...m, district: '500000' }, []), 403, 'district-forbidden'],
      [good, 415, 'unsupported-media-type', { contentType: 'application/octet-stream' }],
    ];
    for (const [body, status, code, opts] of refusals) {
      const res = await putBundle(device, m.caseId, body, opts);
      expect([res.status, (res.body.error as { code: string } | undefined)?.code]).toEqual([status, code]);
    }
    // Signed over another body's digest: the bytes received are not the bytes signed.
    const req = device.prepare('PUT', `/v1/cases/${m.caseId}/bundle`, {
      body: bundleOf(m, [files[0]!.bytes, randomBytes(300)]),
      contentType: CASE_BUNDLE_MEDIA_TYPE,
      idempotencyKey: m.caseId,
    });
    const mismatch = await device.send({ ...req, init: { ...req.init, body: good } });
    expect([mismatch.status, (mismatch.body.error as { code: string }).code]).toEqual([400, 'digest-mismatch']);
    expect(await traces(m.caseId)).toEqual([0, 0, 0, 0, 0]);
    expect(puts).toBe(putsBefore); // nothing reached the blob store either
    expect(await t.gateway.blobStore.head(sha(changed))).toBeNull();
    expect((await putBundle(device, m.caseId, good)).status).toBe(201);
    // Each refusal was answered once: the route's error handler waits for the nonce, then sends (no second reply).
    expect(logged.filter((l) => /already sent|HEADERS_SENT/.test(l))).toEqual([]);
  });

  it('completes a case that came by the case PUT without its files: 200, the files verified', async () => {
    const files = [testFile(9000), testFile(800, 'HK')];
    const m = testManifest(SC, files);
    const first = await device.putCase(m);
    expect(first.status).toBe(201);
    expect((await device.putAttachment(m.caseId, files[0]!.slot.attachmentId, files[0]!.bytes)).status).toBe(201);
    const res = await putBundle(
      device,
      m.caseId,
      bundleOf(
        m,
        files.map((f) => f.bytes),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ departmentNo: first.body.departmentNo, caseVersion: 1, missingAttachments: [] });
    expect(await traces(m.caseId)).toEqual([1, 2, 1, 1, chunks(2)]);
    expect(await t.count(`cases WHERE case_id = '${m.caseId}' AND complete_at IS NOT NULL`)).toBe(1);
    // The file the bundle completed is audited as its PUT would have been.
    expect(await t.count(`gateway_audit WHERE target = 'case:${m.caseId}' AND action = 'device.attachment'`)).toBe(2);
    // Another manifest under the same id is refused as by the case PUT.
    const other = { ...m, applicant: { ...m.applicant, phone: '13900000000' } };
    const mismatch = await putBundle(
      device,
      m.caseId,
      bundleOf(
        other,
        files.map((f) => f.bytes),
      ),
    );
    expect([mismatch.status, (mismatch.body.error as { code: string }).code]).toEqual([422, 'manifest-mismatch']);
  });

  it('refuses a replayed nonce and a revoked device, storing nothing; the refusals take precedence', async () => {
    const files: TestFile[] = [testFile(100)];
    const m = testManifest(SC, files);
    const body = bundleOf(
      m,
      files.map((f) => f.bytes),
    );
    const nonce = randomBytes(16).toString('base64url');
    // A bad body records its nonce like any signed request: the same nonce is then a replay.
    const bad = await putBundle(device, m.caseId, body.subarray(0, 10), { nonce });
    expect(bad.status).toBe(400);
    const replayed = await putBundle(device, m.caseId, body, { nonce });
    expect([replayed.status, (replayed.body.error as { code: string }).code]).toEqual([401, 'nonce-replayed']);
    expect(await traces(m.caseId)).toEqual([0, 0, 0, 0, 0]);

    const revoked = await t.device(SC);
    await revoked.feed(null); // key cached: the hook itself reads nothing of the device any more
    await t.pool.query('UPDATE devices SET revoked_at = now() WHERE device_id = $1', [revoked.deviceId]);
    const refused = await putBundle(revoked, m.caseId, body);
    expect([refused.status, (refused.body.error as { code: string }).code]).toEqual([403, 'device-revoked']);
    const refusedBad = await putBundle(revoked, m.caseId, body.subarray(0, 10));
    expect([refusedBad.status, (refusedBad.body.error as { code: string }).code]).toEqual([403, 'device-revoked']);
    expect(await traces(m.caseId)).toEqual([0, 0, 0, 0, 0]);
    expect((await putBundle(device, m.caseId, body)).status).toBe(201);
    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/tongban_pushes_total\{kind="bundle",outcome="stored"\} [1-9]/);
    // Refused in the case's statement, not in the hook: counted all the same.
    expect(metrics).toMatch(/tongban_signature_failures_total\{reason="nonce-replayed"\} [1-9]/);
    expect(metrics).toMatch(/tongban_signature_failures_total\{reason="device-revoked"\} [2-9]/);
  });

  it.runIf(kind === 's3')('writes a file again after the commit when retention deleted it before', async () => {
    const files = [testFile(5000), testFile(700, 'HK')];
    const m = testManifest(SC, files);
    // The retention job deleted this file (another, purged case's) at some point: the lock taken by the case's
    // statement cannot tell whether that was after this bundle wrote it, so the gateway writes it once more.
    await t.pool.query(
      'INSERT INTO purged_blobs (sha256, pending, deleted_at) VALUES ($1, false, now()) ON CONFLICT (sha256) DO UPDATE SET deleted_at = now()',
      [files[0]!.slot.sha256],
    );
    const before = puts;
    const res = await putBundle(
      device,
      m.caseId,
      bundleOf(
        m,
        files.map((f) => f.bytes),
      ),
    );
    expect(res.status).toBe(201);
    expect(puts - before).toBe(3);
    for (const f of files) expect(await t.gateway.blobStore.head(f.slot.sha256)).toMatchObject({ size: f.slot.size });
  });

  // Last: a published catalogue judges every later case by its routing.
  it('with a published catalogue a new case is one transaction; the old path is many (figures printed)', async () => {
    const bundleFiles = readBundleFiles([resolve(RESOURCES, 'catalogue.json'), resolve(RESOURCES, 'routing.json')]);
    if (!bundleFiles.ok) throw new Error('shipped catalogue does not read');
    expect((await importCatalogueVersion(t.pool, bundleFiles.json, 'test')).ok).toBe(true);
    const routed = {
      matterCode: 'CQ-KSTB-0001',
      localityDivision: '510104',
      catalogueVersion: (bundleFiles.json as { catalogue: { catalogueVersion: string } }).catalogue.catalogueVersion,
      departmentId: 'SC-HRSS-CARD',
      departmentName: '四川省社会保障卡服务中心',
    };
    const newCase = () => {
      const files = [testFile(200_000), testFile(64_000, 'HK')];
      return { files, m: testManifest(SC, files, routed) };
    };
    const warm = newCase(); // reads the version into the gateway's memory
    expect(
      (
        await putBundle(
          device,
          warm.m.caseId,
          bundleOf(
            warm.m,
            warm.files.map((f) => f.bytes),
          ),
        )
      ).status,
    ).toBe(201);

    const viaBundle = newCase();
    const bundle = await countStatements(() =>
      putBundle(
        device,
        viaBundle.m.caseId,
        bundleOf(
          viaBundle.m,
          viaBundle.files.map((f) => f.bytes),
        ),
      ),
    );
    expect(bundle.result.status).toBe(201);
    const viaRequests = newCase();
    const old = await countStatements(async () => {
      expect((await device.putCase(viaRequests.m)).status).toBe(201);
      for (const f of viaRequests.files)
        expect((await device.putAttachment(viaRequests.m.caseId, f.slot.attachmentId, f.bytes)).status).toBe(201);
    });
    const line = (c: typeof old.count) =>
      `${c.statements} statements, ${c.transactions} transactions, ${c.writes} writing`;
    console.log(`new case with 2 files — bundle: ${line(bundle.count)}; case PUT + 2 file PUTs: ${line(old.count)}`);
    expect(bundle.count).toMatchObject({ statements: 1, transactions: 1, writes: 1 });
    expect(old.count.transactions).toBeGreaterThanOrEqual(6);
    const routedAway = testManifest(SC, [], { ...routed, departmentId: 'SC-PSB', departmentName: '四川省公安厅' });
    const refused = await putBundle(device, routedAway.caseId, bundleOf(routedAway, []));
    expect([refused.status, (refused.body.error as { code: string }).code]).toEqual([422, 'department-not-routed']);
    expect(await traces(routedAway.caseId)).toEqual([0, 0, 0, 0, 0]);
  });
});
