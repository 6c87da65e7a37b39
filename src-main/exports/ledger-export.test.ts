import { PROXY_CARD_MATERIALS } from '../cases/testing/intake-fixtures';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '@common/supervisor/csv';
import { chinaDateTime, excelChinaDate, LEDGER_OUTCOME_LABELS_ZH, type LedgerEntry } from '@common/supervisor/ledger';
import { columnText, displayWidth, LEDGER_COLUMNS } from '@common/supervisor/ledger-columns';
import type { LedgerView } from '@common/supervisor/views';
import { pdfInfo, pdfText, pdfToPngs } from '../printing/testing/pdf-tools';
import { callOk } from '../testing/call';
import { acceptCase, rejectCase, seedDay, supervisorApp, type SupervisorTestApp } from '../testing/supervisor';

const DAY = '2026-11-30';
let t: SupervisorTestApp;
let view: LedgerView;

beforeAll(async () => {
  t = await supervisorApp();
  await acceptCase(t.app, t.clerk);
  await acceptCase(t.app, t.clerk, {
    mode: 'proxy',
    agent: {
      name: '欧阳娜娜',
      idType: 'resident-id',
      idNumber: '500228198512310021',
      phone: '13900139000',
      address: '',
      relationship: '配偶',
    },
    materials: PROXY_CARD_MATERIALS,
  });
  await rejectCase(t.app, t.clerk);
  // Volume on the same day, straight into the schema (sequences after the contract's).
  seedDay(t.app.services.db, { date: DAY, count: 40, clerkId: t.clerkId, firstSequence: 100 });
  markJointAndDelegated();
  view = await callOk(t.app, t.sup, 'ledger:get', { date: DAY, limit: 500 });
}, 120_000);

afterAll(async () => t?.dispose());

/** The 办理地's 受理通知书 as a status event announces it (details.documents). */
const ACCEPTANCE = {
  kind: 'acceptance',
  documentNo: '锦公户受〔2026〕118号',
  title: '受理通知书',
  sha256: 'a'.repeat(64),
  fileName: '受理通知书.pdf',
  size: 1024,
  issuedAt: '2026-11-30T10:00:00+08:00',
};

/** Two seeded cases as 多地联办 (one part 办结, one 审查中) and 委托受理, as intake and the status feed leave them. */
function markJointAndDelegated(): void {
  const db = t.app.services.db;
  const ids = db
    .prepare<[string], { case_id: string }>(
      "SELECT case_id FROM cases WHERE business_date = ? AND outcome = 'accepted' ORDER BY decided_at DESC LIMIT 2",
    )
    .all(DAY)
    .map((r) => r.case_id);
  const parts = [
    {
      code: 'HUKOU',
      name: '出生登记',
      departmentName: '成都市公安局锦江区分局',
      step: 1,
      required: true,
      status: 'approved',
    },
    {
      code: 'MEDINS',
      name: '医保参保登记',
      departmentName: '四川省医疗保障局',
      step: 2,
      required: true,
      status: 'reviewing',
    },
  ];
  db.prepare(
    "UPDATE cases SET acceptance_mode = '多地联办', joint_parts = ?, dept_status = 'reviewing', dept_details = ? WHERE case_id = ?",
  ).run(
    JSON.stringify(parts.map(({ status: _s, ...p }) => p)),
    JSON.stringify({ parts, documents: [ACCEPTANCE] }),
    ids[0],
  );
  db.prepare("UPDATE cases SET acceptance_mode = '委托受理' WHERE case_id = ?").run(ids[1]);
}

describe('ledger', () => {
  it('lists one masked row per case with a summary, for supervisors only', async () => {
    expect(view.total).toBe(43);
    expect(view.rows).toHaveLength(43);
    expect(view.summary.cases).toBe(43);
    expect(view.summary.byOutcome.rejected).toBeGreaterThanOrEqual(1);
    expect(view.summary.byOutcome.accepted + view.summary.byOutcome.incomplete + view.summary.byOutcome.rejected).toBe(
      43,
    );
    expect(view.summary.byClerk).toEqual([expect.objectContaining({ clerkName: 'clerk1', count: 43 })]);
    expect(view.summary.avgCounterSeconds).toBeGreaterThan(0);
    const zhang = view.rows.find((r) => r.applicantIdMasked === '5001**********0014') as LedgerEntry;
    expect(zhang.applicantName).toBe('张*');
    expect(view.rows.find((r) => r.agentName === '欧**娜')).toMatchObject({ mode: 'proxy', applicantName: '张*' });
    expect(JSON.stringify(view)).not.toContain('500101199003070014');
    expect(await t.app.call(t.clerk, 'ledger:get', { date: DAY }, 20)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const paged = await callOk(t.app, t.sup, 'ledger:get', { date: DAY, limit: 10, offset: 40 });
    expect(paged.rows.map((r) => r.caseId)).toEqual(view.rows.slice(40).map((r) => r.caseId));
    const byClerk = await callOk(t.app, t.sup, 'ledger:get', { date: DAY, clerkId: 999 });
    expect(byClerk.total).toBe(0);
  });

  it('refuses a malformed scope', async () => {
    expect(await t.app.call(t.sup, 'ledger:get', { from: '2026-12-01', to: '2026-11-01' }, 40)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await t.app.call(t.sup, 'ledger:get', { from: '2026-01-01', to: '2026-12-31' }, 40)).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('exports XLSX with 汇总 and 明细: Chinese headers, widths, frozen header, real dates; read back equals the data', async () => {
    const e = await callOk(t.app, t.sup, 'ledger:export', { date: DAY, format: 'xlsx' });
    expect(e.rows).toBe(43);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(e.path);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '明细', '调整记录']);
    const sheet = wb.getWorksheet('明细') as ExcelJS.Worksheet;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    // 事项 and 部门 columns are as wide as the longest name exported (a CJK character counts two).
    LEDGER_COLUMNS.forEach((c, i) => {
      const widest = Math.max(...view.rows.map((r, n) => displayWidth(String(c.value(r, n + 1) ?? ''))));
      if (c.fitUpTo) expect(sheet.getColumn(i + 1).width).toBe(Math.min(c.fitUpTo, Math.max(c.width, widest + 2)));
      else expect(sheet.getColumn(i + 1).width).toBe(c.width);
    });
    const matterCol = LEDGER_COLUMNS.findIndex((c) => c.key === 'matter') + 1;
    const longestMatter = Math.max(...view.rows.map((r) => displayWidth(r.matterName)));
    expect(longestMatter).toBeGreaterThan(26);
    expect(sheet.getColumn(matterCol).width).toBeGreaterThanOrEqual(longestMatter);
    expect(sheet.rowCount).toBe(44);
    view.rows.forEach((r, i) => {
      const row = sheet.getRow(i + 2);
      LEDGER_COLUMNS.forEach((c, j) => {
        const cell = row.getCell(j + 1);
        const expected = c.value(r, i + 1);
        if (c.kind === 'datetime') {
          expect(cell.value).toBeInstanceOf(Date);
          expect((cell.value as Date).getTime()).toBe(excelChinaDate(String(expected)).getTime());
          expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm');
        } else if (c.kind === 'date') {
          expect(cell.value).toEqual(new Date(`${String(expected)}T00:00:00.000Z`));
          expect(cell.numFmt).toBe('yyyy-mm-dd');
        } else expect(cell.value ?? null).toEqual(expected === '' ? null : expected);
      });
    });
    const summary = wb.getWorksheet('汇总') as ExcelJS.Worksheet;
    const facts = new Map<string, unknown>();
    summary.eachRow((row) => facts.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(facts.get('办件总数')).toBe(43);
    expect(facts.get('不予收件')).toBe(view.summary.byOutcome.rejected);
    // 收受分离: the window 收件s; 受理模式, the 办理地 number and each 联办 part have their columns.
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers).toEqual(
      expect.arrayContaining(['受理模式', '收件人', '办理地部门编号', '办理地文书及文号', '联办环节状态']),
    );
    expect(headers).not.toContain('受理人');
    const joint = view.rows.findIndex((r) => r.acceptanceMode === '多地联办');
    const row = (sheet.getRow(joint + 2).values as unknown[]).slice(1);
    expect(row).toContain('出生登记（成都市公安局锦江区分局）：已办结；医保参保登记（四川省医疗保障局）：审查中');
    expect(row).toContain('收件');
    expect(row).toContain('受理通知书 锦公户受〔2026〕118号');
    const delegated = view.rows.findIndex((r) => r.acceptanceMode === '委托受理');
    expect((sheet.getRow(delegated + 2).values as unknown[]).slice(1)).toContain('受理');
    expect(facts.get('统计期间')).toBe(DAY);
    expect(summary.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    // In the file itself: 业务日期 (column B) is a number cell (no t="s"/"inlineStr") styled with a date format.
    const sheetXml = execFileSync('unzip', ['-p', e.path, 'xl/worksheets/sheet2.xml'], { encoding: 'utf8' });
    const b2 = /<c r="B2"([^>]*)>(.*?)<\/c>/.exec(sheetXml);
    expect(b2?.[1]).not.toMatch(/\st="/);
    expect(Number(/<v>([\d.]+)<\/v>/.exec(b2?.[2] ?? '')?.[1])).toBe(46356); // 2026-11-30 as an Excel serial day
    const styleNo = Number(/s="(\d+)"/.exec(b2?.[1] ?? '')?.[1]);
    const stylesXml = execFileSync('unzip', ['-p', e.path, 'xl/styles.xml'], { encoding: 'utf8' });
    const xf = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(stylesXml)?.[1] ?? '').matchAll(/<xf [^>]*>/g)][
      styleNo
    ]?.[0];
    const fmtId = /numFmtId="(\d+)"/.exec(xf ?? '')?.[1];
    expect(stylesXml).toContain(`<numFmt numFmtId="${fmtId}" formatCode="yyyy-mm-dd"/>`);
  });

  it('exports CSV as UTF-8 with a BOM, RFC 4180, CRLF; it parses back to the rows', async () => {
    const e = await callOk(t.app, t.sup, 'ledger:export', { date: DAY, format: 'csv' });
    const bytes = readFileSync(e.path);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')).toHaveLength(45);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(rows.slice(1)).toEqual(view.rows.map((r, i) => LEDGER_COLUMNS.map((c) => columnText(c, r, i + 1))));
    expect(rows[1]?.[3]).toBe(chinaDateTime(view.rows[0]?.decidedAt as string));
    const dl = await callOk(t.app, t.sup, 'exports:download', { exportId: e.exportId });
    expect(Buffer.from(dl.dataBase64, 'base64').equals(bytes)).toBe(true);
    expect(dl.mediaType).toContain('text/csv');
  });

  it('signs exports with the supervisor’s display name, not the login name', async () => {
    const { id } = await callOk(t.app, 'test:admin', 'users:create', {
      username: 'zhousup',
      displayName: '周建华',
      role: 'supervisor',
      password: 'Passw0rd!',
    });
    const heading = t.app.services.supervisor.exports.heading({ id, name: 'zhousup' }, { from: DAY, to: DAY });
    expect(heading.generatedBy).toBe('周建华');
  });

  it('exports PDF through Chromium: Chinese headers and masked IDs in the text; pages kept as PNGs', async () => {
    const e = await callOk(t.app, t.sup, 'ledger:export', { date: DAY, format: 'pdf' });
    const info = pdfInfo(e.path);
    expect(info.pages).toBe(1 + Math.ceil(43 / 16));
    expect(Math.round(info.widthPt)).toBe(842);
    const text = pdfText(e.path);
    const squash = text.replace(/\s+/g, '');
    for (const h of [
      '跨省通办窗口收件台账',
      '文书编号',
      '事项／情形',
      '证件号码',
      '业务属地部门',
      '部门状态',
      '按收件人',
      '联办1/2办结',
      '受理通知书锦公户受', // the 文号 wraps in its narrow cell: 〔2026〕118号 comes out on a later line
      '118号',
      '委托受理',
      '平均窗口用时',
    ])
      expect(squash).toContain(h);
    expect(squash).toContain('5001**********0014');
    expect(squash).not.toContain('500101199003070014');
    expect(squash).toContain(LEDGER_OUTCOME_LABELS_ZH.rejected);
    const pngs = pdfToPngs(e.path, 'ledger-day', 80);
    expect(pngs).toHaveLength(info.pages);
  });

  it('streams a range to XLSX page by page', async () => {
    seedDay(t.app.services.db, { date: '2026-11-29', count: 1200, clerkId: t.clerkId });
    const e = await callOk(t.app, t.sup, 'ledger:export', { from: '2026-11-29', to: DAY, format: 'xlsx' });
    expect(e.rows).toBe(1243);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(e.path);
    const sheet = wb.getWorksheet('明细') as ExcelJS.Worksheet;
    expect(sheet.rowCount).toBe(1244);
    expect(sheet.getRow(2).getCell(2).value).toEqual(new Date('2026-11-29T00:00:00.000Z'));
    expect(sheet.getRow(1244).getCell(2).value).toEqual(new Date(`${DAY}T00:00:00.000Z`));
    const list = await callOk(t.app, t.sup, 'exports:list', {});
    expect(list[0]?.exportId).toBe(e.exportId);
  });
});
