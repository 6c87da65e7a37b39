// The gateway's HTTP application: the signed /v1 sync API for windows and the /dept pages.
import Fastify, { type FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { BlobStore } from './attachments/blob-store';
import { registerAttachmentRoutes } from './attachments/routes';
import { requireDigestOfEmptyBody, signedRequestVerifier } from './auth/verify';
import { registerCatalogueRoutes } from './catalogue/routes';
import { registerCounterRoutes } from './cases/counters';
import { registerCaseRoutes } from './cases/routes';
import { registerCaseBundleRoute } from './cases/bundle-route';
import type { LoginPolicy } from './department/login-guard';
import { registerDepartmentRoutes } from './department/routes';
import { registerEnrolRoutes } from './devices/routes';
import { registerFeedRoutes } from './feed/routes';
import { registerRatingRoutes } from './ratings/routes';
import { ticketClock } from './tickets/clock';
import type { TicketClock } from './tickets/repo';
import { registerTicketRoutes } from './tickets/routes';
import type { DepartmentSealOptions } from './seal/department-signer';
import { registerDocumentReportRoute, registerVerifyRoutes } from './verify/routes';
import type { VerifyRateLimit } from './verify/rate-limit';
import { TableLicenceProvider, type LicenceProvider } from './licences/provider';
import { registerLicenceRoutes } from './licences/routes';
import { registerBodyParsers } from './http/body';
import { apiErrorHandler, errorBody, GatewayError } from './http/errors';
import { registerHealthRoutes } from './ops/health';
import { registerUpdateRoutes } from './updates/routes';
import { registerDeviceAudit } from './audit-trail/device-actions';
import { registerAuditOps } from './audit-trail/ops';
import { registerWitnessRoutes } from './audit-trail/witnesses';
import { registerCaseEventRoutes } from './audit-trail/case-events';
import { loggerOptions, type LogDestination } from './ops/logging';
import { createMetrics, registerMetrics, type GatewayMetrics } from './ops/metrics';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's Prometheus metrics (the blob store observes its latency into them). */
    metrics: GatewayMetrics;
  }
}

/** What the application needs. */
export interface AppOptions {
  pool: pg.Pool;
  /** Where attachments' bytes live (PostgreSQL or an S3-compatible store). */
  blobStore: BlobStore;
  /** HMAC key of feed cursors (see feed/epoch.ts). */
  cursorKey: Buffer;
  /** Access-log level (pino); 'silent' or absent = no log. */
  logLevel?: string;
  /** Where log lines go (default standard output). */
  logStream?: LogDestination;
  /** Metrics registry (created when absent). */
  metrics?: GatewayMetrics;
  /** Where the update feed's installers are when not in PostgreSQL (the S3 store's `updates/`); null/absent = PostgreSQL. */
  updateStore?: BlobStore | null;
  /** Mark cookies Secure (the gateway is served over HTTPS). */
  secureCookies?: boolean;
  /** The clock used for the `created` check; tests move it. */
  now?: () => number;
  /** Serve HTTPS directly with this key and certificate (PEM). */
  https?: { key: Buffer; cert: Buffer };
  /** Behind a TLS-terminating reverse proxy: believe its X-Forwarded-Proto/Host (for the Origin check). */
  trustProxy?: boolean | string;
  /** Throttle and lockout of the department login (defaults: DEFAULT_LOGIN_POLICY). */
  departmentLogin?: LoginPolicy;
  /** 问题处理 deadlines and clock (default: DEFAULT_TICKET_POLICY, the wall clock). */
  tickets?: TicketClock;
  /** The department seal that signs 网络送达 results (absent: results are stored as uploaded). */
  departmentSeal?: DepartmentSealOptions;
  /** Budget of the public 扫码核验 pages per client address (default 60 a minute). */
  verifyRateLimit?: VerifyRateLimit;
  /** Where 电子证照 come from (a province's 电子证照库); default: the `licences` table (licences/provider.ts). */
  licenceProvider?: LicenceProvider;
}

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  // Not no-referrer: under it Chromium sends `Origin: null` on form POSTs and the pages' same-origin check refuses them.
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/** Builds the application (not listening yet). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const tickets = opts.tickets ?? ticketClock();
  // requestTimeout bounds slow uploads (a 1 MiB chunk over a poor hall link takes seconds, not minutes).
  const logging =
    opts.logLevel && opts.logLevel !== 'silent' ? loggerOptions(opts.logLevel, opts.logStream) : { logger: false };
  const base = {
    ...logging,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
    requestTimeout: 120_000,
    trustProxy: opts.trustProxy ?? false,
  };
  // The HTTPS instance has a different server type parameter; routes only use what both have.
  const app = (opts.https ? Fastify({ ...base, https: opts.https }) : Fastify(base)) as unknown as FastifyInstance;
  const metrics = opts.metrics ?? createMetrics(opts.pool);
  app.decorate('metrics', metrics);
  registerMetrics(app, metrics);
  registerHealthRoutes(app, opts.pool, opts.blobStore);
  registerAuditOps(app, opts.pool, metrics.registry);
  app.decorateRequest('device', null);
  app.decorateRequest('digestChecked', false);
  app.decorateRequest('bodySha256', null);
  app.decorateRequest('pendingNonce', null);
  registerBodyParsers(app);
  app.addHook('onSend', async (request, reply) => {
    void reply.headers(SECURITY_HEADERS).header('x-request-id', request.id);
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/v1/')) return reply.code(404).send(errorBody('not-found', 'no such endpoint'));
    return reply.code(404).type('text/plain; charset=utf-8').send('404 没有这个页面');
  });

  await app.register(async (api) => {
    api.setErrorHandler(apiErrorHandler);
    registerEnrolRoutes(api, opts.pool);
    await api.register(async (signed) => {
      const verifySignature = signedRequestVerifier(opts.pool, opts.now);
      signed.addHook('onRequest', async (request) => {
        try {
          await verifySignature(request);
        } catch (err) {
          if (err instanceof GatewayError) metrics.signatureFailures.inc({ reason: err.code });
          throw err;
        }
      });
      signed.addHook('preValidation', requireDigestOfEmptyBody);
      registerCaseRoutes(signed, opts.pool);
      registerCaseBundleRoute(signed, opts.pool, opts.blobStore);
      registerCounterRoutes(signed, opts.pool);
      registerAttachmentRoutes(signed, opts.pool, opts.blobStore);
      registerRatingRoutes(signed, opts.pool);
      registerTicketRoutes(signed, opts.pool, tickets, opts.blobStore);
      registerDocumentReportRoute(signed, opts.pool);
      registerFeedRoutes(signed, opts.pool, opts.cursorKey);
      registerCatalogueRoutes(signed, opts.pool);
      registerWitnessRoutes(signed, opts.pool);
      registerCaseEventRoutes(signed, opts.pool);
      registerDeviceAudit(signed, opts.pool);
      registerLicenceRoutes(signed, opts.pool, opts.licenceProvider ?? new TableLicenceProvider(opts.pool));
    });
  });
  registerUpdateRoutes(app, opts.pool, opts.updateStore ?? null);
  await app.register(async (dept) =>
    registerDepartmentRoutes(
      dept,
      opts.pool,
      opts.secureCookies ?? false,
      opts.blobStore,
      opts.departmentLogin,
      tickets,
      opts.departmentSeal,
    ),
  );
  registerVerifyRoutes(app, opts.pool, opts.verifyRateLimit);
  app.get('/', (_request, reply) => reply.redirect('/dept/cases', 303));
  return app;
}
