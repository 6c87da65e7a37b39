// 操作指南, 陪办 and 错时/延时服务 through the contract, on a real SQLite file.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UNVERIFIED_NOTE } from '@common/guide';
import { DEFAULT_OFFICE_HOURS, officePeriodAt, parseOfficePeriods } from '@common/hall-services';
import { readFileSync } from 'node:fs';
import { TRAINING_WATERMARK } from '@common/training';
import { callErr, callOk } from '../testing/call';
import { createUser, initialised, testApp, type TestApp } from '../testing/test-app';
import { acceptedCase } from '../printing/testing/fixtures';
import { pdfText, pdfToPngs } from '../printing/testing/pdf-tools';

let t: TestApp | null = null;
afterEach(async () => {
  if (t) {
    await t.services.printing.close();
    t.dispose();
  }
  t = null;
});

async function hall(): Promise<{ app: TestApp; admin: string; clerk: string; helper: string; supervisor: string }> {
  const app = await testApp();
  t = app;
  const admin = await initialised(app);
  for (const [name, role] of [
    ['clerk1', 'clerk'],
    ['helper1', 'helper'],
    ['sup1', 'supervisor'],
  ] as const) {
    await createUser(app, admin, name, role);
    await callOk(app, name, 'auth:login', { username: name, password: 'Passw0rd!' });
  }
  return { app, admin, clerk: 'clerk1', helper: 'helper1', supervisor: 'sup1' };
}

describe('操作指南', () => {
  it('is built from the catalogue; sections on unverified elements say 以办理地部门告知为准; it prints as a PDF', async () => {
    const { app, clerk } = await hall();
    const guide = await callOk(app, clerk, 'guide:get', { matterCode: 'CQ-KSTB-0001' });
    expect(guide).toMatchObject({ matterName: '社会保障卡申领', department: '人社部门', verified: false });
    const byKey = Object.fromEntries(guide.sections.map((s) => [s.key, s]));
    expect(Object.keys(byKey)).toEqual([
      'who',
      'situations',
      'materials',
      'incomplete',
      'originals',
      'time',
      'fee',
      'delivery',
    ]);
    // CQ-KSTB-0001 lists promisedDays, fee and conditions as unverified; materials and situations are checked.
    expect(byKey.time?.unverified).toBe(true);
    expect(byKey.fee?.unverified).toBe(true);
    expect(byKey.who?.unverified).toBe(true);
    expect(byKey.materials?.unverified).toBe(false);
    expect(byKey.situations?.lines).toContain('首次申领');
    expect(byKey.originals?.lines.join('\n')).toContain('申请人有效身份证件（居民身份证）：窗口核验原件后当场退还');
    expect(byKey.incomplete?.lines.join('\n')).toContain('申请人为未成年人时提供，未提供监护人居民身份证');
    expect(byKey.time?.lines[0]).toBe('承诺时限：20 个工作日（自业务属地部门受理之日起）');
    expect(await callErr(app, clerk, 'guide:get', { matterCode: 'CQ-KSTB-9999' })).toMatchObject({ code: 'not-found' });

    const { pdfBase64 } = await callOk(app, clerk, 'guide:pdf', { matterCode: 'CQ-KSTB-0001' });
    const file = join(tmpdir(), `guide-${process.pid}.pdf`);
    writeFileSync(file, Buffer.from(pdfBase64, 'base64'));
    const text = pdfText(file).replace(/\s+/g, '');
    for (const s of [
      '社会保障卡申领·操作指南',
      '谁可以申请',
      '常见一次性告知原因',
      '原件去向',
      '办理时限',
      UNVERIFIED_NOTE,
    ])
      expect(text).toContain(s.replace(/\s+/g, ''));
    // Live use: no training watermark.
    expect(text).not.toContain(TRAINING_WATERMARK.replace(/\s+/g, ''));
    pdfToPngs(file, 'guide-CQ-KSTB-0001', 60);
  });
});

describe('错时/延时服务', () => {
  it('books, lists masked for the day, opens the case with full details, links it and counts it in the ledger', async () => {
    const { app, clerk, helper, supervisor } = await hall();
    const booked = await callOk(app, helper, 'appointments:book', {
      serviceDate: '2026-11-30',
      serviceTime: '18:30',
      kind: 'extended',
      matterCode: 'CQ-KSTB-0001',
      applicantName: '张三',
      applicantPhone: '13800138000',
      note: '下班后来办',
    });
    expect(booked).toMatchObject({
      applicantNameMasked: '张*',
      applicantPhoneMasked: '138****8000',
      matterName: '社会保障卡申领',
      state: 'booked',
      bookedByName: 'helper1',
    });
    await callOk(app, clerk, 'appointments:book', {
      serviceDate: '2026-11-30',
      serviceTime: '12:15',
      kind: 'staggered',
      applicantName: '李四',
      applicantPhone: '13900139000',
    });
    const day = await callOk(app, clerk, 'appointments:day', { date: '2026-11-30' });
    expect(day.map((a) => a.serviceTime)).toEqual(['12:15', '18:30']);
    expect(JSON.stringify(day)).not.toContain('13800138000');
    expect(JSON.stringify(day)).not.toContain('张三');
    // A helper sees only the appointments they booked.
    expect((await callOk(app, helper, 'appointments:day', { date: '2026-11-30' })).map((a) => a.serviceTime)).toEqual([
      '18:30',
    ]);
    // Bad input and the past are refused, nothing stored.
    expect(
      await callErr(app, clerk, 'appointments:book', {
        serviceDate: '2026-11-29',
        serviceTime: '18:00',
        kind: 'extended',
        applicantName: '王五',
        applicantPhone: '13700137000',
      }),
    ).toMatchObject({ code: 'invalid-input', details: { fields: [{ path: 'serviceDate', code: 'date-past' }] } });
    expect(
      await callErr(app, clerk, 'appointments:book', {
        serviceDate: '2026-12-01',
        serviceTime: '25:00',
        kind: 'extended',
        applicantName: '王五',
        applicantPhone: '123',
      }),
    ).toMatchObject({ code: 'invalid-input' });

    const opened = await callOk(app, clerk, 'appointments:open', { appointmentId: booked.appointmentId });
    expect(opened).toEqual({
      appointmentId: booked.appointmentId,
      matterCode: 'CQ-KSTB-0001',
      applicantName: '张三',
      applicantPhone: '13800138000',
    });
    const { caseId } = await acceptedCase(app, clerk);
    const served = await callOk(app, clerk, 'appointments:link', { appointmentId: booked.appointmentId, caseId });
    expect(served).toMatchObject({ state: 'served', caseId });

    // 陪办 on the same case: the clerk accompanied the applicant to another window.
    const acc = await callOk(app, clerk, 'accompaniments:record', { caseId, destination: '3号窗口（医保）' });
    expect(acc).toMatchObject({ staffName: 'clerk1', destination: '3号窗口（医保）', recordedByName: 'clerk1' });
    expect(await callOk(app, supervisor, 'accompaniments:list', { caseId })).toHaveLength(1);
    // A helper cannot touch a case they did not file: answered like a missing case.
    expect(await callErr(app, helper, 'accompaniments:record', { caseId, destination: '社保窗口' })).toMatchObject({
      code: 'not-found',
    });

    const ledger = await callOk(app, supervisor, 'ledger:get', { date: '2026-11-30' });
    expect(ledger.summary.byService).toEqual({ accompanied: 1, offHours: 1 });
    expect(ledger.rows[0]?.services).toEqual(['accompanied', 'off-hours']);
    const audit = await callOk(app, 'test:admin', 'audit:list', { target: `case:${caseId}` });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['appointment.serve', 'case.accompany']));
    expect(JSON.stringify(audit)).not.toContain('13800138000');
  });

  it('lies outside the office hours of 系统设置 (per weekday, with the holiday data); admins set them', async () => {
    const { app, admin, clerk } = await hall();
    const book = (serviceDate: string, serviceTime: string, kind: 'extended' | 'staggered' = 'extended') =>
      app.call(
        clerk,
        'appointments:book',
        { serviceDate, serviceTime, kind, applicantName: '王五', applicantPhone: '13700137000' },
        0,
      );
    const inside = {
      code: 'invalid-input',
      details: { fields: [{ path: 'serviceTime', code: 'within-office-hours' }] },
    };
    // The default: 9:00–12:00 and 13:30–17:30, 星期一 to 星期五.
    expect(await callOk(app, clerk, 'settings:getOfficeHours', {})).toEqual(DEFAULT_OFFICE_HOURS);
    expect(await book('2026-12-01', '10:00')).toMatchObject({ ok: false, error: inside }); // a Tuesday morning
    expect(await book('2026-12-01', '13:30', 'staggered')).toMatchObject({ ok: false, error: inside });
    for (const [date, time] of [
      ['2026-12-01', '12:00'], // lunch break
      ['2026-12-01', '17:30'], // closing time
      ['2026-12-05', '10:00'], // a Saturday
      ['2027-01-01', '10:00'], // 元旦, a Friday
    ])
      expect(await book(date!, time!), `${date} ${time}`).toMatchObject({ ok: true });
    const zh = readFileSync(join(__dirname, '../../src-renderer/i18n/hall.zh-CN.ts'), 'utf8');
    expect(zh).toMatch(/'within-office-hours': '该时间在办公时间内/);

    // Saturday mornings open: then a Saturday 10:00 is a normal visit. Clerks cannot change the hours; bad hours change nothing.
    const saturdays = {
      weekdays: DEFAULT_OFFICE_HOURS.weekdays.map((d, i) => (i === 5 ? [{ from: '09:00', to: '12:00' }] : d)),
    };
    expect((await callErr(app, clerk, 'settings:updateOfficeHours', saturdays)).code).toBe('forbidden');
    const overlapping = {
      weekdays: saturdays.weekdays.map((d, i) => (i === 0 ? [...d, { from: '11:00', to: '14:00' }] : d)),
    };
    expect((await callErr(app, admin, 'settings:updateOfficeHours', overlapping)).code).toBe('invalid-input');
    expect((await callErr(app, admin, 'settings:updateOfficeHours', { weekdays: [[]] })).code).toBe('invalid-input');
    expect(await callOk(app, admin, 'settings:updateOfficeHours', saturdays)).toEqual(saturdays);
    expect(await book('2026-12-12', '10:00')).toMatchObject({ ok: false, error: inside });
    expect(app.services.audit.list({ action: 'settings.update', limit: 1 })[0]?.details).toMatchObject({
      after: { officeHours: saturdays },
    });
    // An adjusted working day (调休上班) keeps 星期一's hours; a holiday has none.
    const calendar = { holidays: new Map([['2026-10-01', '国庆节']]), workdays: new Map([['2026-10-10', '国庆调休']]) };
    expect(officePeriodAt(DEFAULT_OFFICE_HOURS, calendar, '2026-10-10', '10:00')).toEqual({
      from: '09:00',
      to: '12:00',
    });
    expect(officePeriodAt(DEFAULT_OFFICE_HOURS, calendar, '2026-10-01', '10:00')).toBeNull();
    expect(parseOfficePeriods('9:00-12:00，13:30-17:30')).toEqual(DEFAULT_OFFICE_HOURS.weekdays[0]);
    expect(parseOfficePeriods('上午')).toBeNull();
  });

  it('a cancelled appointment cannot be opened or linked', async () => {
    const { app, clerk } = await hall();
    const a = await callOk(app, clerk, 'appointments:book', {
      serviceDate: '2026-12-02',
      serviceTime: '08:00',
      kind: 'staggered',
      applicantName: '王五',
      applicantPhone: '13700137000',
    });
    expect(await callOk(app, clerk, 'appointments:cancel', { appointmentId: a.appointmentId })).toMatchObject({
      state: 'cancelled',
    });
    expect(await callErr(app, clerk, 'appointments:open', { appointmentId: a.appointmentId })).toMatchObject({
      code: 'conflict',
      details: { reason: 'appointment-cancelled' },
    });
  });
});
