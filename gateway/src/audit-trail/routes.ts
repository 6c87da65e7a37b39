// The department pages of 责任追溯: a case's 全程记录 as PDF (reviewers, their department's cases) and the
// supervisors' 审计链冲突 list, details and recorded resolution (decisions 0205, 0206).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { audit } from '../audit';
import { getCase } from '../department/repo';
import { messagePage } from '../department/pages';
import type { ReviewerSession } from '../department/sessions';
import { chinaTime } from '../department/html';
import { ledgerPdf } from '../supervision/ledger-pdf';
import { scopedDistricts } from '../supervision/accounts';
import { conflictListPage, conflictPage, RESOLUTION_NOTE_MAX } from './conflict-pages';
import { listWitnessConflicts } from './witnesses';
import type { TrailRow } from './case-trail';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sendPage = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').send(body);
const formOf = (request: FastifyRequest) =>
  request.body instanceof URLSearchParams ? request.body : new URLSearchParams();

/** The 全程记录 as an A4 PDF (landscape, Noto Sans SC subset), like the 工作台账. */
export async function trailPdf(
  head: { receiptNo: string; departmentNo: string; matter: string; department: string },
  rows: TrailRow[],
  at: Date,
): Promise<Buffer> {
  return ledgerPdf(
    '跨省通办案件全程记录',
    [
      `受理编号 ${head.receiptNo} · 部门编号 ${head.departmentNo} · 事项 ${head.matter}`,
      `业务属地部门 ${head.department} · 导出时间 ${chinaTime(at)}（北京时间）· 窗口与部门两侧记录按时间排列`,
    ],
    [
      {
        title: `全程记录（共 ${rows.length} 条）`,
        columns: [
          ['时间（北京时间）', 100],
          ['一方', 40],
          ['人员 / 窗口', 150],
          ['事项', 150],
          ['说明', 329],
        ],
        rows: rows.map((r) => [
          chinaTime(r.at),
          r.side,
          r.who,
          r.what,
          [r.reason, r.detail].filter(Boolean).join('；'),
        ]),
      },
    ],
  );
}

/**
 * The reviewer's case for a 全程记录 export, with the export audited; null after a 404 page was sent (no such case
 * in this department).
 */
export async function caseForTrailExport(
  pool: pg.Pool,
  request: FastifyRequest<{ Params: { caseId: string } }>,
  reply: FastifyReply,
  action: 'dept.trail-exported' | 'dept.trail-pdf-exported',
): Promise<Awaited<ReturnType<typeof getCase>>> {
  const user = request.reviewer as ReviewerSession;
  const view = UUID.test(request.params.caseId) ? await getCase(pool, request.params.caseId, user.departmentId) : null;
  if (!view) {
    await sendPage(reply, 404, messagePage('没有这个案件', '案件不存在或不属于本部门。', user));
    return null;
  }
  await audit(pool, {
    actor: user.username,
    action,
    target: `case:${view.caseId}`,
    details: { reviewerId: user.reviewerId, departmentId: user.departmentId },
  });
  return view;
}

/** Registers the routes inside the department scope (session, CSRF and page gate already applied). */
export function registerTrailRoutes(scope: FastifyInstance, pool: pg.Pool): void {
  scope.get<{ Params: { caseId: string } }>('/dept/cases/:caseId/trail.pdf', async (request, reply) => {
    const view = await caseForTrailExport(pool, request, reply, 'dept.trail-pdf-exported');
    if (!view) return reply;
    const m = view.manifest;
    const pdf = await trailPdf(
      {
        receiptNo: m.receiptNo,
        departmentNo: view.departmentNo,
        matter: m.matterName,
        department: `${m.departmentName}（${m.departmentId}）`,
      },
      view.trail,
      new Date(),
    );
    return reply
      .type('application/pdf')
      .headers({
        'content-disposition': `attachment; filename="trail-${view.departmentNo}.pdf"`,
        'cache-control': 'private, no-store',
      })
      .send(pdf);
  });

  const conflictOf = async (user: ReviewerSession, id: number) => {
    const districts = scopedDistricts(user, null);
    if (districts === false || !Number.isSafeInteger(id) || id <= 0) return null;
    return (await listWitnessConflicts(pool, 1, { districts, id }))[0] ?? null;
  };

  scope.get('/dept/supervision/audit-conflicts', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    const districts = scopedDistricts(user, null);
    const rows = districts === false ? [] : await listWitnessConflicts(pool, 500, { districts });
    return sendPage(reply, 200, conflictListPage(user, rows));
  });

  scope.get<{ Params: { id: string } }>('/dept/supervision/audit-conflicts/:id', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    const c = await conflictOf(user, Number(request.params.id));
    if (!c) return sendPage(reply, 404, messagePage('没有这条冲突', '冲突不存在或不在您的监督范围内。', user));
    return sendPage(reply, 200, conflictPage(user, c, null));
  });

  scope.post<{ Params: { id: string } }>('/dept/supervision/audit-conflicts/:id/resolve', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    const c = await conflictOf(user, Number(request.params.id));
    if (!c) return sendPage(reply, 404, messagePage('没有这条冲突', '冲突不存在或不在您的监督范围内。', user));
    const note = (formOf(request).get('note') ?? '').trim();
    if (!note || note.length > RESOLUTION_NOTE_MAX)
      return sendPage(reply, 400, conflictPage(user, c, `请填写处理说明（${RESOLUTION_NOTE_MAX} 字以内）`));
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const done = await client.query(
        `UPDATE window_audit_conflicts SET resolved_at = now(), resolved_by = $2, resolution_note = $3
          WHERE id = $1 AND resolved_at IS NULL`,
        [c.id, user.username, note],
      );
      if (done.rowCount === 1)
        await audit(client, {
          actor: user.username,
          action: 'window.audit-conflict-resolved',
          target: c.windowCode,
          details: { conflictId: c.id, deviceId: c.deviceId, seq: c.seq, kind: c.kind, note },
        });
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    return reply.redirect(`/dept/supervision/audit-conflicts/${c.id}`, 303);
  });
}
