// Electron's side of printing: a hidden, sandboxed window in its own session renders the
// document HTML, then webContents.printToPDF (PDF files, previews) or webContents.print (silent,
// to a named system printer). Jobs run one at a time; the window is created on first use.
import { BrowserWindow, session } from 'electron';
import { AppError } from '@common/errors';
import type { SystemPrinter } from '@common/printing/print-settings';
import {
  blankPageUrl,
  MEASURE_SCRIPT,
  pageHeightMm,
  type ChromiumPrinter,
  type HtmlJob,
} from '../printing/drivers/chromium';

const PARTITION = 'tongban-print';
const MM_PER_INCH = 25.4;

/** The ChromiumPrinter of the Electron shell. */
export class ElectronPrintWindow implements ChromiumPrinter {
  private ready: Promise<BrowserWindow> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly resourcesDir: string) {}

  private window(): Promise<BrowserWindow> {
    this.ready ??= (async () => {
      const ses = session.fromPartition(PARTITION);
      // The documents are self-contained: only the local page, fonts and data: images may load.
      ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !/^(file|data):/.test(details.url) }));
      ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
      const win = new BrowserWindow({
        show: false,
        width: 794,
        height: 1123,
        webPreferences: {
          session: ses,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          spellcheck: false,
          devTools: false,
        },
      });
      win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      win.webContents.on('will-navigate', (event) => event.preventDefault());
      win.on('closed', () => (this.ready = null));
      await win.loadURL(blankPageUrl(this.resourcesDir));
      return win;
    })();
    this.ready.catch(() => (this.ready = null));
    return this.ready;
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Writes the document into the blank file:// page (so file:// fonts load) and measures it. */
  private async load(job: HtmlJob): Promise<{ win: BrowserWindow; heightMm: number }> {
    const win = await this.window();
    await win.webContents.executeJavaScript(
      `document.open();document.write(${JSON.stringify(job.html)});document.close();`,
    );
    const heightMm = pageHeightMm(job.page, Number(await win.webContents.executeJavaScript(MEASURE_SCRIPT)));
    return { win, heightMm };
  }

  toPdf(job: HtmlJob): Promise<Buffer> {
    return this.serial(async () => {
      const { win, heightMm } = await this.load(job);
      return win.webContents.printToPDF({
        printBackground: true,
        pageSize: { width: job.page.widthMm / MM_PER_INCH, height: heightMm / MM_PER_INCH },
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
      });
    });
  }

  printSilently(job: HtmlJob, printerName: string): Promise<void> {
    return this.serial(async () => {
      const { win, heightMm } = await this.load(job);
      const printers = await win.webContents.getPrintersAsync();
      if (!printers.some((p) => p.name === printerName)) {
        throw new AppError('printer-unreachable', `no system printer named ${printerName}`, {
          target: `system:${printerName}`,
          cause: 'printer-not-installed',
        });
      }
      await new Promise<void>((resolve, reject) => {
        win.webContents.print(
          {
            silent: true,
            deviceName: printerName,
            printBackground: true,
            // webContents.print takes microns.
            pageSize: { width: Math.round(job.page.widthMm * 1000), height: Math.round(heightMm * 1000) },
            margins: { marginType: 'none' },
          },
          (success, failureReason) =>
            success
              ? resolve()
              : reject(
                  new AppError('printer-error', `system printing failed: ${failureReason}`, {
                    target: `system:${printerName}`,
                    cause: failureReason,
                  }),
                ),
        );
      });
    });
  }

  async listPrinters(): Promise<SystemPrinter[]> {
    const win = await this.window();
    return (await win.webContents.getPrintersAsync()).map((p) => ({ name: p.name, isDefault: false }));
  }

  async close(): Promise<void> {
    const ready = this.ready;
    this.ready = null;
    const win = await ready?.catch(() => null);
    if (win && !win.isDestroyed()) win.destroy();
  }
}
