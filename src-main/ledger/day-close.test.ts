import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { chinaDate } from '@common/time';
import { pdfText, pdfToPngs } from '../printing/testing/pdf-tools';
import { callOk } from '../testing/call';
import { acceptCase, rejectCase, supervisorApp, type SupervisorTestApp } from '../testing/supervisor';

const DAY = '2026-11-30';
let t: SupervisorTestApp;
afterEach(async () => t?.dispose());

async function closedDayWithCases() {
  t = await supervisorApp();
  const a = await acceptCase(t.app, t.clerk);
  const b = await acceptCase(t.app, t.clerk);
  await rejectCase(t.app, t.clerk);
  const before = await callOk(t.app, t.sup, 'ledger:get', { date: DAY });
  const closed = await callOk(t.app, t.sup, 'ledger:closeDay', { date: DAY });
  return { a, b, before, closed };
}

describe('day close (日结)', () => {
  it('closes a day: totals, the ledger hash in the audit chain, a frozen snapshot; verifies clean', async () => {
    const { closed, before } = await closedDayWithCases();
    expect(closed).toMatchObject({ date: DAY, version: 1, rowCount: 3, closedBy: 'sup1', reopenedAt: null });
    expect(closed.totals.byOutcome).toEqual({ accepted: 2, incomplete: 0, rejected: 1 });
    expect(closed.ledgerHash).toMatch(/^[0-9a-f]{64}$/);
    const entry = t.app.services.audit.list({ action: 'ledger.close-day', limit: 5 })[0];
    expect(entry).toMatchObject({
      seq: closed.auditSeq,
      target: `day:${DAY}`,
      details: { ledgerHash: closed.ledgerHash, rowCount: 3 },
    });
    const v = await callOk(t.app, t.sup, 'ledger:verifyDay', { date: DAY });
    expect(v).toMatchObject({ ok: true, problems: [], recomputedHash: closed.ledgerHash });
    const after = await callOk(t.app, t.sup, 'ledger:get', { date: DAY });
    expect(after.rows).toEqual(before.rows);
    expect(after.closedDays).toHaveLength(1);
    expect(await t.app.call(t.sup, 'ledger:closeDay', { date: DAY }, 20)).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'day-closed' } },
    });
    expect(await t.app.call(t.clerk, 'ledger:closeDay', { date: DAY }, 20)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await t.app.call(t.sup, 'ledger:closeDay', { date: '2026-12-01' }, 20)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('turns later changes into dated adjustments, never edits of the closed ledger', async () => {
    const { a, before } = await closedDayWithCases();
    const sync = t.app.services.sync.repo;
    sync.setCaseSync(a.caseId, {
      syncState: 'delivered',
      departmentNo: 'JJ-2026-0001',
      deliveredAt: t.app.clock.now.toISOString(),
    });
    sync.applyEvents(
      [
        {
          eventId: '0193a0c0-0000-7000-8000-000000000001',
          caseId: a.caseId,
          caseVersion: 2,
          status: 'reviewing',
          reason: null,
          details: {},
          at: '2026-12-01T09:00:00+08:00',
        },
      ],
      'c1',
      t.app.clock.now.toISOString(),
    );
    const late = await acceptCase(t.app, t.clerk); // accepted on the closed day after closing
    const view = await callOk(t.app, t.sup, 'ledger:get', { date: DAY });
    expect(view.rows).toEqual(before.rows); // the closed snapshot
    expect(view.rows.find((r) => r.caseId === a.caseId)).toMatchObject({ syncState: 'local', deptStatus: null });
    const adj = t.app.services.db
      .prepare('SELECT field, old_value, new_value, recorded_at FROM ledger_adjustments ORDER BY id')
      .all() as { field: string; old_value: string; new_value: string; recorded_at: string }[];
    expect(adj.map((x) => [x.field, x.old_value, x.new_value])).toEqual([
      ['syncState', 'local', 'delivered'],
      ['departmentNo', null, 'JJ-2026-0001'],
      ['deptStatus', null, 'reviewing'],
      ['caseAdded', null, late.documentNo],
    ]);
    const v = await callOk(t.app, t.sup, 'ledger:verifyDay', { date: DAY });
    expect(v).toMatchObject({ ok: true, adjustments: 4 });
    // The ledger of the day the adjustments were recorded lists them.
    const recordedOn = chinaDate(new Date((adj[0] as { recorded_at: string }).recorded_at));
    const later = await callOk(t.app, t.sup, 'ledger:get', { date: recordedOn });
    expect(later.adjustments.map((x) => x.field)).toEqual(['syncState', 'departmentNo', 'deptStatus', 'caseAdded']);
    expect(later.adjustments[0]).toMatchObject({ businessDate: DAY, documentNo: a.documentNo });
    const pdf = await callOk(t.app, t.sup, 'ledger:export', { date: recordedOn, format: 'pdf' });
    const text = pdfText(pdf.path).replace(/\s+/g, '');
    expect(text).toContain('日结后调整记录');
    expect(text).toContain('JJ-2026-0001');
    expect(text).toContain('未发送已送达');
    pdfToPngs(pdf.path, 'ledger-adjustments', 80);
    const xlsx = await callOk(t.app, t.sup, 'ledger:export', { date: recordedOn, format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx.path);
    const sheet = wb.getWorksheet('调整记录') as ExcelJS.Worksheet;
    expect((sheet.getRow(2).values as unknown[]).slice(2)).toEqual([
      new Date(`${DAY}T00:00:00.000Z`),
      a.documentNo,
      '同步状态',
      '未发送',
      '已送达',
    ]);
    expect(sheet.getRow(2).getCell(1).value).toBeInstanceOf(Date);
  });

  it('detects a closed day changed behind its back (case row, snapshot, audit row)', async () => {
    const { a, closed } = await closedDayWithCases();
    const db = t.app.services.db;
    db.prepare("UPDATE cases SET matter_name = '伪造事项' WHERE case_id = ?").run(a.caseId);
    let v = await callOk(t.app, t.sup, 'ledger:verifyDay', { date: DAY });
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual({
      kind: 'case-changed',
      caseId: a.caseId,
      field: 'matterName',
      expected: '社会保障卡申领',
      actual: '伪造事项',
    });
    db.prepare("UPDATE cases SET matter_name = '社会保障卡申领' WHERE case_id = ?").run(a.caseId);
    expect((await callOk(t.app, t.sup, 'ledger:verifyDay', { date: DAY })).ok).toBe(true);

    // The snapshot is guarded by triggers; someone who drops them still cannot hide the edit.
    expect(() => db.prepare("UPDATE closed_day_rows SET row = '{}' WHERE business_date = ?").run(DAY)).toThrow(
      /frozen/,
    );
    db.exec('DROP TRIGGER closed_day_rows_no_update');
    const row = db.prepare('SELECT row FROM closed_day_rows WHERE business_date = ? AND position = 1').get(DAY) as {
      row: string;
    };
    const forged = row.row.replace(/"outcome":"\w+"/, '"outcome":"incomplete"');
    expect(forged).not.toBe(row.row);
    db.prepare('UPDATE closed_day_rows SET row = ? WHERE business_date = ? AND position = 1').run(forged, DAY);
    v = await callOk(t.app, t.sup, 'ledger:verifyDay', { date: DAY });
    expect(v.problems.map((p) => p.kind)).toContain('snapshot-tampered');
    expect(v.recomputedHash).not.toBe(closed.ledgerHash);

    // A tampered audit row breaks the chain, and the day's proof with it.
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare('UPDATE audit_log SET details = replace(details, ?, ?) WHERE seq = ?').run(
      closed.ledgerHash,
      '0'.repeat(64),
      closed.auditSeq,
    );
    const chain = await callOk(t.app, t.sup, 'audit:verify', {});
    expect(chain).toMatchObject({ ok: false, firstBroken: { seq: closed.auditSeq, reason: 'hash-mismatch' } });
    v = await callOk(t.app, t.sup, 'ledger:verifyDay', { date: DAY });
    expect(v.problems.map((p) => p.kind)).toEqual(
      expect.arrayContaining(['snapshot-tampered', 'hash-not-in-audit', 'audit-chain-broken']),
    );
  });

  it('reopens only as an administrator with a reason; the next close is version 2', async () => {
    await closedDayWithCases();
    expect(await t.app.call(t.sup, 'ledger:reopenDay', { date: DAY, reason: '补录遗漏办件' }, 60)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await t.app.call(t.admin, 'ledger:reopenDay', { date: DAY, reason: '补' }, 60)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    const reopened = await callOk(t.app, t.admin, 'ledger:reopenDay', {
      date: DAY,
      reason: '补录遗漏办件',
    });
    expect(reopened).toMatchObject({ version: 1, reopenedBy: 'admin', reopenReason: '补录遗漏办件' });
    expect(t.app.services.audit.list({ action: 'ledger.reopen-day', limit: 5 })[0]?.details).toMatchObject({
      date: DAY,
      reason: '补录遗漏办件',
    });
    expect(await t.app.call(t.sup, 'ledger:verifyDay', { date: DAY }, 20)).toMatchObject({
      ok: false,
      error: { code: 'conflict', details: { reason: 'day-not-closed' } },
    });
    await acceptCase(t.app, t.clerk);
    expect(t.app.services.db.prepare('SELECT count(*) AS n FROM ledger_adjustments').get()).toEqual({ n: 0 });
    const again = await callOk(t.app, t.sup, 'ledger:closeDay', { date: DAY });
    expect(again).toMatchObject({ version: 2, rowCount: 4 });
    const closings = await callOk(t.app, t.sup, 'ledger:closings', { from: DAY, to: DAY });
    expect(closings.map((c) => [c.version, c.reopenedAt !== null])).toEqual([
      [1, true],
      [2, false],
    ]);
  });
});
