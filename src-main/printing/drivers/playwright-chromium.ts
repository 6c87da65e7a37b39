// Chromium for the browser host and the tests: one headless browser launched on first use and
// reused; one page reused for every job (fonts stay cached), jobs run one at a time.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { AppError } from '@common/errors';
import type { SystemPrinter } from '@common/printing/print-settings';
import { blankPageUrl, MEASURE_SCRIPT, pageHeightMm, type ChromiumPrinter, type HtmlJob } from './chromium';
import { lpPrint, lpPrinters } from './system-print';

/** Launch flags that work on these machines (no sandbox as root, no network chatter). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Headless Chromium through playwright-core. */
export class PlaywrightChromium implements ChromiumPrinter {
  private browser: Promise<Browser> | null = null;
  private page: Promise<Page> | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: { resourcesDir: string; executablePath?: string }) {}

  private launch(): Promise<Browser> {
    const executablePath = this.opts.executablePath ?? CANDIDATES.find((p) => existsSync(p)) ?? CANDIDATES[0];
    // Loaded on first use: the Electron shell never needs playwright-core.
    this.browser ??= import('playwright-core')
      .then(({ chromium }) => chromium.launch({ executablePath, args: CHROMIUM_ARGS }))
      .then(
        (b) => {
          b.on('disconnected', () => {
            this.browser = null;
            this.page = null;
          });
          return b;
        },
        (err: unknown) => {
          this.browser = null;
          throw new AppError('printer-error', 'Chromium could not be started', {
            cause: err instanceof Error ? err.message.slice(0, 200) : 'launch-failed',
          });
        },
      );
    return this.browser;
  }

  private openPage(): Promise<Page> {
    this.page ??= this.launch().then(async (browser) => {
      const page = await browser.newPage({ javaScriptEnabled: false });
      await page.goto(blankPageUrl(this.opts.resourcesDir));
      return page;
    });
    this.page.catch(() => (this.page = null));
    return this.page;
  }

  /** Runs jobs one after another on the shared page. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private render(job: HtmlJob): Promise<{ pdf: Buffer; heightMm: number }> {
    return this.serial(async () => {
      const page = await this.openPage();
      await page.setContent(job.html, { waitUntil: 'load' });
      const heightMm = pageHeightMm(job.page, Number(await page.evaluate(MEASURE_SCRIPT)));
      const pdf = await page.pdf({
        width: `${job.page.widthMm}mm`,
        height: `${heightMm}mm`,
        printBackground: true,
        margin: { top: '0', right: '0', bottom: '0', left: '0' },
      });
      return { pdf, heightMm };
    });
  }

  async toPdf(job: HtmlJob): Promise<Buffer> {
    return (await this.render(job)).pdf;
  }

  async printSilently(job: HtmlJob, printerName: string): Promise<void> {
    const { pdf, heightMm } = await this.render(job);
    await lpPrint(pdf, printerName, { title: job.title, widthMm: job.page.widthMm, heightMm });
  }

  listPrinters(): Promise<SystemPrinter[]> {
    return lpPrinters();
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    this.page = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}
