// Observability as an operator meets it: health and readiness probes, a Prometheus scrape, and JSON access
// logs with request ids in which a pushed citizen's ID number never appears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../db/embedded';
import { startGateway } from '../server';
import { testManifest } from '../testing/fixtures';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { s3Config, startTestS3, type TestS3 } from '../testing/s3';

const ID_NUMBER = '500101199003070014'; // in testManifest's applicant
const lines: string[] = [];
let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ logLevel: 'info', logStream: { write: (line) => void lines.push(line) } });
});
afterAll(() => gw?.close());

const get = async (path: string) => {
  const res = await fetch(`${gw.url}${path}`);
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
};

describe('health, readiness, metrics and access logs', () => {
  it('/healthz and /readyz answer 200 with the checks named', async () => {
    expect((await get('/healthz')).status).toBe(200);
    const ready = await get('/readyz');
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.text)).toMatchObject({
      status: 'ready',
      checks: { database: { ok: true }, migrations: { ok: true }, blobStore: { ok: true } },
    });
  });

  it('starts with the blob store down: /healthz 200, /readyz 503 naming it, ready once the store answers', async () => {
    const port = await freePort();
    const config = s3Config(`http://127.0.0.1:${port}`);
    const other = await startGateway({ databaseUrl: gw.db.url, poolSize: 2, blobStore: config });
    let s3: TestS3 | null = null;
    try {
      expect((await fetch(`${other.url}/healthz`)).status).toBe(200);
      const res = await fetch(`${other.url}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { checks: Record<string, { ok: boolean; detail?: string }> };
      expect(body.checks.database?.ok).toBe(true);
      expect(body.checks.blobStore?.ok).toBe(false);
      s3 = await startTestS3('tongban-attachments', port);
      expect((await fetch(`${other.url}/readyz`)).status).toBe(200);
    } finally {
      await other.close();
      await s3?.stop();
    }
  });

  it('counts requests, pushes, feed reads and signature failures; logs JSON with request ids and no ID number', async () => {
    const device = await gw.device('510000');
    const manifest = testManifest('510000');
    expect(JSON.stringify(manifest)).toContain(ID_NUMBER);
    expect((await device.putCase(manifest)).status).toBe(201);
    expect((await device.putCase(manifest)).status).toBe(200);
    // refused pushes that carry the number: a bad manifest, and the number in a department search query
    const bad = { ...manifest, caseId: testManifest('510000').caseId, localityDivision: 'x' };
    expect((await device.putCase(bad)).status).toBe(400);
    await fetch(`${gw.url}/dept/cases?q=${ID_NUMBER}`, { redirect: 'manual' });
    expect((await device.feed(null)).status).toBe(200);
    const unsigned = await fetch(`${gw.url}/v1/cases/${manifest.caseId}`, { method: 'PUT', body: '{}' });
    expect(unsigned.status).toBe(401);

    const scrape = await get('/metrics');
    expect(scrape.status).toBe(200);
    expect(scrape.type).toContain('text/plain');
    const m = scrape.text;
    expect(m).toContain('tongban_http_requests_total{method="PUT",route="/v1/cases/:caseId",status="201"} 1');
    expect(m).toContain(
      'tongban_http_request_duration_seconds_bucket{le="+Inf",method="PUT",route="/v1/cases/:caseId"',
    );
    expect(m).toContain('tongban_pushes_total{kind="case",outcome="stored"} 1');
    expect(m).toContain('tongban_pushes_total{kind="case",outcome="replay"} 1');
    expect(m).toContain('tongban_pushes_total{kind="case",outcome="refused"} 2'); // bad manifest, unsigned
    expect(m).toContain('tongban_feed_reads_total{outcome="ok"} 1');
    expect(m).toContain('tongban_signature_failures_total{reason="signature-missing"} 1');
    expect(m).toMatch(/tongban_db_pool_connections \d+/);
    expect(m).toContain('# TYPE tongban_blob_store_duration_seconds histogram');
    // the store's pings (at start and by /readyz) reach the histogram through observeBlobStore
    expect(m).toMatch(/tongban_blob_store_duration_seconds_count\{op="ping",store="postgres",outcome="ok"\} [2-9]/);

    await new Promise((r) => setTimeout(r, 50));
    const log = lines.join('');
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // One line per request, when it completes, with the request's fields and its status.
    const completed = entries.filter((e) => e.msg === 'request completed');
    expect(completed.length).toBeGreaterThan(6);
    expect(entries.filter((e) => e.msg === 'incoming request')).toHaveLength(0);
    expect(completed.some((e) => (e.res as { statusCode: number }).statusCode === 201)).toBe(true);
    for (const e of completed) {
      expect(e.reqId).toMatch(/^[0-9a-f-]{36}$/);
      expect((e.req as { method?: string }).method).toMatch(/^(GET|PUT|POST)$/);
    }
    expect(new Set(completed.map((e) => e.reqId)).size).toBe(completed.length);
    expect(entries.some((e) => (e.req as { path?: string } | undefined)?.path === '/dept/cases')).toBe(true);
    expect(log).not.toContain(ID_NUMBER);
    expect(log).not.toContain(manifest.applicant.name);
    expect(log.toLowerCase()).not.toContain('signature-input');
  });
});
