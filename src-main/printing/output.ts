// Sends rendered documents where the window's settings say: a receipt printer (TCP or device),
// a system printer through Chromium, or a PDF file in the data folder.
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AppError } from '@common/errors';
import type { PrinterTarget } from '@common/printing/print-settings';
import type { ChromiumPrinter, HtmlJob } from './drivers/chromium';
import { sendToDevice } from './drivers/device-printer';
import { sendTcp, type TcpOptions } from './drivers/tcp-printer';

/** Where a print went. */
export interface PrintOutcome {
  output: 'printer' | 'pdf';
  pdfPath?: string;
  sha256: string;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** Writes a file atomically (temporary name, then rename). */
async function writeAtomically(path: string, bytes: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, bytes);
  await rename(tmp, path);
}

/** Output channels of the printing service. */
export class PrinterOutput {
  constructor(private readonly deps: { chromium: () => ChromiumPrinter; pdfDir: string; tcp?: TcpOptions }) {}

  /** A receipt: ESC/POS bytes to a TCP or device printer, or its HTML to a system printer. */
  async thermal(target: PrinterTarget, bytes: () => Promise<Buffer>, html: () => HtmlJob): Promise<PrintOutcome> {
    switch (target.kind) {
      case 'tcp': {
        const data = await bytes();
        await sendTcp(target.host, target.port, data, this.deps.tcp);
        return { output: 'printer', sha256: sha256(data) };
      }
      case 'device': {
        const data = await bytes();
        await sendToDevice(target.path, data);
        return { output: 'printer', sha256: sha256(data) };
      }
      case 'system': {
        const job = html();
        await this.deps.chromium().printSilently(job, target.name);
        return { output: 'printer', sha256: sha256(job.html) };
      }
      default:
        throw new AppError('printer-not-configured', 'no receipt printer is set up', { role: 'thermal' });
    }
  }

  /** A sheet or label: a PDF file under the data folder, or a system printer. */
  async sheet(
    target: PrinterTarget,
    job: HtmlJob,
    fileName: string,
    /** 电子印章: signs the PDF before it is saved (A4 documents). */
    sign?: (pdf: Buffer) => Promise<Buffer>,
  ): Promise<PrintOutcome> {
    if (target.kind === 'system') {
      await this.deps.chromium().printSilently(job, target.name);
      return { output: 'printer', sha256: sha256(job.html) };
    }
    if (target.kind !== 'pdf') throw new AppError('printer-not-configured', 'no printer is set up for this format');
    const printed = await this.deps.chromium().toPdf(job);
    const pdf = sign ? await sign(printed) : printed;
    const pdfPath = join(this.deps.pdfDir, fileName);
    try {
      await writeAtomically(pdfPath, pdf);
    } catch (err) {
      throw new AppError('printer-error', 'the PDF could not be saved', {
        cause: (err as NodeJS.ErrnoException).code ?? 'error',
      });
    }
    return { output: 'pdf', pdfPath, sha256: sha256(pdf) };
  }
}
