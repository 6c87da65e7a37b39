// Supervision on a real PostgreSQL: role scoping, exact figures (overdue in working days across the 国庆 holiday
// and its 调休 Saturday), and exports that open (XLSX read back, CSV with BOM, PDF through pdftotext).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addReviewer } from '../department/repo';
import { Browser } from '../testing/browser';
import { startTestGateway, type TestGateway } from '../testing/harness';
import { seedCase, seedRating, seedTicket } from '../testing/supervision-seed';
import { addSupervisor } from './accounts';
import type { Filters } from './filters';
import { ledgerRows } from './ledger';
import { breakdown, refusals, series, totals } from './queries';

const D1 = '500103';
const D2 = '500104';
const PW = 'supervise 2026 ok';
let t: TestGateway;
let dev1 = '';
let dev2 = '';
type Seeded = { caseId: string; departmentNo: string };
const cases = {} as Record<'onTime' | 'late' | 'open' | 'waiting' | 'other', Seeded>;
const all = (f: Partial<Filters> = {}): Filters => ({
  from: '2026-09-01',
  to: '2026-10-31',
  districts: null,
  deviceId: null,
  matter: null,
  department: null,
  ...f,
});

beforeAll(async () => {
  t = await startTestGateway();
  dev1 = (await t.device(D1, 'CQ-YZ-01')).deviceId;
  dev2 = (await t.device(D2, 'CQ-DDK-01')).deviceId;
  const m1 = { matterCode: 'CQ-KSTB-0001', matterName: '社会保障卡申领', promisedDays: 5 };
  // 受理 Tue 2026-09-29; 5 working days: 09-30, 10-08, 10-09, 10-10 (调休上班), 10-12 → due 2026-10-12.
  cases.onTime = await seedCase(t.pool, {
    deviceId: dev1,
    district: D1,
    ...m1,
    events: [
      ['received', '2026-09-28 10:00'],
      ['reviewing', '2026-09-29 09:00'],
      ['approved', '2026-10-12 16:00'],
    ],
  });
  cases.late = await seedCase(t.pool, {
    deviceId: dev1,
    district: D1,
    ...m1,
    events: [
      ['received', '2026-09-28 11:00'],
      ['reviewing', '2026-09-29 09:30'],
      ['supplement-requested', '2026-09-30 10:00'],
      ['supplement-received', '2026-10-08 10:00'],
      ['approved', '2026-10-13 09:00'],
    ],
  });
  cases.open = await seedCase(t.pool, {
    deviceId: dev1,
    district: D1,
    ...m1,
    events: [
      ['received', '2026-09-28 12:00'],
      ['reviewing', '2026-09-29 10:00'],
    ],
  });
  cases.waiting = await seedCase(t.pool, {
    deviceId: dev1,
    district: D1,
    ...m1,
    events: [['received', '2026-10-20 12:00']],
  });
  cases.other = await seedCase(t.pool, {
    deviceId: dev2,
    district: D2,
    matterCode: 'CQ-KSTB-0002',
    matterName: '异地就医登记备案',
    promisedDays: 1,
    departmentId: 'CQ-HSA',
    events: [
      ['received', '2026-10-09 10:00'],
      ['reviewing', '2026-10-09 11:00'],
      ['rejected', '2026-10-12 10:00', '不属于本部门受理范围'],
    ],
  });
  await seedRating(t.pool, cases.onTime.caseId, dev1, 5);
  await seedRating(t.pool, cases.late.caseId, dev1, 2, '2026-10-20');
  await seedTicket(t.pool, {
    caseId: cases.open.caseId,
    district: D1,
    openedAt: '2026-10-09 09:00',
    dueAt: '2026-10-14 18:00',
  });
  await seedTicket(t.pool, {
    caseId: cases.other.caseId,
    district: D2,
    departmentId: 'CQ-HSA',
    category: 'material-question',
    openedAt: '2026-10-10 09:00',
    dueAt: '2026-10-13 18:00',
  });
  await addSupervisor(t.pool, 'yz-supervisor', PW, 'district-supervisor', [D1]);
  await addSupervisor(t.pool, 'city-supervisor', PW, 'city-supervisor', []);
  await addReviewer(t.pool, 'hrss1', 'correct horse 9', 'CQ-HRSS');
});
afterAll(async () => t?.close());

describe('supervision figures', () => {
  it('counts overdue in working days from 受理 (holidays and 调休 from resources/holidays)', async () => {
    const due = await t.pool.query<{ case_id: string; due: string; days: number | null }>(
      `SELECT case_id, to_char(due_on, 'YYYY-MM-DD') AS due, decision_workdays AS days FROM case_facts`,
    );
    const byCase = new Map(due.rows.map((r) => [r.case_id, r]));
    expect(byCase.get(cases.onTime.caseId)).toMatchObject({ due: '2026-10-12', days: 5 });
    expect(byCase.get(cases.late.caseId)).toMatchObject({ due: '2026-10-12', days: 6 });
    expect(byCase.get(cases.other.caseId)).toMatchObject({ due: '2026-10-10', days: 2 });

    const before = await totals(t.pool, all({ districts: [D1] }), '2026-10-12');
    expect(before).toMatchObject({
      received: 4,
      accepted: 3,
      decided: 2,
      decidedLate: 1,
      inReview: 1,
      openOverdue: 0,
      supplementRequests: 1,
      rejected: 0,
      avgDecisionDays: 5.5,
      rated: 2,
      ratedGood: 1,
      ratedPoor: 1,
    });
    expect((await totals(t.pool, all({ districts: [D1] }), '2026-10-13')).openOverdue).toBe(1);
    const city = await totals(t.pool, all(), '2026-10-13');
    expect([city.received, city.decided, city.decidedLate, city.rejected]).toEqual([5, 3, 2, 1]);
    expect(await refusals(t.pool, all())).toEqual([{ reason: '不属于本部门受理范围', count: 1 }]);
    const byMatter = await breakdown(t.pool, all(), '2026-10-13', 'matter');
    expect(byMatter.map((r) => [r.key, r.received, r.decidedLate, r.openOverdue])).toEqual([
      ['CQ-KSTB-0001', 4, 1, 1],
      ['CQ-KSTB-0002', 1, 1, 0],
    ]);
    const byWindow = await breakdown(t.pool, all({ districts: [D1] }), '2026-10-13', 'window');
    expect(byWindow.map((r) => [r.label, r.received])).toEqual([['CQ-YZ-01', 4]]);
    // Filters: a window, a matter, a department, a period.
    expect((await totals(t.pool, all({ deviceId: dev2 }), '2026-10-13')).received).toBe(1);
    expect((await totals(t.pool, all({ department: 'CQ-HSA' }), '2026-10-13')).rejected).toBe(1);
    expect((await totals(t.pool, all({ from: '2026-10-01' }), '2026-10-13')).received).toBe(2);
    const weeks = await series(t.pool, all());
    expect(weeks.unit).toBe('week');
    expect(weeks.points.map((p) => [p.at, p.received, p.decided])).toEqual([
      ['2026-09-28', 3, 2], // Monday of the week of 09-28; decided counts the same cohort
      ['2026-10-05', 1, 1],
      ['2026-10-19', 1, 0],
    ]);
    const ledger = await ledgerRows(t.pool, all(), '2026-10-13');
    expect(ledger.rows.find((r) => r.code === 'CQ-KSTB-0001')).toMatchObject({
      unit: '人社部门',
      mode: '异地代收代办',
      districts: [D1],
      received: 4,
      overdue: 2,
      openTickets: 1,
    });
  });
});

describe('supervision pages', () => {
  it('scopes a district supervisor to its districts and keeps reviewers and supervisors apart', async () => {
    const b = new Browser(t.url);
    expect((await b.login('yz-supervisor', PW)).status).toBe(303);
    const period = 'from=2026-09-01&to=2026-10-31';
    const page = await b.go('GET', `/dept/supervision?${period}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('跨省通办 · 监督管理');
    expect(page.html).toContain(cases.open.departmentNo); // its overdue ticket, with the case
    expect(page.html).not.toContain(cases.other.departmentNo);
    expect(page.html).toContain('<svg');
    expect((await b.go('GET', `/dept/supervision?${period}&district=${D2}`)).status).toBe(403);
    expect((await b.go('GET', `/dept/supervision/export/overdue-tickets.csv?district=${D2}`)).status).toBe(403);
    const toCases = await b.go('GET', '/dept/cases');
    expect([toCases.status, toCases.location]).toEqual([303, '/dept/supervision']);
    expect((await b.go('POST', '/dept/supervision/ledger/items', { _csrf: b.csrf(page.html) })).status).toBe(403);

    const reviewer = new Browser(t.url);
    await reviewer.login('hrss1', 'correct horse 9');
    expect((await reviewer.go('GET', '/dept/supervision')).status).toBe(403);
    expect((await reviewer.go('GET', '/dept/supervision/ledger/export.pdf')).status).toBe(403);

    const city = new Browser(t.url);
    await city.login('city-supervisor', PW);
    const cityPage = await city.go('GET', `/dept/supervision?${period}`);
    expect(cityPage.html).toContain(cases.other.departmentNo);
    expect(cityPage.html).toContain(cases.open.departmentNo);
  });

  it('exports CSV with a BOM, XLSX that reads back, and the ledger as XLSX and a PDF with text', async () => {
    const b = new Browser(t.url);
    await b.login('city-supervisor', PW);
    const ledger = await b.go('GET', '/dept/supervision/ledger?from=2026-09-01&to=2026-10-31');
    expect(ledger.status).toBe(200);
    const added = await b.go('POST', '/dept/supervision/ledger/items', {
      _csrf: b.csrf(ledger.html),
      matter: 'CQ-KSTB-0001',
      unit: '市人力社保局',
      owner: '王科长',
      due: '2026-11-30',
      issue: '=社保卡补换卡超期较多，请核查原因',
    });
    expect(added.status).toBe(303);
    const get = async (path: string) => {
      const res = await fetch(`${t.url}${path}`, { headers: { cookie: b.cookieHeader() } });
      expect(res.status).toBe(200);
      return Buffer.from(await res.arrayBuffer());
    };
    const q = 'from=2026-09-01&to=2026-10-31';
    const csv = await get(`/dept/supervision/export/overdue-tickets.csv?${q}`);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.toString('utf8');
    expect(text).toContain(cases.open.departmentNo);
    expect(text).toContain('原件未到/破损');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await get(`/dept/supervision/ledger/export.xlsx?${q}`)) as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
    const row = rows.find((r) => r.includes('CQ-KSTB-0001')) as unknown[];
    expect(row).toContain('人社部门');
    expect(row.slice(9, 14)).toEqual([4, 2, 2, 1, 1]); // received, decided, overdue, open tickets, open items
    const items = (wb.worksheets[1] as ExcelJS.Worksheet).getSheetValues().flat();
    expect(items).toContain("'=社保卡补换卡超期较多，请核查原因"); // a formula is never written as one

    const dir = mkdtempSync(join(tmpdir(), 'ledger-pdf-'));
    writeFileSync(join(dir, 'l.pdf'), await get(`/dept/supervision/ledger/export.pdf?${q}`));
    const pdfText = execFileSync('pdftotext', ['-layout', join(dir, 'l.pdf'), '-'], { encoding: 'utf8' });
    expect(pdfText).toContain('跨省通办事项工作台账');
    expect(pdfText).toMatch(/社会保障卡申领\s+人社部门/);
    expect(pdfText).toContain('市人力社保局');
    expect(pdfText).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
  });
});
