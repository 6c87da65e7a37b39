import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PrintResult } from '@common/printing/documents';
import {
  DEFAULT_PRINT_SETTINGS,
  parsePrinterTarget,
  type PrinterStatus,
  type PrintSettings,
} from '@common/printing/print-settings';
import { decodeEscPos } from './testing/escpos-decoder';
import { mmToPt, pdfInfo } from './testing/pdf-tools';
import { acceptedCase, configure, ok, printingApp, type PrintingTestApp } from './testing/fixtures';
import { startVirtualPrinter, type VirtualPrinter } from './testing/virtual-printer';

let t: PrintingTestApp;
let printer: VirtualPrinter | null = null;
afterEach(async () => {
  await printer?.close();
  printer = null;
  await t?.dispose();
});

const thermalStatus = async () =>
  (await ok<PrinterStatus[]>(t.app, t.clerk, 'printers:status', {})).find((s) => s.role === 'thermal');

describe('printer targets', () => {
  it('parses the four kinds and refuses anything else', () => {
    expect(parsePrinterTarget('tcp://192.168.1.50:9100')).toEqual({ kind: 'tcp', host: '192.168.1.50', port: 9100 });
    expect(parsePrinterTarget('tcp://printer.local')).toEqual({ kind: 'tcp', host: 'printer.local', port: 9100 });
    expect(parsePrinterTarget('/dev/usb/lp0')).toEqual({ kind: 'device', path: '/dev/usb/lp0' });
    expect(parsePrinterTarget('COM3')).toEqual({ kind: 'device', path: 'COM3' });
    expect(parsePrinterTarget('system:EPSON TM-T82')).toEqual({ kind: 'system', name: 'EPSON TM-T82' });
    for (const bad of ['tcp://host:70000', '/etc/passwd', '/dev/../etc/passwd', 'http://x', 'system:', ''])
      expect(parsePrinterTarget(bad), bad).toBeNull();
  });
});

describe('print settings', () => {
  it('start with defaults, are saved per window by an administrator, and validated', async () => {
    t = await printingApp();
    expect(await ok<PrintSettings>(t.app, t.clerk, 'printers:get', {})).toEqual(DEFAULT_PRINT_SETTINGS);
    const saved = await configure(t, { printers: { thermal: 'tcp://10.0.0.5:9100', thermalWidth: 58 } });
    expect(saved.printers).toEqual({
      thermal: 'tcp://10.0.0.5:9100',
      thermalWidth: 58,
      a4: 'pdf',
      label: 'pdf',
      labelSize: 'label-76x130',
    });
    const bad = { ...saved, printers: { ...saved.printers, thermal: '/etc/passwd', a4: 'tcp://10.0.0.5' } };
    expect(await t.app.call(t.admin, 'printers:update', bad, 100)).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        details: {
          fields: [
            { path: 'printers.thermal', code: 'thermal-target' },
            { path: 'printers.a4', code: 'sheet-target' },
          ],
        },
      },
    });
    expect(await t.app.call(t.clerk, 'printers:update', saved, 100)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const audit = await ok<{ action: string }[]>(t.app, t.admin, 'audit:list', { action: 'printers.update' });
    expect(audit).toHaveLength(1);
  });

  it('refuses to print on a receipt printer that is not set up', async () => {
    t = await printingApp();
    const { caseId } = await acceptedCase(t.app, t.clerk);
    expect(
      await t.app.call(t.clerk, 'print:document', { caseId, kind: 'acceptance-receipt', format: 'thermal-80' }, 0),
    ).toMatchObject({
      ok: false,
      error: { code: 'printer-not-configured' },
    });
  });
});

describe('printer status and test prints', () => {
  it('reports ready, near end, unknown (silent printer), unreachable and not configured', async () => {
    t = await printingApp();
    expect(await thermalStatus()).toMatchObject({ state: 'not-configured', reachable: null });
    printer = await startVirtualPrinter({ status: { answer: false } });
    await configure(t, { printers: { thermal: printer.url } });
    expect(await thermalStatus()).toMatchObject({ state: 'unknown', reachable: true });
    printer.setStatus({ answer: true });
    expect(await thermalStatus()).toMatchObject({ state: 'ready', reachable: true });
    printer.setStatus({ answer: true, paperNearEnd: true });
    expect(await thermalStatus()).toMatchObject({ state: 'paper-near-end' });
    printer.setStatus({ answer: true, paperOut: true });
    expect(await thermalStatus()).toMatchObject({ state: 'paper-out' });
    printer.setStatus({ answer: true, coverOpen: true });
    expect(await thermalStatus()).toMatchObject({ state: 'cover-open' });
    await printer.close();
    printer = null;
    expect(await thermalStatus()).toMatchObject({ state: 'unreachable', reachable: false, detail: 'ECONNREFUSED' });
    const all = await ok<PrinterStatus[]>(t.app, t.clerk, 'printers:status', {});
    expect(all.find((s) => s.role === 'a4')).toMatchObject({ state: 'ready', target: 'pdf' });
  });

  it('prints a test page with a column ruler on the receipt printer', async () => {
    t = await printingApp();
    printer = await startVirtualPrinter();
    await configure(t, { printers: { thermal: printer.url, thermalWidth: 58 } });
    const job = printer.nextJob();
    expect(await ok(t.app, t.clerk, 'printers:test', { role: 'thermal' })).toEqual({ output: 'printer' });
    const r = decodeEscPos(await job);
    expect(r.lines.map((l) => l.text)).toContain('12345678901234567890123456789012');
    expect(r.lines.some((l) => l.text.includes('打印机测试页'))).toBe(true);
    expect(r.barcodes).toEqual([{ type: 'code128', data: '1234567890' }]);
    expect(r.qrCodes).toEqual(['TONGBAN-TEST']);
    const sheet = await ok<{ output: string; pdfPath: string }>(t.app, t.clerk, 'printers:test', { role: 'a4' });
    expect(sheet.output).toBe('pdf');
    expect(existsSync(sheet.pdfPath)).toBe(true);
    // The label test page comes on the label stock the settings name.
    for (const [labelSize, w, h] of [
      ['label-76x130', 76, 130],
      ['label-100x150', 100, 150],
    ] as const) {
      await configure(t, { printers: { thermal: printer.url, thermalWidth: 58, labelSize } });
      const label = await ok<{ pdfPath: string }>(t.app, t.clerk, 'printers:test', { role: 'label' });
      const info = pdfInfo(label.pdfPath);
      expect(Math.abs(info.widthPt - mmToPt(w)), labelSize).toBeLessThan(1);
      expect(Math.abs(info.heightPt - mmToPt(h)), labelSize).toBeLessThan(1);
    }
  });

  it('writes receipts to a device file and reports a missing device clearly', async () => {
    t = await printingApp();
    await configure(t, { printers: { thermal: '/dev/null' } });
    const { caseId } = await acceptedCase(t.app, t.clerk);
    expect(
      await ok<PrintResult>(t.app, t.clerk, 'print:document', {
        caseId,
        kind: 'acceptance-receipt',
        format: 'thermal-80',
      }),
    ).toMatchObject({ output: 'printer', copy: 1 });
    await configure(t, { printers: { thermal: '/dev/usb/lp9' } });
    expect(await thermalStatus()).toMatchObject({ state: 'unreachable', reachable: false });
    expect(
      await t.app.call(t.clerk, 'print:document', { caseId, kind: 'acceptance-receipt', format: 'thermal-80' }, 0),
    ).toMatchObject({
      ok: false,
      error: { code: 'printer-unreachable', details: { cause: 'ENOENT', copy: 2 } },
    });
    expect(existsSync('/dev/usb/lp9')).toBe(false);
  });
});
