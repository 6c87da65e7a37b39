// Print settings, printer status and test prints.
import { constants } from 'node:fs';
import { access, mkdir } from 'node:fs/promises';
import type { Actor, AuditLog } from '../audit/audit-log';
import { AppError } from '@common/errors';
import type { Hall } from '@common/hall';
import { COLUMNS_58MM, COLUMNS_80MM } from '@common/printing/display-width';
import {
  parsePrinterTarget,
  type PrinterStatus,
  type PrintSettings,
  type SystemPrinter,
} from '@common/printing/print-settings';
import { testPageLayout } from '@common/printing/receipt-layout';
import { chinaDate } from '@common/time';
import type { ChromiumPrinter } from './drivers/chromium';
import { deviceReachable } from './drivers/device-printer';
import { tcpStatus, type TcpOptions } from './drivers/tcp-printer';
import type { PrinterOutput } from './output';
import type { PrintSettingsRepo } from './print-settings-repo';
import type { DocumentRenderer } from './renderer';

/** Dependencies of the printer service. */
export interface PrinterServiceDeps {
  repo: PrintSettingsRepo;
  hall: () => Hall;
  audit: AuditLog;
  renderer: DocumentRenderer;
  output: PrinterOutput;
  chromium: () => ChromiumPrinter;
  pdfDir: string;
  tcp?: TcpOptions;
  now: () => Date;
}

type Role = PrinterStatus['role'];

/** The window's printers: settings, status, test prints. */
export class PrinterService {
  constructor(private readonly d: PrinterServiceDeps) {}

  settings(): PrintSettings {
    return this.d.repo.get(this.d.hall().windowCode);
  }

  update(actor: Actor & { id: number }, next: PrintSettings): PrintSettings {
    const before = this.settings();
    this.d.repo.set(this.d.hall().windowCode, next, actor.id, this.d.now().toISOString());
    this.d.audit.append({
      actor,
      action: 'printers.update',
      details: {
        printers: next.printers,
        lowWatermark: next.waybillPool.lowWatermark,
        sealChanged: before.documents.sealPng !== next.documents.sealPng,
      },
    });
    return this.settings();
  }

  private targetOf(role: Role, s: PrintSettings): string {
    return role === 'thermal' ? s.printers.thermal : s.printers[role];
  }

  /** The state of one printer; never throws (an unreachable printer is a state, not an error). */
  async statusOf(role: Role): Promise<PrinterStatus> {
    const target = this.targetOf(role, this.settings());
    const t = parsePrinterTarget(target);
    const result = (
      state: PrinterStatus['state'],
      reachable: boolean | null,
      detail: string | null = null,
    ): PrinterStatus => ({ role, target, state, reachable, detail });
    if (!t || t.kind === 'none') return result('not-configured', null);
    if (t.kind === 'tcp') {
      try {
        const s = await tcpStatus(t.host, t.port, this.d.tcp);
        if (!s.answered) return result('unknown', true, 'no-status-answer');
        if (s.paperOut) return result('paper-out', true);
        if (s.coverOpen) return result('cover-open', true);
        if (s.error) return result('error', true);
        return result(s.paperNearEnd ? 'paper-near-end' : 'ready', true);
      } catch (err) {
        return result('unreachable', false, err instanceof AppError ? String(err.details?.cause ?? err.code) : 'error');
      }
    }
    if (t.kind === 'device')
      return (await deviceReachable(t.path))
        ? result('unknown', true, 'device-present')
        : result('unreachable', false, 'device-missing');
    if (t.kind === 'pdf') {
      try {
        await mkdir(this.d.pdfDir, { recursive: true });
        await access(this.d.pdfDir, constants.W_OK);
        return result('ready', true);
      } catch {
        return result('error', false, 'pdf-folder-not-writable');
      }
    }
    const printers = await this.d
      .chromium()
      .listPrinters()
      .catch(() => [] as SystemPrinter[]);
    if (!printers.length) return result('unknown', null, 'printer-list-unavailable');
    return printers.some((p) => p.name === t.name)
      ? result('ready', true)
      : result('unreachable', false, 'printer-not-installed');
  }

  status(): Promise<PrinterStatus[]> {
    return Promise.all((['thermal', 'a4', 'label'] as const).map((r) => this.statusOf(r)));
  }

  listSystemPrinters(): Promise<SystemPrinter[]> {
    return this.d.chromium().listPrinters();
  }

  /** Prints a test page on one printer. */
  async test(actor: Actor, role: Role): Promise<{ output: 'printer' | 'pdf'; pdfPath?: string }> {
    const s = this.settings();
    const target = this.targetOf(role, s);
    const parsed = parsePrinterTarget(target);
    if (!parsed || parsed.kind === 'none')
      throw new AppError('printer-not-configured', 'no printer is set up', { role });
    const hall = this.d.hall();
    const printedAt = this.d.now().toISOString();
    try {
      let out;
      if (role === 'thermal') {
        const paper = s.printers.thermalWidth;
        const layout = testPageLayout(
          {
            hallName: hall.name,
            windowLabel: `${hall.windowNo}号窗口`,
            printedAt: printedAt.slice(0, 16).replace('T', ' '),
            target,
          },
          paper === 80 ? COLUMNS_80MM : COLUMNS_58MM,
        );
        out = await this.d.output.thermal(
          parsed,
          () => this.d.renderer.escpos(layout, paper),
          () => this.d.renderer.receiptJob(layout, paper, '打印机测试页'),
        );
      } else {
        const job = this.d.renderer.testSheetJob(role === 'a4' ? 'a4' : s.printers.labelSize, {
          hallName: hall.name,
          target,
          printedAt,
        });
        out = await this.d.output.sheet(
          parsed,
          job,
          `${chinaDate(this.d.now())}/test-${role}-${Date.parse(printedAt)}.pdf`,
        );
      }
      this.d.audit.append({ actor, action: 'printers.test', details: { role, target, ok: true } });
      return { output: out.output, ...(out.pdfPath ? { pdfPath: out.pdfPath } : {}) };
    } catch (err) {
      this.d.audit.append({
        actor,
        action: 'printers.test',
        details: { role, target, ok: false, errorCode: err instanceof AppError ? err.code : 'printer-error' },
      });
      throw err;
    }
  }
}
