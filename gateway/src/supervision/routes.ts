// Supervision pages under /dept/supervision, registered inside the department scope: the same session, CSRF check
// and login; the department routes' gate (accounts.ts pageGate) keeps reviewers out and supervisors in.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { audit } from '../audit';
import { messagePage } from '../department/pages';
import type { ReviewerSession } from '../department/sessions';
import { isCitySupervisor, scopedDistricts } from './accounts';
import { chinaToday, readFilters, type Filters } from './filters';
import { addItem, catalogueInForce, ledgerRows, listItems, resolveItem } from './ledger';
import { itemsTable, ledgerAsPdf, ledgerTable } from './ledger-view';
import { dashboardPage, ledgerPage, scopeText, type FilterOptions } from './pages';
import { series, totals } from './queries';
import { tableCsv, tablesXlsx } from './export';
import { buildTable, summaryTable, TABLE_NAMES, type Table, type TableName } from './tables';

/** Filters within an account's scope. */
export type Scoped = Filters & { district: string | null };

const sendPage = (reply: FastifyReply, status: number, body: string) =>
  reply.code(status).type('text/html; charset=utf-8').send(body);
const formOf = (request: FastifyRequest) =>
  request.body instanceof URLSearchParams ? request.body : new URLSearchParams();

/** The request's filters within the account's scope, or null (a 403 was sent) when it asks outside it. */
function scoped(request: FastifyRequest, reply: FastifyReply): Scoped | null {
  const user = request.reviewer as ReviewerSession;
  const asked = readFilters(request.query as Record<string, unknown>);
  const districts = scopedDistricts(user, asked.district);
  if (districts === false) {
    void sendPage(reply, 403, messagePage('无权查看', '该区县不在您的监督范围内。', user));
    return null;
  }
  return { ...asked, districts };
}

async function filterOptions(pool: pg.Pool, user: ReviewerSession, f: Scoped): Promise<FilterOptions> {
  const own = user.role === 'city-supervisor' ? null : (user.districts ?? []);
  const [districts, windows, catalogue] = await Promise.all([
    own ? Promise.resolve(own) : pool.query<{ d: string }>('SELECT DISTINCT district AS d FROM devices ORDER BY 1'),
    pool.query<{ deviceId: string; windowCode: string; district: string }>(
      `SELECT device_id::text AS "deviceId", window_code AS "windowCode", district FROM devices
       WHERE ($1::char(6)[] IS NULL OR district = ANY($1)) ORDER BY district, window_code LIMIT 1000`,
      [f.districts],
    ),
    catalogueInForce(pool),
  ]);
  return {
    districts: Array.isArray(districts) ? districts : districts.rows.map((r) => r.d),
    windows: windows.rows,
    matters: catalogue.matters,
    departments: catalogue.departments,
  };
}

/** The whole dashboard page for `f` at `now` (also what the bench times). */
export async function dashboardView(pool: pg.Pool, user: ReviewerSession, f: Scoped, now: Date): Promise<string> {
  const today = chinaToday(now);
  const [options, t, s, tables] = await Promise.all([
    filterOptions(pool, user, f),
    totals(pool, f, today),
    series(pool, f),
    Promise.all(dashboardTables(f).map((name) => buildTable(pool, name, f, today, now))),
  ]);
  const tickets = tables.find((x) => x.name === 'tickets') as Table;
  const sum = (i: number) => tickets.rows.reduce((a, r) => a + Number(r[i]), 0);
  return dashboardPage(user, f, options, t, s, [summaryTable(f, t), ...tables], { open: sum(2), overdue: sum(3) });
}

/** The whole 工作台账 page for `f` at `now` (also what the bench times). */
export async function ledgerView(
  pool: pg.Pool,
  user: ReviewerSession,
  f: Scoped,
  now: Date,
  error: string | null = null,
): Promise<string> {
  const [options, ledger, items] = await Promise.all([
    filterOptions(pool, user, f),
    ledgerRows(pool, f, chinaToday(now)),
    listItems(pool),
  ]);
  return ledgerPage(
    user,
    f,
    options,
    { version: ledger.version, table: ledgerTable(ledger.rows) },
    { table: itemsTable(items), open: items.filter((i) => !i.resolvedAt) },
    ledger.rows,
    error,
  );
}

/** The dashboard's tables, in page order (the window breakdown only once one district or window is chosen). */
function dashboardTables(f: Scoped): TableName[] {
  const narrow = f.deviceId !== null || (f.districts !== null && f.districts.length === 1);
  return [
    narrow ? 'by-window' : 'by-district',
    'by-matter',
    'by-department',
    'refusals',
    'tickets',
    'overdue-tickets',
    'follow-ups',
  ];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendFile(reply: FastifyReply, name: string, type: string, body: string | Buffer) {
  return reply
    .type(type)
    .headers({
      'content-disposition': `attachment; filename="${name.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      'cache-control': 'private, no-store',
    })
    .send(body);
}

export function registerSupervisionRoutes(scope: FastifyInstance, pool: pg.Pool): void {
  scope.get('/dept/supervision', async (request, reply) => {
    const f = scoped(request, reply);
    if (!f) return reply;
    return sendPage(reply, 200, await dashboardView(pool, request.reviewer as ReviewerSession, f, new Date()));
  });

  scope.get<{ Params: { file: string } }>('/dept/supervision/export/:file', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    const m = /^([a-z-]+)\.(csv|xlsx)$/.exec(request.params.file);
    const name = m?.[1] ?? '';
    if (!m || (name !== 'all' && !TABLE_NAMES.includes(name as TableName)) || (name === 'all' && m[2] === 'csv'))
      return sendPage(reply, 404, messagePage('没有这个导出', '请从监督管理页面的导出链接下载。', user));
    const f = scoped(request, reply);
    if (!f) return reply;
    const now = new Date();
    const today = chinaToday(now);
    const names: TableName[] = name === 'all' ? ['summary', ...dashboardTables(f)] : [name as TableName];
    const tables = await Promise.all(names.map((n) => buildTable(pool, n, f, today, now)));
    await audit(pool, {
      actor: user.username,
      action: 'supervision.exported',
      target: `table:${name}`,
      details: { format: m[2], from: f.from, to: f.to, districts: f.districts, matter: f.matter },
    });
    const note = `统计期间 ${f.from} 至 ${f.to}；范围 ${f.districts ? f.districts.join('、') : '全市'}；导出 ${user.username}`;
    const file = `监督管理-${name}-${f.from}-${f.to}`;
    if (m[2] === 'csv') return sendFile(reply, `${file}.csv`, 'text/csv; charset=utf-8', tableCsv(tables[0] as Table));
    return sendFile(reply, `${file}.xlsx`, XLSX, await tablesXlsx(tables, note));
  });

  const ledgerData = async (f: Scoped) => {
    const [ledger, items] = await Promise.all([ledgerRows(pool, f, chinaToday()), listItems(pool)]);
    return { ledger, items };
  };

  const ledgerPageOf = async (request: FastifyRequest, reply: FastifyReply, error: string | null, status = 200) => {
    const f = scoped(request, reply);
    if (!f) return reply;
    return sendPage(reply, status, await ledgerView(pool, request.reviewer as ReviewerSession, f, new Date(), error));
  };

  scope.get('/dept/supervision/ledger', (request, reply) => ledgerPageOf(request, reply, null));

  scope.get<{ Params: { file: string } }>('/dept/supervision/ledger/export/:file', (request, reply) =>
    exportLedger(request, reply, request.params.file),
  );
  // export.xlsx / export.pdf: the whole ledger (both tables).
  scope.get<{ Params: { file: string } }>('/dept/supervision/ledger/:file', (request, reply) =>
    exportLedger(request, reply, request.params.file.replace(/^export\./, 'all.')),
  );

  async function exportLedger(request: FastifyRequest, reply: FastifyReply, file: string) {
    const user = request.reviewer as ReviewerSession;
    const m = /^(all|ledger|items)\.(csv|xlsx|pdf)$/.exec(file);
    if (!m || (m[1] === 'all' && m[2] === 'csv') || (m[1] !== 'all' && m[2] === 'pdf'))
      return sendPage(reply, 404, messagePage('没有这个导出', '请从工作台账页面的导出链接下载。', user));
    const f = scoped(request, reply);
    if (!f) return reply;
    const now = new Date();
    const { ledger, items } = await ledgerData(f);
    await audit(pool, {
      actor: user.username,
      action: 'supervision.ledger-exported',
      target: `ledger:${m[1]}`,
      details: { format: m[2], from: f.from, to: f.to, districts: f.districts },
    });
    const name = `工作台账-${f.from}-${f.to}`;
    if (m[2] === 'pdf')
      return sendFile(
        reply,
        `${name}.pdf`,
        'application/pdf',
        await ledgerAsPdf(`${f.from} 至 ${f.to}`, scopeText(user), ledger.version, ledger.rows, items, now),
      );
    const tables = [ledgerTable(ledger.rows), itemsTable(items)].filter((t) => m[1] === 'all' || t.name === m[1]);
    if (m[2] === 'csv') return sendFile(reply, `${name}.csv`, 'text/csv; charset=utf-8', tableCsv(tables[0] as Table));
    const note = `跨省通办事项工作台账 · 统计期间 ${f.from} 至 ${f.to} · 范围 ${scopeText(user)} · 事项目录版本 ${ledger.version}`;
    return sendFile(reply, `${name}.xlsx`, XLSX, await tablesXlsx(tables, note));
  }

  scope.post('/dept/supervision/ledger/items', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    if (!isCitySupervisor(user))
      return sendPage(reply, 403, messagePage('无权操作', '协调事项由市级监督账号记录。', user));
    const form = formOf(request);
    const v = (k: string, max: number) => (form.get(k) ?? '').trim().slice(0, max + 1);
    const item = {
      matterCode: v('matter', 40),
      unit: v('unit', 100),
      owner: v('owner', 50),
      issue: v('issue', 1000),
      dueOn: v('due', 10),
    };
    const catalogue = await catalogueInForce(pool);
    const problem = !catalogue.matters.some((m) => m.code === item.matterCode)
      ? '请选择事项目录中的事项'
      : !item.unit || item.unit.length > 100
        ? '请填写责任单位（100 字以内）'
        : !item.owner || item.owner.length > 50
          ? '请填写负责人（50 字以内）'
          : !item.issue || item.issue.length > 1000
            ? '请填写协调内容（1000 字以内）'
            : !/^\d{4}-\d{2}-\d{2}$/.test(item.dueOn) || Number.isNaN(Date.parse(item.dueOn))
              ? '请填写办结期限'
              : null;
    if (problem) return ledgerPageOf(request, reply, problem, 400);
    const id = await addItem(pool, item, user.username);
    await audit(pool, {
      actor: user.username,
      action: 'supervision.item-recorded',
      target: `coordination:${id}`,
      details: { matterCode: item.matterCode, unit: item.unit, dueOn: item.dueOn },
    });
    return reply.redirect('/dept/supervision/ledger', 303);
  });

  scope.post<{ Params: { id: string } }>('/dept/supervision/ledger/items/:id/resolve', async (request, reply) => {
    const user = request.reviewer as ReviewerSession;
    if (!isCitySupervisor(user))
      return sendPage(reply, 403, messagePage('无权操作', '协调事项由市级监督账号办结。', user));
    const outcome = (formOf(request).get('outcome') ?? '').trim();
    const id = Number(request.params.id);
    if (!outcome || outcome.length > 500) return ledgerPageOf(request, reply, '请填写办理结果（500 字以内）', 400);
    if (!Number.isSafeInteger(id) || !(await resolveItem(pool, id, outcome)))
      return sendPage(reply, 404, messagePage('没有这个协调事项', '事项不存在或已办结。', user));
    await audit(pool, { actor: user.username, action: 'supervision.item-resolved', target: `coordination:${id}` });
    return reply.redirect('/dept/supervision/ledger', 303);
  });
}
