// The department's 问题处理 routes, registered inside the department scope (session and CSRF checked there):
//   GET  /dept/tickets                       the department's tickets with reminders
//   POST /dept/cases/{caseId}/tickets        open a ticket to the window (category, body)
//   POST /dept/tickets/{ticketId}/messages   answer / add to a ticket (body)
//   POST /dept/tickets/{ticketId}/attachments  attach a file (octet-stream body, X-File-Name; JSON answer)
//   POST /dept/tickets/{ticketId}/close      close a ticket the department opened (reason)
//   POST /dept/supervision/tickets/{ticketId}/close   a supervisor closes any ticket in scope (reason)
//   POST /dept/cases/{caseId}/originals      confirm receipt of the mailed originals (condition, note)
// Bad input re-shows the case page with a Chinese message and changes nothing.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { CaseManifest } from '@tongban/protocol/sync/manifest';
import { deadlineState } from '@tongban/protocol/calendar/deadlines';
import {
  TICKET_ATTACHMENT_MAX_BYTES,
  TICKET_CATEGORIES,
  TICKET_TEXT_MAX,
  type TicketCategory,
} from '@tongban/protocol/sync/tickets';
import type { BlobStore } from '../attachments/blob-store';
import { withTransaction } from '../db/pool';
import { attachDepartmentFile, type AttachRefusal } from './attachments';
import { casePage } from '../department/case-page';
import { messagePage } from '../department/pages';
import { getCase } from '../department/repo';
import type { ReviewerSession } from '../department/sessions';
import { confirmOriginals } from './originals';
import { scopedDistricts } from '../supervision/accounts';
import { answerDepartmentTicket, closeTicket, openDepartmentTicket, ticketStates, type TicketClock } from './repo';
import { ticketListPage, type TicketListRow } from './department-section';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const formOf = (request: FastifyRequest) =>
  request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
const sendPage = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').send(body);

/** The department's tickets, open ones first (at most 500), with where each deadline stands. */
export async function departmentTickets(
  pool: pg.Pool,
  clock: TicketClock,
  departmentId: string,
): Promise<TicketListRow[]> {
  const { rows } = await pool.query<{ ticket_id: string; manifest: CaseManifest }>(
    `SELECT t.ticket_id, c.manifest FROM case_tickets t JOIN cases c USING (case_id)
     WHERE t.department_id = $1 ORDER BY (t.status = 'open') DESC, t.due_at LIMIT 500`,
    [departmentId],
  );
  const states = await ticketStates(
    pool,
    rows.map((r) => r.ticket_id),
  );
  const now = clock.now();
  return states.map((ticket, i) => ({
    ticket,
    receiptNo: rows[i]?.manifest.receiptNo ?? '',
    matterName: rows[i]?.manifest.matterName ?? '',
    state: ticket.status === 'open' ? deadlineState(ticket.dueAt, now, clock.calendar) : 'done',
  }));
}

const REFUSAL_ZH: Record<AttachRefusal, [number, string]> = {
  'not-found': [404, '问题单不存在或不属于本部门'],
  closed: [409, '问题单已关闭，不能再添加附件'],
  empty: [400, '请选择文件'],
  'too-large': [400, '附件不能超过 8 MB'],
  type: [400, '附件须为 JPG、PNG 或 PDF 文件（按文件内容判断）'],
  'too-many': [409, '本问题单的附件已达上限'],
};

/** Registers the routes in the department scope. */
export function registerTicketPages(scope: FastifyInstance, pool: pg.Pool, clock: TicketClock, store: BlobStore): void {
  /** The case of one of this department's tickets (undefined: no such ticket here). */
  const ticketCase = async (ticketId: string, departmentId: string): Promise<string | undefined> => {
    if (!UUID.test(ticketId)) return undefined;
    const { rows } = await pool.query<{ case_id: string }>(
      'SELECT case_id FROM case_tickets WHERE ticket_id = $1 AND department_id = $2',
      [ticketId, departmentId],
    );
    return rows[0]?.case_id;
  };
  scope.post<{ Params: { ticketId: string } }>(
    '/dept/tickets/:ticketId/attachments',
    { bodyLimit: TICKET_ATTACHMENT_MAX_BYTES + 1024 },
    async (request, reply) => {
      const user = request.reviewer as ReviewerSession;
      const { ticketId } = request.params;
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const named = decodeURIComponent(String(request.headers['x-file-name'] ?? '')).replace(/[\\/:*?"<>|\r\n]/g, '');
      const done = UUID.test(ticketId)
        ? await attachDepartmentFile(pool, store, {
            ticketId,
            departmentId: user.departmentId,
            username: user.username,
            fileName: (named || '附件').slice(-100),
            bytes,
          })
        : ({ ok: false, refusal: 'not-found' } as const);
      if (!done.ok) {
        const [status, message] = REFUSAL_ZH[done.refusal];
        return reply.code(status).send({ ok: false, message });
      }
      return reply.send({ ok: true, attachmentId: done.attachmentId });
    },
  );

  const refuse = async (
    reply: FastifyReply,
    user: ReviewerSession,
    caseId: string,
    status: number,
    message: string,
  ) => {
    const view = UUID.test(caseId) ? await getCase(pool, caseId, user.departmentId) : null;
    if (!view) return sendPage(reply, 404, messagePage('没有这个案件', '案件不存在或不属于本部门。', user));
    return sendPage(reply, status, casePage(view, user, message));
  };

  scope.get('/dept/tickets', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    return sendPage(reply, 200, ticketListPage(await departmentTickets(pool, clock, user.departmentId), user));
  });

  scope.post<{ Params: { caseId: string } }>('/dept/cases/:caseId/tickets', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    const { caseId } = request.params;
    const form = formOf(request);
    const category = form.get('category') ?? '';
    const body = (form.get('body') ?? '').trim();
    if (!TICKET_CATEGORIES.includes(category as TicketCategory))
      return refuse(reply, user, caseId, 400, '请选择问题类别');
    if (!body) return refuse(reply, user, caseId, 400, '请填写问题说明');
    if (body.length > TICKET_TEXT_MAX)
      return refuse(reply, user, caseId, 400, `问题说明不能超过 ${TICKET_TEXT_MAX} 字`);
    const opened = UUID.test(caseId)
      ? await withTransaction(pool, (db) =>
          openDepartmentTicket(db, clock, {
            caseId,
            departmentId: user.departmentId,
            username: user.username,
            category: category as TicketCategory,
            body,
          }),
        )
      : null;
    if (!opened) return sendPage(reply, 404, messagePage('没有这个案件', '案件不存在或不属于本部门。', user));
    return reply.redirect(`/dept/cases/${caseId}#tickets`, 303);
  });

  scope.post<{ Params: { ticketId: string } }>('/dept/tickets/:ticketId/messages', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    const { ticketId } = request.params;
    const body = (formOf(request).get('body') ?? '').trim();
    const caseId = await ticketCase(ticketId, user.departmentId);
    if (!caseId) return sendPage(reply, 404, messagePage('没有这个问题单', '问题单不存在或不属于本部门。', user));
    if (!body) return refuse(reply, user, caseId, 400, '请填写答复内容');
    if (body.length > TICKET_TEXT_MAX) return refuse(reply, user, caseId, 400, `答复不能超过 ${TICKET_TEXT_MAX} 字`);
    const done = await withTransaction(pool, (db) =>
      answerDepartmentTicket(db, clock, { ticketId, departmentId: user.departmentId, username: user.username, body }),
    );
    if (done === 'closed') return refuse(reply, user, caseId, 409, '问题单已关闭，不能再答复');
    return reply.redirect(`/dept/cases/${caseId}#tickets`, 303);
  });

  scope.post<{ Params: { ticketId: string } }>('/dept/tickets/:ticketId/close', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    const { ticketId } = request.params;
    const reason = (formOf(request).get('reason') ?? '').trim();
    const caseId = await ticketCase(ticketId, user.departmentId);
    if (!caseId) return sendPage(reply, 404, messagePage('没有这个问题单', '问题单不存在或不属于本部门。', user));
    if (!reason) return refuse(reply, user, caseId, 400, '请填写关闭理由');
    if (reason.length > TICKET_TEXT_MAX)
      return refuse(reply, user, caseId, 400, `关闭理由不能超过 ${TICKET_TEXT_MAX} 字`);
    const done = await withTransaction(pool, (db) =>
      closeTicket(db, clock, {
        ticketId,
        username: user.username,
        reason,
        side: 'department',
        departmentId: user.departmentId,
      }),
    );
    if (done === 'closed') return refuse(reply, user, caseId, 409, '问题单已关闭');
    if (done === 'not-opener')
      return refuse(reply, user, caseId, 403, '只有提出问题的一方（或督办人员）可以关闭问题单');
    return reply.redirect(`/dept/cases/${caseId}#tickets`, 303);
  });

  scope.post<{ Params: { ticketId: string } }>('/dept/supervision/tickets/:ticketId/close', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    const { ticketId } = request.params;
    const reason = (formOf(request).get('reason') ?? '').trim();
    const districts = scopedDistricts(user, null);
    if (!reason || reason.length > TICKET_TEXT_MAX)
      return sendPage(reply, 400, messagePage('无法关闭', `请填写关闭理由（不超过 ${TICKET_TEXT_MAX} 字）。`, user));
    const done = UUID.test(ticketId)
      ? await withTransaction(pool, (db) =>
          closeTicket(db, clock, {
            ticketId,
            username: user.username,
            reason,
            side: 'supervisor',
            districts: districts === false ? [] : districts,
          }),
        )
      : 'not-found';
    if (done === 'not-found')
      return sendPage(reply, 404, messagePage('没有这个问题单', '问题单不存在或不在您的监督范围内。', user));
    if (done === 'closed') return sendPage(reply, 409, messagePage('无法关闭', '问题单已关闭。', user));
    return reply.redirect('/dept/supervision', 303);
  });

  scope.post<{ Params: { caseId: string } }>('/dept/cases/:caseId/originals', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    const { caseId } = request.params;
    const form = formOf(request);
    const condition = form.get('condition');
    const note = (form.get('note') ?? '').trim();
    if (condition !== 'intact' && condition !== 'damaged')
      return refuse(reply, user, caseId, 400, '请选择原件收到时的状态');
    if (note.length > 200) return refuse(reply, user, caseId, 400, '说明不能超过 200 字');
    const view = UUID.test(caseId) ? await getCase(pool, caseId, user.departmentId) : null;
    if (view && !view.manifest.materials.some((m) => m.handling === 'kept-to-mail'))
      return refuse(reply, user, caseId, 400, '本案件没有需要寄递的纸质原件');
    const done = view
      ? await withTransaction(pool, (db) =>
          confirmOriginals(db, {
            caseId,
            departmentId: user.departmentId,
            username: user.username,
            condition,
            note,
            now: clock.now(),
          }),
        )
      : 'not-found';
    if (done === 'not-found')
      return sendPage(reply, 404, messagePage('没有这个案件', '案件不存在或不属于本部门。', user));
    if (done === 'already') return refuse(reply, user, caseId, 409, '原件已确认收到，无需重复确认');
    return reply.redirect(`/dept/cases/${caseId}`, 303);
  });
}
