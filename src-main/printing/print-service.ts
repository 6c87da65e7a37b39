// print:document, print:preview and print:log. Every attempt is logged before the job is sent;
// a failure leaves a 'failed' row and a clear error, and the retry prints the same document with
// the same copy number. Second and later copies say 补打 on the paper and in the audit log.
import type { Actor, AuditLog } from '../audit/audit-log';
import { uuidv7 } from '../cases/ids';
import { AppError } from '@common/errors';
import { printerRoleOf, type PrintLogEntry, type PrintPreview, type PrintResult } from '@common/printing/documents';
import { parsePrinterTarget, type PrintSettings } from '@common/printing/print-settings';
import type { CaseDocuments, DocumentRequest, ResolvedDocument, Viewer } from './case-documents';
import type { ChromiumPrinter, HtmlJob } from './drivers/chromium';
import { KeyedLock } from './keyed-lock';
import type { PrinterOutput, PrintOutcome } from './output';
import type { PrintLogRepo } from './print-log-repo';
import type { SealService } from './seal-service';
import type { IssuedDocuments } from './issued-documents';
import { paperOf, type DocumentRenderer } from './renderer';
import { restrictedTo } from '../cases/case-access';

/** The member of staff printing. */
export type Printer = Actor & Viewer;

/** Dependencies of the print service. */
export interface PrintServiceDeps {
  documents: CaseDocuments;
  renderer: DocumentRenderer;
  output: PrinterOutput;
  printLog: PrintLogRepo;
  audit: AuditLog;
  chromium: () => ChromiumPrinter;
  settings: () => PrintSettings;
  /** 电子印章: signs every A4 document saved or previewed as a PDF. */
  seal: SealService;
  now: () => Date;
  /** 扫码核验: every issued notice is reported to the gateway (absent in benches that only render). */
  issued?: IssuedDocuments;
}

/** Prints, previews and lists the print log. */
export class PrintService {
  private readonly locks = new KeyedLock();

  constructor(private readonly d: PrintServiceDeps) {}

  /** The HTML job of a resolved document (sheets, labels, and receipts for system printers or preview). */
  private htmlJob(
    doc: ResolvedDocument,
    format: DocumentRequest['format'],
    embedFonts: boolean,
    signed = false,
  ): HtmlJob {
    if (doc.model === 'waybill') {
      if (format !== 'label-76x130' && format !== 'label-100x150') throw new RangeError(format);
      return this.d.renderer.waybillJob(doc.data, format, embedFonts);
    }
    if (format === 'thermal-80' || format === 'thermal-58') {
      const paper = paperOf(format);
      return this.d.renderer.receiptJob(
        this.d.renderer.receiptLayout(doc.data, paper),
        paper,
        `${doc.data.title} ${doc.documentNo}`,
        embedFonts,
      );
    }
    const mark = { anchor: signed, training: signed && this.d.seal.isTraining() };
    return this.d.renderer.noticeJob(doc.data, this.d.settings().documents.sealPng, embedFonts, mark);
  }

  /** A4 documents carry the seal's digital signature; sheets and labels of other kinds do not. */
  private signs(doc: ResolvedDocument, format: DocumentRequest['format']): boolean {
    return doc.model === 'notice' && format === 'a4';
  }

  private async send(doc: ResolvedDocument, req: DocumentRequest, target: string): Promise<PrintOutcome> {
    const parsed = parsePrinterTarget(target);
    if (!parsed) throw new AppError('printer-not-configured', 'printer setting unreadable', { target });
    if (req.format === 'thermal-80' || req.format === 'thermal-58') {
      if (doc.model !== 'notice') throw new RangeError('waybills are labels');
      const paper = paperOf(req.format);
      return this.d.output.thermal(
        parsed,
        () => this.d.renderer.escpos(this.d.renderer.receiptLayout(doc.data, paper), paper),
        () => this.htmlJob(doc, req.format, true),
      );
    }
    const fileName = `${doc.businessDate}/${doc.documentNo}-${req.kind}-${req.format}-c${doc.copy}.pdf`;
    const signed = this.signs(doc, req.format);
    return this.d.output.sheet(
      parsed,
      this.htmlJob(doc, req.format, true, signed && parsed.kind === 'pdf'),
      fileName,
      signed ? (pdf) => this.d.seal.sign(pdf) : undefined,
    );
  }

  /** The configured target of a format; refuses a receipt format whose width differs from the printer's. */
  private targetFor(req: DocumentRequest): string {
    const printers = this.d.settings().printers;
    const role = printerRoleOf(req.format);
    if (role !== 'thermal') return printers[role];
    if (printers.thermal === 'none')
      throw new AppError('printer-not-configured', 'no receipt printer is set up', { role });
    if (paperOf(req.format as 'thermal-80' | 'thermal-58') !== printers.thermalWidth) {
      throw new AppError('printer-not-configured', `the receipt printer takes ${printers.thermalWidth} mm paper`, {
        role,
        reason: 'width-mismatch',
        configuredWidth: printers.thermalWidth,
      });
    }
    return printers.thermal;
  }

  /** Prints one document on the printer configured for its format. */
  print(staff: Printer, req: DocumentRequest): Promise<PrintResult> {
    const target = this.targetFor(req);
    return this.locks.run(`${req.caseId}|${req.kind}|${req.waybillNo ?? ''}`, async () => {
      const doc = this.d.documents.resolve(req, staff);
      const printId = uuidv7(this.d.now().getTime());
      const reprint = doc.copy > 1;
      const base = {
        printId,
        kind: req.kind,
        format: req.format,
        documentNo: doc.documentNo,
        copy: doc.copy,
        printer: target,
      };
      this.d.printLog.insertPending({
        printId,
        caseId: req.caseId,
        kind: req.kind,
        documentRef: doc.documentRef,
        documentNo: doc.documentNo,
        format: req.format,
        printer: target,
        userId: staff.id,
        userName: staff.name,
        at: this.d.now().toISOString(),
        copy: doc.copy,
      });
      try {
        const out = await this.send(doc, req, target);
        this.d.printLog.finish(printId, {
          state: 'printed',
          ...(out.pdfPath ? { outputPath: out.pdfPath } : {}),
          sha256: out.sha256,
          at: this.d.now().toISOString(),
        });
        if (doc.model === 'notice' && doc.verifyToken)
          this.d.issued?.record({
            verifyToken: doc.verifyToken,
            printId,
            caseId: req.caseId,
            documentNo: doc.documentNo,
            kind: req.kind,
            format: req.format,
            copy: doc.copy,
            pdfSha256: out.output === 'pdf' ? out.sha256 : null,
            withPickupCode: doc.data.pickupCode !== null,
            at: this.d.now().toISOString(),
          });
        this.d.audit.append({
          actor: staff,
          action: reprint ? 'print.reprint' : 'print.document',
          target: `case:${req.caseId}`,
          details: { ...base, output: out.output },
        });
        return {
          printId,
          copy: doc.copy,
          reprint,
          output: out.output,
          ...(out.pdfPath ? { pdfPath: out.pdfPath } : {}),
        };
      } catch (err) {
        const failure = err instanceof AppError ? err : new AppError('printer-error', 'printing failed');
        this.d.printLog.finish(printId, { state: 'failed', errorCode: failure.code, at: this.d.now().toISOString() });
        this.d.audit.append({
          actor: staff,
          action: 'print.failed',
          target: `case:${req.caseId}`,
          details: { ...base, errorCode: failure.code },
        });
        throw failure.withDetails({ printId, copy: doc.copy, retry: true });
      }
    });
  }

  /** The document as it would print next (same template and copy number), as HTML or as the exact PDF. */
  async preview(viewer: Viewer, req: DocumentRequest & { as: 'html' | 'pdf' }): Promise<PrintPreview> {
    const doc = this.d.documents.resolve(req, viewer, req.as === 'html');
    const reprint = doc.copy > 1;
    if (req.as === 'html')
      return { as: 'html', html: this.htmlJob(doc, req.format, false).html, copy: doc.copy, reprint };
    const signed = this.signs(doc, req.format);
    const printed = await this.d.chromium().toPdf(this.htmlJob(doc, req.format, true, signed));
    const pdf = signed ? await this.d.seal.sign(printed) : printed;
    return { as: 'pdf', pdfBase64: pdf.toString('base64'), copy: doc.copy, reprint };
  }

  /** The print log, newest first; helpers see only their own prints. */
  log(viewer: Viewer, filter: { caseId?: string | undefined; limit: number }): PrintLogEntry[] {
    if (filter.caseId) this.d.documents.caseFor(filter.caseId, viewer);
    const own = restrictedTo(viewer);
    return this.d.printLog.list({
      ...(filter.caseId ? { caseId: filter.caseId } : {}),
      ...(own !== undefined ? { userId: own } : {}),
      limit: filter.limit,
    });
  }
}
