import { afterEach, describe, expect, it } from 'vitest';
import { parseReceiptNumber } from '@common/cases/receipt-number';
import { displayWidth } from '@common/printing/display-width';
import type { PrintLogEntry, PrintResult } from '@common/printing/documents';
import { decodeEscPos, type DecodedReceipt } from './testing/escpos-decoder';
import { acceptedCase, configure, incompleteCase, ok, printingApp, type PrintingTestApp } from './testing/fixtures';
import { startVirtualPrinter, type VirtualPrinter } from './testing/virtual-printer';

let t: PrintingTestApp;
let printer: VirtualPrinter | null = null;
afterEach(async () => {
  await printer?.close();
  printer = null;
  await t?.dispose();
});

const FULL_ID = '500101199003070014';
const text = (r: DecodedReceipt) => r.lines.map((l) => l.text).join('\n');

function expectWithinColumns(r: DecodedReceipt, columns: number): void {
  for (const line of r.lines)
    expect(displayWidth(line.text) * line.widthMul, `"${line.text}"`).toBeLessThanOrEqual(columns);
}

describe('thermal receipts over a network printer', () => {
  it('prints the 收件凭证 at 80 mm: Chinese via GB18030, masked ID, barcode, QR code, no 受理 claimed by the window', async () => {
    t = await printingApp();
    printer = await startVirtualPrinter();
    await configure(t, { printers: { thermal: printer.url, thermalWidth: 80 } });
    const { caseId, documentNo } = await acceptedCase(t.app, t.clerk);
    const job = printer.nextJob();
    const result = await ok<PrintResult>(t.app, t.clerk, 'print:document', {
      caseId,
      kind: 'acceptance-receipt',
      format: 'thermal-80',
    });
    expect(result).toMatchObject({ copy: 1, reprint: false, output: 'printer' });
    const bytes = await job;
    expect(bytes.includes(Buffer.from(FULL_ID))).toBe(false);
    expect(bytes.includes(Buffer.from('13800138000'))).toBe(false);
    const r = decodeEscPos(bytes);
    expect(r.unknown).toEqual([]);
    expect(r.chineseModeUsed).toBe(true);
    const all = text(r);
    expect(all).toContain(documentNo);
    expect(all).toContain('收件凭证');
    // 收受分离: the window 收件s; the 办理地 department 受理s and decides (no window 受理/决定 wording).
    expect(all).not.toContain('受理通知书');
    expect(all).not.toContain('予以受理');
    expect(all).toContain('（收件专用章）');
    expect(all.replace(/\s/g, '')).toContain('不作出受理或审批决定');
    expect(all.replace(/\s/g, '')).toContain('自办理地部门受理之日起');
    expect(all.replace(/\s/g, '')).toContain('以办理地部门告知为准');
    expect(all).toContain('社会保障卡申领');
    expect(all).toContain('首次申领');
    expect(all).toContain('5001**********0014');
    expect(all).toContain('138****8000');
    expect(all).toContain('2026年11月30日');
    expect(all.replace(/\s/g, '')).toContain('预计2026年12月28日前办结');
    expect(all).toContain('12345');
    expect(all).not.toContain('补打');
    expectWithinColumns(r, 48);
    expect(r.barcodes).toHaveLength(1);
    expect(parseReceiptNumber(r.barcodes[0]?.data ?? '')).toMatchObject({
      windowCode: '50010112',
      date: '2026-11-30',
      sequence: 1,
    });
    expect(r.qrCodes).toHaveLength(2);
    expect(await ok(t.app, t.clerk, 'print:verifyQr', { text: r.qrCodes[0] })).toEqual({
      ok: true,
      documentNo,
      caseId,
    });
    expect(
      await ok(t.app, t.clerk, 'print:verifyQr', {
        text: (r.qrCodes[0] as string).replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
      }),
    ).toEqual({ ok: false, reason: 'bad-signature' });
    expect(r.qrCodes[1]).toContain('50010112');
    expect(r.cuts).toBe(1);
    expect(r.items[r.items.length - 1]).toEqual({ kind: 'cut' });
  });

  it('marks the second copy 补打 on the paper and in the audit log', async () => {
    t = await printingApp();
    printer = await startVirtualPrinter();
    await configure(t, { printers: { thermal: printer.url } });
    const { caseId } = await acceptedCase(t.app, t.clerk);
    await ok(t.app, t.clerk, 'print:document', { caseId, kind: 'acceptance-receipt', format: 'thermal-80' });
    await printer.nextJob();
    const second = await ok<PrintResult>(t.app, t.clerk, 'print:document', {
      caseId,
      kind: 'acceptance-receipt',
      format: 'thermal-80',
    });
    expect(second).toMatchObject({ copy: 2, reprint: true });
    const r = decodeEscPos(await printer.nextJob());
    expect(text(r)).toContain('补打（第2份）');
    const audit = await ok<{ action: string; details: { copy: number } }[]>(t.app, t.admin, 'audit:list', {
      target: `case:${caseId}`,
    });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['print.document', 'print.reprint']));
    expect(audit.find((a) => a.action === 'print.reprint')?.details.copy).toBe(2);
    // The A4 notice is another thing to hand over, not a reprint of the slip: its own copy 1.
    expect(
      await ok<PrintResult>(t.app, t.clerk, 'print:document', { caseId, kind: 'acceptance-receipt', format: 'a4' }),
    ).toMatchObject({ copy: 1, reprint: false });
    // A 58 mm slip is the same slip on narrower paper: copy 3.
    await configure(t, { printers: { thermal: printer.url, thermalWidth: 58 } });
    expect(
      await ok<PrintResult>(t.app, t.clerk, 'print:document', {
        caseId,
        kind: 'acceptance-receipt',
        format: 'thermal-58',
      }),
    ).toMatchObject({ copy: 3, reprint: true });
  });

  it('prints the 补正材料一次性告知书 at 58 mm with every missing material, no line over 32 columns', async () => {
    t = await printingApp();
    printer = await startVirtualPrinter();
    await configure(t, { printers: { thermal: printer.url, thermalWidth: 58 } });
    const { caseId, documentNo } = await incompleteCase(t.app, t.clerk);
    const job = printer.nextJob();
    await ok(t.app, t.clerk, 'print:document', { caseId, kind: 'incomplete-notice', format: 'thermal-58' });
    const r = decodeEscPos(await job);
    const all = text(r);
    expect(all).toContain('补正材料一次性告知书');
    expect(all).toContain(documentNo);
    expect(all.replace(/\s/g, '')).toContain('近期免冠彩色证件照');
    expect(all.replace(/\s/g, '')).toContain('《社会保障卡申领登记表》');
    expectWithinColumns(r, 32);
    expect(await ok(t.app, t.clerk, 'print:verifyQr', { text: r.qrCodes[0] })).toMatchObject({ ok: true, documentNo });
    // A receipt format that does not match the configured paper is refused before anything is sent.
    expect(
      await t.app.call(t.clerk, 'print:document', { caseId, kind: 'incomplete-notice', format: 'thermal-80' }, 0),
    ).toMatchObject({
      ok: false,
      error: { code: 'printer-not-configured', details: { reason: 'width-mismatch' } },
    });
  });

  it('an unreachable printer gives a clear error, the log shows the failure, and the retry prints the same copy', async () => {
    t = await printingApp();
    printer = await startVirtualPrinter();
    const port = printer.port;
    await printer.close();
    printer = null;
    await configure(t, { printers: { thermal: `tcp://127.0.0.1:${port}` } });
    const { caseId, documentNo } = await acceptedCase(t.app, t.clerk);
    const failed = await t.app.call(
      t.clerk,
      'print:document',
      { caseId, kind: 'acceptance-receipt', format: 'thermal-80' },
      0,
    );
    expect(failed).toMatchObject({
      ok: false,
      error: { code: 'printer-unreachable', details: { copy: 1, retry: true, cause: 'ECONNREFUSED' } },
    });
    const log1 = await ok<PrintLogEntry[]>(t.app, t.clerk, 'print:log', { caseId });
    expect(log1).toMatchObject([
      { state: 'failed', errorCode: 'printer-unreachable', copy: 1, documentNo, printer: `tcp://127.0.0.1:${port}` },
    ]);

    printer = await startVirtualPrinter({ port });
    const job = printer.nextJob();
    const retry = await ok<PrintResult>(t.app, t.clerk, 'print:document', {
      caseId,
      kind: 'acceptance-receipt',
      format: 'thermal-80',
    });
    expect(retry).toMatchObject({ copy: 1, reprint: false });
    expect(text(decodeEscPos(await job))).not.toContain('补打');
    const log2 = await ok<PrintLogEntry[]>(t.app, t.clerk, 'print:log', { caseId });
    expect(log2.map((e) => [e.state, e.copy])).toEqual([
      ['printed', 1],
      ['failed', 1],
    ]);
  });

  it('refuses to print when the printer reports paper out, and says so', async () => {
    t = await printingApp();
    printer = await startVirtualPrinter({ status: { answer: true, paperOut: true } });
    await configure(t, { printers: { thermal: printer.url } });
    const { caseId } = await acceptedCase(t.app, t.clerk);
    expect(
      await t.app.call(t.clerk, 'print:document', { caseId, kind: 'acceptance-receipt', format: 'thermal-80' }, 0),
    ).toMatchObject({
      ok: false,
      error: { code: 'printer-paper-out' },
    });
    printer.setStatus({ answer: true });
    const job = printer.nextJob();
    expect(
      await ok<PrintResult>(t.app, t.clerk, 'print:document', {
        caseId,
        kind: 'acceptance-receipt',
        format: 'thermal-80',
      }),
    ).toMatchObject({ copy: 1 });
    const r = decodeEscPos(await job);
    expect(r.statusQueries).toEqual([2, 4]);
    expect(r.barcodes).toHaveLength(1);
  });

  it('refuses documents that do not fit the case', async () => {
    t = await printingApp();
    printer = await startVirtualPrinter();
    await configure(t, { printers: { thermal: printer.url } });
    const { caseId } = await acceptedCase(t.app, t.clerk);
    expect(
      await t.app.call(t.clerk, 'print:document', { caseId, kind: 'incomplete-notice', format: 'thermal-80' }, 0),
    ).toMatchObject({ ok: false, error: { code: 'document-not-applicable' } });
    expect(
      await t.app.call(t.clerk, 'print:document', { caseId, kind: 'rejection-notice', format: 'thermal-80' }, 0),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(
      await t.app.call(t.clerk, 'print:document', { caseId, kind: 'waybill', format: 'label-76x130' }, 0),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await ok<PrintLogEntry[]>(t.app, t.clerk, 'print:log', { caseId })).toEqual([]);
  });
});
