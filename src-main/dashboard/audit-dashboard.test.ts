import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '@common/supervisor/csv';
import { callOk } from '../testing/call';
import { acceptCase, rejectCase, supervisorApp, type SupervisorTestApp } from '../testing/supervisor';

let t: SupervisorTestApp;
afterEach(async () => t?.dispose());

describe('audit review', () => {
  it('exports the entries of one case with the chain check, as CSV and XLSX; a tampered row shows in the export', async () => {
    t = await supervisorApp();
    const c = await acceptCase(t.app, t.clerk);
    await acceptCase(t.app, t.clerk);
    const csv = await callOk(t.app, t.sup, 'audit:export', { caseId: c.caseId, format: 'csv' });
    expect(csv.verification.ok).toBe(true);
    const bytes = readFileSync(csv.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8'));
    expect(rows[0]).toEqual(['序号', '时间', '操作人', '操作', '操作代码', '对象', '详情', '前一条哈希', '本条哈希']);
    expect(rows.slice(1).map((r) => r[4])).toEqual(['identity.verify', 'case.accept']);
    expect(rows.slice(1).every((r) => r[5] === `case:${c.caseId}` && r[2] === 'clerk1')).toBe(true);
    expect(rows[2]?.[3]).toBe('受理');

    const byUser = await callOk(t.app, t.sup, 'audit:export', {
      actor: 'admin',
      action: 'users.create',
      from: '2026-11-30',
      to: '2026-11-30',
      format: 'xlsx',
    });
    expect(byUser.rows).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(byUser.path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['校验结果', '审计日志']);
    const log = wb.getWorksheet('审计日志') as ExcelJS.Worksheet;
    expect(log.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(log.getRow(2).getCell(2).value).toBeInstanceOf(Date);
    expect(log.getRow(2).getCell(4).value).toBe('新建用户');
    expect(t.app.services.audit.list({ action: 'audit.export', limit: 5 })).toHaveLength(2);

    const db = t.app.services.db;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor_name = 'someone' WHERE action = 'case.accept' AND target = ?").run(
      `case:${c.caseId}`,
    );
    const tampered = await callOk(t.app, t.sup, 'audit:export', { format: 'xlsx' });
    expect(tampered.verification).toMatchObject({ ok: false, firstBroken: { reason: 'hash-mismatch' } });
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(tampered.path);
    expect((wb2.getWorksheet('校验结果') as ExcelJS.Worksheet).getRow(2).getCell(2).value).toBe('发现异常');
    expect(await t.app.call(t.clerk, 'audit:export', { format: 'csv' }, 20)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('dashboard', () => {
  it('shows today, the sync backlog with its oldest case, devices per window, ratings, follow-ups, backups', async () => {
    t = await supervisorApp();
    const first = await acceptCase(t.app, t.clerk);
    t.app.clock.advanceMinutes(5);
    const second = await acceptCase(t.app, t.clerk);
    await rejectCase(t.app, t.clerk);
    const ticket = await callOk(t.app, t.clerk, 'ratings:open', { caseId: first.caseId });
    await callOk(t.app, 'screen', 'ratings:submit', { ticket: ticket.ticket, level: 1, comment: '态度差' });
    const good = await callOk(t.app, t.clerk, 'ratings:open', { caseId: second.caseId });
    await callOk(t.app, 'screen', 'ratings:submit', { ticket: good.ticket, level: 5 });
    const d = await callOk(t.app, t.sup, 'dashboard:get', {});
    expect(d.date).toBe('2026-11-30');
    expect(d.today).toMatchObject({ total: 3, accepted: 2, rejected: 1, incomplete: 0, closed: false });
    expect(d.sync).toMatchObject({
      backlog: 2,
      unsentRecords: 3, // one more than with a single rating: the second rating
      needsAttention: 0,
      reenrolmentRequired: false,
      oldestUnsent: { caseId: first.caseId, documentNo: first.documentNo, ageMinutes: 5 },
    });
    expect(d.windows).toEqual([expect.objectContaining({ windowCode: '50010112', windowNo: '12' })]);
    expect(d.windows[0]?.printers.map((p) => p.role)).toEqual(['thermal', 'a4', 'label']);
    expect(d.windows[0]?.reader.state).toBeTruthy();
    // 1 of 2 satisfied: 50 (a percentage, shown as 50% — not 5000%).
    expect(d.ratings).toMatchObject({ today: 2, poorToday: 1, satisfactionRate: 50 });
    expect(d.followUps).toMatchObject({ open: 1, overdue: 0 });
    expect(d.backups).toMatchObject({ lastGoodAt: null, warning: true });
    expect(await t.app.call(t.clerk, 'dashboard:get', {}, 2)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
