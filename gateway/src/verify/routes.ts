// 扫码核验 and 网络送达 routes.
//
//   PUT  /v1/cases/{caseId}/documents/{printId}   signed: a window reports an issued document (Idempotency-Key = printId)
//   GET  /v1/cases/{caseId}/result                 signed: the result PDF a decision carried (网络送达)
//   GET  /v/{documentNo}                          public: the QR address; its script posts the fragment's token
//   POST /v/{documentNo}                          public: token → the verified page, 文书尚未上报, or 无法核验
//   POST /v/{documentNo}/check                    public: PDF bytes + x-verify-token → { genuine, message }
//   POST /v/{documentNo}/result                   public: token + 取件码 → the result PDF (each attempt logged)
//
// The public routes are rate-limited per client address and answer every failure with the same page.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { DOCUMENT_NO, documentManifestSchema } from '@tongban/protocol/sync/documents';
import { DEPARTMENT_DOCUMENT_KINDS } from '@tongban/protocol/sync/department-documents';
import { isVerifyToken } from '@tongban/protocol/verify/url';
import { deviceOf } from '../cases/routes';
import { GatewayError, zodFields } from '../http/errors';
import { VERIFY_CSS, VERIFY_JS } from './assets';
import { cannotVerifyPage, notYetReportedPage, tokenPage, tooManyPage, verifiedPage } from './page';
import { DEFAULT_VERIFY_RATE_LIMIT, RateLimiter, type VerifyRateLimit } from './rate-limit';
import { fetchResult, findVerifiedDocument, signedByWindow, storeDocument } from './repo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The largest PDF the check accepts. */
export const MAX_CHECK_BYTES = 20 * 1024 * 1024;

/** Registers the signed report route (inside the signed scope). */
export function registerDocumentReportRoute(app: FastifyInstance, pool: pg.Pool): void {
  app.put<{ Params: { caseId: string; printId: string } }>(
    '/v1/cases/:caseId/documents/:printId',
    async (request, reply) => {
      const device = deviceOf(request);
      const { caseId, printId } = request.params;
      if (!UUID.test(caseId) || !UUID.test(printId))
        throw new GatewayError('invalid-request', 'ids in the path must be lower-case UUIDs');
      if (request.headers['idempotency-key'] !== printId)
        throw new GatewayError('idempotency-key-mismatch', 'Idempotency-Key must be the last id in the path');
      const parsed = documentManifestSchema.safeParse(request.body);
      if (!parsed.success)
        throw new GatewayError('invalid-manifest', 'invalid document manifest', zodFields(parsed.error));
      if (parsed.data.caseId !== caseId || parsed.data.printId !== printId)
        throw new GatewayError('invalid-manifest', 'ids differ from the path', [
          { path: 'printId', code: 'path-mismatch' },
        ]);
      const stored = await storeDocument(pool, parsed.data, device);
      return reply.code(stored.created ? 201 : 200).send(stored.answer);
    },
  );

  // 网络送达: the window fetches the result a decision's status event announced (details.result), to print it.
  // ?document=<kind> fetches one of the 办理地 department's own documents (details.documents) the same way.
  app.get<{ Params: { caseId: string }; Querystring: { document?: string } }>(
    '/v1/cases/:caseId/result',
    async (request, reply) => {
      const device = deviceOf(request);
      const { caseId } = request.params;
      const document = request.query.document;
      if (!UUID.test(caseId)) throw new GatewayError('invalid-request', 'ids in the path must be lower-case UUIDs');
      if (document !== undefined && !(DEPARTMENT_DOCUMENT_KINDS as readonly string[]).includes(document))
        throw new GatewayError('invalid-request', 'document must be one of ' + DEPARTMENT_DOCUMENT_KINDS.join(', '));
      const { rows } = await pool.query<{ pdf: Buffer; sha256: string; district: string }>(
        document === undefined
          ? 'SELECT r.pdf, r.sha256, c.district FROM case_results r JOIN cases c USING (case_id) WHERE r.case_id = $1 AND r.pdf IS NOT NULL'
          : 'SELECT d.pdf, d.sha256, c.district FROM department_documents d JOIN cases c USING (case_id) WHERE d.case_id = $1 AND d.kind = $2 AND d.pdf IS NOT NULL',
        document === undefined ? [caseId] : [caseId, document],
      );
      const row = rows[0];
      if (!row || row.district !== device.district) throw new GatewayError('not-found', 'no result for this case');
      return reply.type('application/pdf').header('x-content-sha256', row.sha256).send(row.pdf);
    },
  );
}

const page = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

/** A client's address as stored in the fetch log: a short hash, not the address itself. */
const clientTag = (request: FastifyRequest) => createHash('sha256').update(request.ip).digest('hex').slice(0, 16);

/** Registers the public pages. */
export function registerVerifyRoutes(
  app: FastifyInstance,
  pool: pg.Pool,
  limit: VerifyRateLimit = DEFAULT_VERIFY_RATE_LIMIT,
): void {
  const limiter = new RateLimiter(limit);
  app.get('/v/verify.css', (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(VERIFY_CSS),
  );
  app.get('/v/verify.js', (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=3600').send(VERIFY_JS),
  );

  /** Applies the budget; false when the request was answered with 429. */
  const admitted = (request: FastifyRequest, reply: FastifyReply): boolean => {
    const r = limiter.take(request.ip);
    if (r.ok) return true;
    void page(reply.header('retry-after', String(r.retryAfterSeconds)), 429, tooManyPage());
    return false;
  };
  const tokenOf = (request: FastifyRequest): string => {
    const body = request.body;
    if (body instanceof URLSearchParams) return body.get('token') ?? '';
    const header = request.headers['x-verify-token'];
    return typeof header === 'string' ? header : '';
  };
  /** The verified document, or null (one answer for wrong token and unknown number). */
  const lookup = async (documentNo: string, token: string) =>
    DOCUMENT_NO.test(documentNo) && isVerifyToken(token) ? findVerifiedDocument(pool, documentNo, token) : null;

  app.get<{ Params: { no: string } }>('/v/:no', async (request, reply) => {
    if (!admitted(request, reply)) return reply;
    const no = request.params.no;
    return DOCUMENT_NO.test(no) ? page(reply, 200, tokenPage(no)) : page(reply, 404, cannotVerifyPage());
  });

  app.post<{ Params: { no: string } }>('/v/:no', async (request, reply) => {
    if (!admitted(request, reply)) return reply;
    const no = request.params.no;
    const token = tokenOf(request);
    const doc = await lookup(no, token);
    if (doc) return page(reply, 200, verifiedPage(doc, token));
    if (DOCUMENT_NO.test(no) && (await signedByWindow(pool, no, token)))
      return page(reply, 200, notYetReportedPage(no));
    return page(reply, 404, cannotVerifyPage());
  });

  app.post<{ Params: { no: string } }>('/v/:no/check', { bodyLimit: MAX_CHECK_BYTES }, async (request, reply) => {
    if (!admitted(request, reply)) return reply;
    const doc = await lookup(request.params.no, tokenOf(request));
    const bytes = Buffer.isBuffer(request.body) ? request.body : null;
    if (!doc || !bytes) return reply.code(404).send({ genuine: false, message: '无法核验' });
    const hash = createHash('sha256').update(bytes).digest('hex');
    const genuine = doc.pdfSha256.includes(hash);
    return reply.send({
      genuine,
      sha256: hash,
      message: genuine
        ? '一致：该 PDF 与窗口出具的电子文件完全相同，未经改动。'
        : '不一致：该 PDF 不是窗口出具的原文件，或已被改动。',
    });
  });

  app.post<{ Params: { no: string } }>('/v/:no/result', async (request, reply) => {
    if (!admitted(request, reply)) return reply;
    const token = tokenOf(request);
    const doc = await lookup(request.params.no, token);
    if (!doc || !doc.pickupEnabled) return page(reply, 404, cannotVerifyPage());
    const code = request.body instanceof URLSearchParams ? (request.body.get('code') ?? '').trim() : '';
    const outcome = /^\d{8}$/.test(code)
      ? await fetchResult(pool, doc, code, clientTag(request))
      : ({ kind: 'wrong-code' } as const);
    switch (outcome.kind) {
      case 'ok':
        return reply
          .header('cache-control', 'no-store')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(outcome.fileName)}`)
          .type('application/pdf')
          .send(outcome.pdf);
      case 'not-ready':
        return page(reply, 409, verifiedPage(doc, token, '办理结果尚未出具，请稍后再试。'));
      case 'purged':
        return page(reply, 410, verifiedPage(doc, token, '办理结果文件已超过保存期限并已删除，请联系办理地部门。'));
      case 'locked':
        return page(reply, 429, verifiedPage(doc, token, '取件码错误次数过多，请一小时后再试。'));
      case 'wrong-code':
        return page(reply, 403, verifiedPage(doc, token, '取件码不正确，请核对收件凭证上的 8 位取件码。'));
    }
  });
}
