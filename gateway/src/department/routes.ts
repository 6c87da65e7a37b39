// Department pages under /dept: login, case list, case page, attachment view, actions.
import { trailCsv } from '../audit-trail/case-trail';
import { readFileSync } from 'node:fs';
import { STYLE_FILE } from '../paths';
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { CASE_STATUSES, type CaseStatus } from '@tongban/protocol/sync/status';
import type { BlobStore } from '../attachments/blob-store';
import { ActionRefused, isDepartmentAction, performAction } from './actions';
import { findSignature } from './signature-section';
import { findFaceMatch } from './face-match-section';
import { casePage, type IdHolder } from './case-page';
import { audit } from '../audit';
import { pageGate } from '../supervision/accounts';
import { registerSupervisionRoutes } from '../supervision/routes';
import { caseForTrailExport, registerTrailRoutes } from '../audit-trail/routes';
import { caseListPage, loginPage, messagePage } from './pages';
import { attemptLogin, DEFAULT_LOGIN_POLICY, type LoginPolicy } from './login-guard';
import { findDownloadableSlot, getCase, listCompleteCases } from './repo';
import { ticketClock } from '../tickets/clock';
import { ticketReminders } from '../tickets/department-section';
import { caseDeadlines, deadlineReminders } from './deadline-reminders';
import { html } from './html';
import { departmentTickets, registerTicketPages } from '../tickets/department-routes';
import { TICKET_FILES_JS } from '../tickets/department-section';
import type { TicketClock } from '../tickets/repo';
import type { DepartmentSealOptions } from '../seal/department-signer';
import { registerResultRoutes, RESULT_JS } from '../verify/department-result';
import { registerDocumentRoutes } from './documents-section';
import {
  createSession,
  destroySession,
  findSession,
  LOGIN_COOKIE,
  randomToken,
  readCookie,
  sameToken,
  SESSION_COOKIE,
  setCookie,
  type ReviewerSession,
} from './sessions';

const STYLE = readFileSync(STYLE_FILE, 'utf8');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

declare module 'fastify' {
  interface FastifyRequest {
    reviewer: ReviewerSession | null;
  }
}

const formOf = (request: FastifyRequest) =>
  request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
const sendPage = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').send(body);

/** The CSRF token of a script's upload (a PDF body has no form fields). */
const csrfHeader = (request: FastifyRequest): string | null => {
  const h = request.headers['x-csrf-token'];
  return typeof h === 'string' ? h : null;
};

/** A POST from another origin is refused even before the CSRF token is looked at. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  return origin === undefined || origin === `${request.protocol}://${request.host}`;
}

/** Registers the department pages; `secureCookies` adds Secure to cookies (behind HTTPS). */
export function registerDepartmentRoutes(
  app: FastifyInstance,
  pool: pg.Pool,
  secureCookies: boolean,
  store: BlobStore,
  loginPolicy: LoginPolicy = DEFAULT_LOGIN_POLICY,
  tickets: TicketClock = ticketClock(),
  seal?: DepartmentSealOptions,
): void {
  app.decorateRequest('reviewer', null);
  app.get('/dept/style.css', (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'max-age=3600').send(STYLE),
  );
  app.get('/dept', (_req, reply) => reply.redirect('/dept/cases', 303));
  app.get('/dept/result.js', (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'max-age=3600')
      .send(RESULT_JS + TICKET_FILES_JS),
  );

  app.get('/dept/login', async (request, reply) => {
    const csrf = readCookie(request, LOGIN_COOKIE) ?? randomToken();
    setCookie(reply, LOGIN_COOKIE, csrf, 3600, secureCookies);
    return sendPage(reply, 200, loginPage(csrf, null));
  });

  app.post('/dept/login', async (request, reply) => {
    const form = formOf(request);
    const csrf = readCookie(request, LOGIN_COOKIE);
    if (!sameOrigin(request) || !sameToken(csrf, form.get('_csrf'))) {
      const fresh = randomToken();
      setCookie(reply, LOGIN_COOKIE, fresh, 3600, secureCookies);
      return sendPage(reply, 403, loginPage(fresh, '页面已过期，请重新登录'));
    }
    const username = (form.get('username') ?? '').trim().slice(0, 200);
    const outcome = await attemptLogin(pool, loginPolicy, request.ip, username, form.get('password') ?? '');
    if (outcome.kind === 'throttled') {
      reply.header('retry-after', String(outcome.retryAfterSeconds));
      return sendPage(
        reply,
        429,
        loginPage(csrf as string, `登录尝试过于频繁，请 ${outcome.retryAfterSeconds} 秒后再试`),
      );
    }
    if (outcome.kind === 'locked') {
      const minutes = Math.max(1, Math.ceil((outcome.until.getTime() - Date.now()) / 60_000));
      return sendPage(
        reply,
        423,
        loginPage(csrf as string, `密码错误次数过多，账号已锁定，请约 ${minutes} 分钟后再试或联系管理员`),
      );
    }
    if (outcome.kind === 'invalid') return sendPage(reply, 401, loginPage(csrf as string, '用户名或密码不正确'));
    setCookie(reply, SESSION_COOKIE, await createSession(pool, outcome.reviewerId), 8 * 3600, secureCookies);
    setCookie(reply, LOGIN_COOKIE, '', 0, secureCookies);
    return reply.redirect('/dept/cases', 303);
  });

  app.register(async (scope) => {
    scope.setErrorHandler((err, request, reply) => {
      const status = (err as { statusCode?: number }).statusCode ?? 500;
      if (status >= 500) request.log.error({ err }, 'department page failed');
      return sendPage(
        reply,
        status >= 400 ? status : 500,
        messagePage('出错了', status === 413 ? '提交的内容过长。' : '操作没有完成，请稍后重试。'),
      );
    });
    scope.addHook('preHandler', async (request, reply) => {
      request.reviewer = await findSession(pool, readCookie(request, SESSION_COOKIE));
      if (!request.reviewer) {
        if (request.method === 'GET') return reply.redirect(`/dept/login`, 303);
        return sendPage(reply, 401, messagePage('请先登录', '登录已失效，请重新登录。'));
      }
      if (
        request.method === 'POST' &&
        (!sameOrigin(request) ||
          !sameToken(request.reviewer.csrfToken, formOf(request).get('_csrf') ?? csrfHeader(request)))
      ) {
        return sendPage(reply, 403, messagePage('请求无效', '页面已过期，请刷新后重试。', request.reviewer));
      }
      const gate = pageGate(request.reviewer, request.url);
      if (gate === 'elsewhere' && request.method === 'GET') return reply.redirect('/dept/supervision', 303);
      if (gate !== 'ok')
        return sendPage(reply, 403, messagePage('无权访问', '此页面不属于您的账号角色。', request.reviewer));
    });
    registerSupervisionRoutes(scope, pool);
    registerTrailRoutes(scope, pool);

    scope.post('/dept/logout', async (request, reply) => {
      await destroySession(pool, readCookie(request, SESSION_COOKIE));
      setCookie(reply, SESSION_COOKIE, '', 0, secureCookies);
      return reply.redirect('/dept/login', 303);
    });

    scope.get<{ Querystring: { status?: string } }>('/dept/cases', async (request, reply) => {
      const user = request.reviewer as ReviewerSession;
      const wanted = request.query.status;
      const status = CASE_STATUSES.includes(wanted as CaseStatus) ? (wanted as CaseStatus) : null;
      const reminders = html`${ticketReminders(await departmentTickets(pool, tickets, user.departmentId))}${deadlineReminders(await caseDeadlines(pool, user.departmentId))}`;
      return sendPage(
        reply,
        200,
        caseListPage(await listCompleteCases(pool, user.departmentId, status), status, user, reminders),
      );
    });

    scope.get<{ Params: { caseId: string } }>('/dept/cases/:caseId', async (request, reply) => {
      const user = request.reviewer as ReviewerSession;
      const view = UUID.test(request.params.caseId)
        ? await getCase(pool, request.params.caseId, user.departmentId)
        : null;
      if (!view)
        return sendPage(
          reply,
          404,
          messagePage('没有这个案件', '案件不存在、不属于本部门，或材料尚未上传齐全。', user),
        );
      await audit(pool, {
        actor: user.username,
        action: 'dept.case-viewed',
        target: `case:${view.caseId}`,
        details: { reviewerId: user.reviewerId, departmentId: user.departmentId },
      });
      return sendPage(reply, 200, casePage(view, user, null));
    });

    // 全程记录 as CSV: the case page's history of both sides, for the file of a dispute.
    scope.get<{ Params: { caseId: string } }>('/dept/cases/:caseId/trail.csv', async (request, reply) => {
      const view = await caseForTrailExport(pool, request, reply, 'dept.trail-exported');
      if (!view) return reply;
      return reply
        .type('text/csv; charset=utf-8')
        .headers({
          'content-disposition': `attachment; filename="trail-${view.departmentNo}.csv"`,
          'cache-control': 'private, no-store',
        })
        .send(trailCsv(view.manifest.receiptNo, view.trail));
    });

    // 显示完整号码: the one place the full ID number leaves the gateway, once per click, audited.
    scope.post<{ Params: { caseId: string } }>('/dept/cases/:caseId/reveal-id', async (request, reply) => {
      const user = request.reviewer as ReviewerSession;
      const who = formOf(request).get('person');
      const view = UUID.test(request.params.caseId)
        ? await getCase(pool, request.params.caseId, user.departmentId)
        : null;
      if (!view || (who !== 'applicant' && who !== 'agent') || (who === 'agent' && !view.manifest.agent))
        return sendPage(reply, 404, messagePage('没有这个案件', '案件不存在或不属于本部门。', user));
      if (view.purgedAt)
        return sendPage(reply, 200, casePage(view, user, '本案件个人信息已按保存期限脱敏，无法显示完整号码。'));
      await audit(pool, {
        actor: user.username,
        action: 'dept.id-revealed',
        target: `case:${view.caseId}`,
        details: { reviewerId: user.reviewerId, departmentId: user.departmentId, person: who },
      });
      return sendPage(
        reply.header('cache-control', 'no-store'),
        200,
        casePage(view, user, null, new Set<IdHolder>([who])),
      );
    });

    scope.get<{ Params: { caseId: string; attachmentId: string } }>(
      '/dept/cases/:caseId/attachments/:attachmentId',
      async (request, reply) => {
        const user = request.reviewer as ReviewerSession;
        const { caseId, attachmentId } = request.params;
        const slot =
          UUID.test(caseId) && UUID.test(attachmentId)
            ? await findDownloadableSlot(pool, caseId, attachmentId, user.departmentId)
            : null;
        const bytes = slot ? await store.stream(slot.sha256) : null;
        if (!slot || !bytes)
          return sendPage(reply, 404, messagePage('没有这个材料', '材料不存在或尚未上传完成。', user));
        return reply
          .type(slot.mediaType)
          .headers({
            'content-length': String(slot.size),
            'content-disposition': 'inline',
            'cache-control': 'private, no-store',
          })
          .send(Readable.from(bytes));
      },
    );

    // 电子签名 image: from the stored manifest (the page's CSP allows same-origin images only).
    scope.get<{ Params: { caseId: string; signatureId: string } }>(
      '/dept/cases/:caseId/signatures/:signatureId',
      async (request, reply) => {
        const user = request.reviewer as ReviewerSession;
        const { caseId, signatureId } = request.params;
        const view = UUID.test(caseId) ? await getCase(pool, caseId, user.departmentId) : null;
        const signature = view && !view.purgedAt ? findSignature(view.manifest, signatureId) : null;
        if (!signature)
          return sendPage(reply, 404, messagePage('没有这个签名', '签名不存在或已按保存期限清除。', user));
        return reply
          .type('image/png')
          .headers({ 'content-disposition': 'inline', 'cache-control': 'private, no-store' })
          .send(Buffer.from(signature.png, 'base64'));
      },
    );
    registerResultRoutes(scope, pool, seal);
    registerDocumentRoutes(scope, pool);

    // 人证比对 frame: from the stored manifest, same origin, this department's cases only (decision 0154).
    scope.get<{ Params: { caseId: string; role: string } }>(
      '/dept/cases/:caseId/face-matches/:role',
      async (request, reply) => {
        const user = request.reviewer as ReviewerSession;
        const { caseId, role } = request.params;
        const view = UUID.test(caseId) ? await getCase(pool, caseId, user.departmentId) : null;
        const face = view && !view.purgedAt ? findFaceMatch(view.manifest, role) : null;
        if (!face?.frame)
          return sendPage(reply, 404, messagePage('没有这张人像', '人像不存在或已按保存期限清除。', user));
        return reply
          .type(face.frameMediaType)
          .headers({ 'content-disposition': 'inline', 'cache-control': 'private, no-store' })
          .send(Buffer.from(face.frame, 'base64'));
      },
    );

    scope.post<{ Params: { caseId: string; action: string } }>(
      '/dept/cases/:caseId/actions/:action',
      async (request, reply) => {
        const user = request.reviewer as ReviewerSession;
        const { caseId, action } = request.params;
        if (!UUID.test(caseId) || !isDepartmentAction(action))
          return sendPage(reply, 404, messagePage('没有这个操作', '请返回案件页面。', user));
        try {
          await performAction(pool, user, caseId, action, formOf(request), seal);
          return reply.redirect(`/dept/cases/${caseId}`, 303);
        } catch (err) {
          if (!(err instanceof ActionRefused)) throw err;
          const view = await getCase(pool, caseId, user.departmentId);
          if (!view) return sendPage(reply, 404, messagePage('没有这个案件', err.message, user));
          return sendPage(reply, err.status, casePage(view, user, err.message));
        }
      },
    );
    registerTicketPages(scope, pool, tickets, store);
  });
}
