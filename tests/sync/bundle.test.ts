// The case bundle from the window's side (decision 0235): a case whose files fit goes as ONE request
// (counted at a proxy in front of a real gateway on real PostgreSQL); a file over 1 MB sends the case the old
// way (case PUT, resumable upload); an older gateway without the route costs one extra request, then the
// old way for every case. Each ends with the outbox all done and the department holding complete cases.
import { randomBytes } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueEnrolmentCode } from '../../gateway/src/devices/repo';
import { startTestGateway, type TestGateway } from '../../gateway/src/testing/harness';
import { createUser, initialised, testApp, type TestApp } from '../../src-main/testing/test-app';
import { socialSecurityCardApplication, verifyApplicant } from '../../src-main/cases/testing/intake-fixtures';
import { callOk } from '../../src-main/testing/call';
import { BUNDLE_ATTEMPTS } from '../../src-main/sync/operations';

const CLERK = 'clerk';

/** A proxy that counts the requests it forwards; `oldGateway` makes it answer the bundle route as a gateway without it. */
class CountingProxy {
  readonly seen: string[] = [];
  oldGateway: 'not-found' | 'bare-405' | null = null;
  /** Answers bundles larger than this with a bare 413, as nginx's `client_max_body_size` would. */
  bodyLimit = Infinity;
  /** Answers every bundle with 503 (as a link that never gets a large request through would fail it). */
  failBundles = false;
  private readonly server: Server;

  constructor(private readonly target: URL) {
    this.server = createServer((req, res) => {
      const path = (req.url ?? '').split('?')[0]!;
      this.seen.push(`${req.method} ${path}`);
      if (path.endsWith('/bundle') && Number(req.headers['content-length']) > this.bodyLimit) {
        req.resume();
        return void res.writeHead(413).end();
      }
      if (this.failBundles && path.endsWith('/bundle')) {
        req.resume();
        return void res.writeHead(503, { 'retry-after': '0' }).end();
      }
      if (this.oldGateway && path.endsWith('/bundle')) {
        req.resume();
        if (this.oldGateway === 'bare-405') return void res.writeHead(405).end();
        res.writeHead(404, { 'content-type': 'application/json' });
        return void res.end(JSON.stringify({ error: { code: 'not-found', message: 'no such endpoint' } }));
      }
      const upstream = request(
        { host: this.target.hostname, port: this.target.port, path: req.url, method: req.method, headers: req.headers },
        (reply) => {
          res.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
    });
  }

  listen(): Promise<string> {
    return new Promise((resolve) =>
      this.server.listen(0, '127.0.0.1', () =>
        resolve(`http://127.0.0.1:${(this.server.address() as { port: number }).port}`),
      ),
    );
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Requests about one case (its push and its files), in order. */
  about(caseId: string): string[] {
    return this.seen.filter((r) => r.includes(`/v1/cases/${caseId}`) && !r.includes('/events'));
  }
}

let gw: TestGateway;
let app: TestApp;
let admin: string;
const proxies: CountingProxy[] = [];

beforeAll(async () => {
  gw = await startTestGateway();
  app = await testApp();
  admin = await initialised(app);
  await createUser(app, admin, 'clerk1', 'clerk');
  await app.call(CLERK, 'auth:login', { username: 'clerk1', password: 'Passw0rd!' }, 0);
}, 120_000);

afterAll(async () => {
  await app?.shutdown();
  for (const p of proxies) await p.close();
  await gw?.close();
});

/** Points the window's device at a fresh counting proxy (a fresh URL: the window has not met this "gateway" yet). */
async function throughProxy(windowCode: string): Promise<CountingProxy> {
  const proxy = new CountingProxy(new URL(gw.url));
  proxies.push(proxy);
  const url = await proxy.listen();
  const device = app.services.sync.repo.device();
  if (!device) {
    const { code } = await issueEnrolmentCode(gw.pool, windowCode, '500101', 1);
    await callOk(app, admin, 'sync:configure', { gatewayUrl: url, code });
    await app.services.sync.engine.stop();
  } else app.services.sync.repo.saveDevice({ ...device, gatewayUrl: url });
  return proxy;
}

/** A scan of `size` bytes, a PDF by its magic bytes. */
const scan = (size: number) => {
  const bytes = randomBytes(size);
  bytes.write('%PDF-1.7\n', 0, 'latin1');
  return bytes;
};

/** Accepts a case with one file per size (PHOTO, APPLY-FORM, ID-DOC in turn). */
async function acceptWithFiles(sizes: number[]): Promise<string> {
  const { caseId } = await callOk(app, CLERK, 'drafts:create', {});
  const codes = ['PHOTO', 'APPLY-FORM', 'ID-DOC'];
  for (const [i, size] of sizes.entries()) {
    const materialCode = codes[i]!;
    await callOk(app, CLERK, 'attachments:add', {
      caseId,
      materialCode,
      fileName: `${materialCode}.pdf`,
      dataBase64: scan(size).toString('base64'),
    });
  }
  await verifyApplicant(app, CLERK, caseId);
  await callOk(app, CLERK, 'intake:accept', { application: socialSecurityCardApplication(caseId) });
  return caseId;
}

const outboxStates = (caseId: string) =>
  (
    app.services.db.prepare('SELECT kind, state FROM outbox WHERE case_id = ? ORDER BY id').all(caseId) as {
      kind: string;
      state: string;
    }[]
  ).map((r) => `${r.kind}:${r.state}`);

async function atDepartment(caseId: string): Promise<{ complete: boolean; verified: number; slots: number }> {
  const { rows } = await gw.pool.query<{ complete: boolean; verified: number; slots: number }>(
    `SELECT c.complete_at IS NOT NULL AS complete,
       (SELECT count(verified_at)::int FROM attachment_slots s WHERE s.case_id = c.case_id) AS verified,
       (SELECT count(*)::int FROM attachment_slots s WHERE s.case_id = c.case_id) AS slots
     FROM cases c WHERE c.case_id = $1`,
    [caseId],
  );
  return rows[0]!;
}

describe('case bundle (window side)', () => {
  it('a case with three small files goes as exactly one request, and every outbox row is done', async () => {
    const proxy = await throughProxy('50010112');
    const caseId = await acceptWithFiles([70_000, 120_000, 300_000]);
    await app.services.sync.syncNow();
    expect(proxy.about(caseId)).toEqual([`PUT /v1/cases/${caseId}/bundle`]);
    expect(outboxStates(caseId)).toEqual(['case:done', 'attachment:done', 'attachment:done', 'attachment:done']);
    expect(await atDepartment(caseId)).toEqual({ complete: true, verified: 3, slots: 3 });
    const detail = await callOk(app, CLERK, 'cases:get', { caseId });
    expect(detail.syncState).toBe('delivered');
    expect(detail.departmentNo).toMatch(/^KSTB-500101-/);
  });

  it('a case with a 1.5 MB file goes the old way: the case PUT, then its files (resumably when large)', async () => {
    const proxy = await throughProxy('50010112');
    const caseId = await acceptWithFiles([80_000, 1_500_000]);
    await app.services.sync.syncNow();
    const sent = proxy.about(caseId);
    expect(sent[0]).toBe(`PUT /v1/cases/${caseId}`);
    expect(sent.some((r) => r.endsWith('/bundle'))).toBe(false);
    expect(sent.filter((r) => r.startsWith('PATCH')).length).toBe(2);
    expect(outboxStates(caseId)).toEqual(['case:done', 'attachment:done', 'attachment:done']);
    expect(await atDepartment(caseId)).toEqual({ complete: true, verified: 2, slots: 2 });
  });

  it.each(['not-found', 'bare-405'] as const)(
    'an older gateway without the route (%s): one extra request, then the old way for every case',
    async (answer) => {
      const proxy = await throughProxy('50010112');
      proxy.oldGateway = answer;
      const first = await acceptWithFiles([90_000]);
      const second = await acceptWithFiles([60_000, 60_000]);
      await app.services.sync.syncNow();
      const bundles = proxy.seen.filter((r) => r.endsWith('/bundle'));
      expect(bundles).toHaveLength(1);
      for (const caseId of [first, second]) {
        expect(proxy.about(caseId).filter((r) => !r.endsWith('/bundle'))[0]).toBe(`PUT /v1/cases/${caseId}`);
        expect(outboxStates(caseId).every((s) => s.endsWith(':done'))).toBe(true);
        const slots = caseId === first ? 1 : 2;
        expect(await atDepartment(caseId)).toEqual({ complete: true, verified: slots, slots });
      }
    },
  );

  it(`a case whose bundle failed ${BUNDLE_ATTEMPTS} times goes the old way, and arrives once`, async () => {
    const proxy = await throughProxy('50010112');
    proxy.failBundles = true;
    const caseId = await acceptWithFiles([100_000, 100_000]);
    for (let round = 0; round <= BUNDLE_ATTEMPTS; round++) {
      app.services.sync.repo.resetBackoff();
      await app.services.sync.syncNow();
    }
    const sent = proxy.about(caseId);
    expect(sent.filter((r) => r.endsWith('/bundle'))).toHaveLength(BUNDLE_ATTEMPTS);
    expect(sent.slice(BUNDLE_ATTEMPTS)).toEqual([
      `PUT /v1/cases/${caseId}`,
      ...sent.slice(BUNDLE_ATTEMPTS + 1).map(() => expect.stringMatching(/^PUT .*\/attachments\//)),
    ]);
    expect(outboxStates(caseId)).toEqual(['case:done', 'attachment:done', 'attachment:done']);
    expect(await atDepartment(caseId)).toEqual({ complete: true, verified: 2, slots: 2 });
  });

  it('a proxy’s body limit (bare 413): that case and larger ones go the old way, smaller ones still as bundles', async () => {
    const proxy = await throughProxy('50010112');
    proxy.bodyLimit = 600_000;
    const large = await acceptWithFiles([300_000, 300_000]);
    await app.services.sync.syncNow();
    const small = await acceptWithFiles([100_000]);
    const larger = await acceptWithFiles([400_000, 400_000]);
    await app.services.sync.syncNow();
    expect(proxy.about(large).slice(0, 2)).toEqual([`PUT /v1/cases/${large}/bundle`, `PUT /v1/cases/${large}`]);
    expect(proxy.about(small)).toEqual([`PUT /v1/cases/${small}/bundle`]);
    expect(proxy.about(larger)[0]).toBe(`PUT /v1/cases/${larger}`);
    for (const caseId of [large, small, larger]) {
      expect(outboxStates(caseId).every((s) => s.endsWith(':done'))).toBe(true);
      expect((await atDepartment(caseId)).complete).toBe(true);
    }
  });
});
