// A case's full history across both sides (issue #19, 责任追溯): what the window did (受理 and 补正 as its
// manifests record them; each delivery of its device), what the department did (status events with the
// reviewer) and what the gateway's audit trail holds about the case (views, ID reveals, actions), in time
// order with who and when. Shown on the department case page and exported as CSV (/dept/cases/:id/trail.csv).
import type pg from 'pg';
import { CASE_STATUS_LABELS_ZH } from '@tongban/protocol/sync/status';
import type { CaseView } from '../department/repo';
import { chinaTime, html, type Html } from '../department/html';
import { WINDOW_CASE_EVENT_LABELS_ZH } from '@tongban/protocol/sync/case-events';
import { linkAuditChain } from '../audit';
import { windowCaseEvents } from './case-events';
import { windowEventDetail } from './case-event-text';

/** One line of the history. */
export interface TrailRow {
  at: Date;
  side: '窗口' | '部门';
  who: string;
  what: string;
  detail: string;
  /** The reason of a status event: in the CSV; on the page it is in 办理记录 just above. */
  reason?: string;
}

const ACTION_ZH: Record<string, string> = {
  'device.case-push': '办件送达部门网关',
  'device.supplement-push': '补正材料送达部门网关',
  'device.attachment': '电子材料上传完成',
  'device.record-push': '好差评/回访记录送达',
  'dept.case-viewed': '查看案件',
  'dept.id-revealed': '查看完整身份证号码',
  'dept.trail-exported': '导出全程记录',
  'dept.trail-pdf-exported': '导出全程记录（PDF）',
  'ticket.opened': '提出问题单',
  'ticket.message': '答复问题单',
  'ticket.closed': '关闭问题单',
  'ticket.escalated': '问题单逾期，已提请督办',
  'ticket.attachment': '问题单附件上传',
};

/** Reviewer actions are in the audit trail too, but their status event already says them (with the reason). */
const SHOWN_BY_STATUS_EVENT = /^dept\.action\./;

const whoOf = (actor: string, windows: Map<string, string>): string => {
  if (actor.startsWith('device:')) return `窗口 ${windows.get(actor.slice(7)) ?? actor.slice(7, 15)}`;
  if (actor.startsWith('reviewer:')) return `审查人员 ${actor.slice(9)}`;
  return actor === 'system' ? '系统' : `审查人员 ${actor}`;
};

/** The history of a case the department may see (`v` from getCase), oldest first. */
export async function caseTrail(pool: Pick<pg.Pool, 'query'>, v: Omit<CaseView, 'trail'>): Promise<TrailRow[]> {
  await linkAuditChain(pool); // the case's latest rows may still be unchained (decision 0243)
  const { rows } = await pool.query<{ at: Date; actor: string; action: string; details: Record<string, unknown> }>(
    'SELECT at, actor, action, details FROM gateway_audit WHERE target = $1 AND seq IS NOT NULL ORDER BY seq',
    [`case:${v.caseId}`],
  );
  const actors = [...rows.map((r) => r.actor), ...v.events.map((e) => e.actor ?? '')];
  const deviceIds = [...new Set(actors.filter((a) => a.startsWith('device:')).map((a) => a.slice(7)))];
  const devices = await pool.query<{ device_id: string; window_code: string }>(
    'SELECT device_id, window_code FROM devices WHERE device_id = ANY($1::uuid[])',
    [deviceIds],
  );
  const windows = new Map(devices.rows.map((d) => [d.device_id, d.window_code]));
  const m = v.manifest;
  const trail: TrailRow[] = [];
  const steps = await windowCaseEvents(pool, v.caseId);
  const accepted = new Date(m.acceptedAt);
  if (!Number.isNaN(accepted.getTime()) && !steps.some((e) => e.action === 'case.accept'))
    trail.push({ at: accepted, side: '窗口', who: `窗口 ${m.windowCode}`, what: '窗口受理', detail: m.receiptNo });
  for (const s of v.supplements)
    trail.push({
      at: s.receivedAt,
      side: '窗口',
      who: `窗口 ${m.windowCode}`,
      what: '提交补正材料',
      detail: s.manifest.note ?? '',
    });
  for (const e of v.events)
    trail.push({
      at: e.at,
      side: e.caseVersion > 1 && e.actor?.startsWith('device:') ? '窗口' : '部门',
      who: e.caseVersion === 1 ? '部门网关' : e.actor ? whoOf(e.actor, windows) : '部门',
      what: CASE_STATUS_LABELS_ZH[e.status],
      ...(e.reason ? { reason: e.reason } : {}),
      detail: [
        e.details.departmentNo && `部门编号 ${e.details.departmentNo}`,
        e.details.waybillNo && `EMS 运单号 ${e.details.waybillNo}`,
      ]
        .filter(Boolean)
        .join('；'),
    });
  for (const r of rows) {
    if (SHOWN_BY_STATUS_EVENT.test(r.action)) continue;
    const side = r.actor.startsWith('device:') ? '窗口' : '部门';
    const detail = typeof r.details.person === 'string' ? (r.details.person === 'agent' ? '代办人' : '申请人') : '';
    trail.push({ at: r.at, side, who: whoOf(r.actor, windows), what: ACTION_ZH[r.action] ?? r.action, detail });
  }
  // The window's own steps (decision 0205): the clerk who did each, as the window's audit log records it.
  // Its 受理 row, when there, stands for the manifest's (same instant; it names the clerk).
  for (const e of steps)
    trail.push({
      at: e.at,
      side: '窗口',
      who: `窗口 ${e.windowCode} · ${e.actor}`,
      what: WINDOW_CASE_EVENT_LABELS_ZH[e.action] ?? e.action,
      detail: windowEventDetail(e.action, e.details, e.action === 'case.accept' ? m.receiptNo : null),
    });
  // Stable: events of the same instant keep the order they were added in (window before department).
  return trail.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The 全程记录 section of the case page. */
export function trailSection(caseId: string, rows: TrailRow[]): Html {
  return html`<h2>全程记录（窗口与部门）</h2>
    <p><a href="/dept/cases/${caseId}/trail.csv" download>导出全程记录（CSV）</a> · <a href="/dept/cases/${caseId}/trail.pdf" download>导出全程记录（PDF）</a></p>
    <table><thead><tr><th scope="col">时间</th><th scope="col">一方</th><th scope="col">人员 / 窗口</th><th scope="col">事项</th><th scope="col">说明</th></tr></thead>
    <tbody>${rows.map((r) => html`<tr><td>${chinaTime(r.at)}</td><td>${r.side}</td><td>${r.who}</td><td>${r.what}</td><td>${r.detail}</td></tr>`)}</tbody></table>`;
}

/** CSV cell: quoted, and a leading = + - @ neutralised so a spreadsheet does not run it as a formula. */
const cell = (s: string): string => `"${(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s).replace(/"/g, '""')}"`;

/** The history as CSV (UTF-8 with BOM, so that Excel opens the Chinese text correctly). */
export function trailCsv(receiptNo: string, rows: TrailRow[]): string {
  const lines = [
    ['受理编号', '时间（北京时间）', '一方', '人员 / 窗口', '事项', '说明'],
    ...rows.map((r) => [
      receiptNo,
      chinaTime(r.at),
      r.side,
      r.who,
      r.what,
      [r.reason, r.detail].filter(Boolean).join('；'),
    ]),
  ];
  return `\uFEFF${lines.map((l) => l.map(cell).join(',')).join('\r\n')}\r\n`;
}
