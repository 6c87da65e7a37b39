// Prometheus metrics (prom-client), one registry per gateway app so several apps in one process (tests)
// do not share counters. Scraped at GET /metrics.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The gateway's metrics; the blob store observes into `blobStoreSeconds`. */
export interface GatewayMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  requestSeconds: Histogram<'method' | 'route' | 'status'>;
  signatureFailures: Counter<'reason'>;
  pushes: Counter<'kind' | 'outcome'>;
  feedReads: Counter<'outcome'>;
  /** Latency of blob-store operations (`op`: put, get, head, delete, ping; `store`: postgres, s3). */
  blobStoreSeconds: Histogram<'op' | 'store' | 'outcome'>;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** Creates the registry and its metrics; `pool` feeds the pool gauges at scrape time. */
export function createMetrics(pool?: pg.Pool): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'tongban_gateway_' });
  const registers = [registry];
  if (pool) {
    const gauge = (name: string, help: string, read: (p: pg.Pool) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read(pool));
        },
      });
    gauge('tongban_db_pool_connections', 'PostgreSQL connections open in the pool', (p) => p.totalCount);
    gauge('tongban_db_pool_idle', 'PostgreSQL connections idle in the pool', (p) => p.idleCount);
    gauge('tongban_db_pool_waiting', 'Queries waiting for a pool connection', (p) => p.waitingCount);
  }
  return {
    registry,
    requests: new Counter({
      name: 'tongban_http_requests_total',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    requestSeconds: new Histogram({
      name: 'tongban_http_request_duration_seconds',
      help: 'HTTP request latency by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    signatureFailures: new Counter({
      name: 'tongban_signature_failures_total',
      help: 'Signed requests refused, by reason (the error code)',
      labelNames: ['reason'],
      registers,
    }),
    pushes: new Counter({
      name: 'tongban_pushes_total',
      help: 'Pushes from windows by kind (case, supplement, attachment, chunk, rating) and outcome (stored, replay, refused)',
      labelNames: ['kind', 'outcome'],
      registers,
    }),
    feedReads: new Counter({
      name: 'tongban_feed_reads_total',
      help: 'Status feed pages read by windows, by outcome',
      labelNames: ['outcome'],
      registers,
    }),
    blobStoreSeconds: new Histogram({
      name: 'tongban_blob_store_duration_seconds',
      help: 'Blob store operation latency by operation, store kind and outcome',
      labelNames: ['op', 'store', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
  };
}

/** The kind of push a signed route is, or null (route patterns as registered in cases/, attachments/, ratings/). */
function pushKind(method: string, route: string): string | null {
  if (method !== 'PUT' && method !== 'POST' && method !== 'PATCH') return null;
  if (/^\/v1\/cases\/:[^/]+$/.test(route)) return 'case';
  if (/^\/v1\/cases\/:[^/]+\/bundle$/.test(route)) return 'bundle';
  if (route.includes('/supplements/')) return 'supplement';
  if (route.includes('/attachments/')) return 'attachment';
  if (route.includes('/ratings/') || route.includes('/follow-ups/')) return 'record';
  return null;
}

/** Counts every response (rate, latency, pushes, feed reads) and serves GET /metrics. */
export function registerMetrics(app: FastifyInstance, metrics: GatewayMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    metrics.requests.inc(labels);
    metrics.requestSeconds.observe(labels, reply.elapsedTime / 1000);
    const kind = pushKind(request.method, route);
    const outcome = reply.statusCode === 201 ? 'stored' : reply.statusCode < 300 ? 'replay' : 'refused';
    if (kind) metrics.pushes.inc({ kind, outcome });
    if (route === '/v1/status-events') metrics.feedReads.inc({ outcome: reply.statusCode < 300 ? 'ok' : 'refused' });
  });
  app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
