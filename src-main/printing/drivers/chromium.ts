// HTML → PDF or paper through Chromium. The Electron shell implements this with a hidden
// BrowserWindow (src-main/electron/print-window.ts); the browser host and the tests use a headless
// Chromium through playwright-core (playwright-chromium.ts).
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SystemPrinter } from '@common/printing/print-settings';

/** Page size of a job; 'auto' height (thermal rolls) is measured from the rendered content. */
export interface HtmlPage {
  widthMm: number;
  heightMm: number | 'auto';
}

/** A self-contained HTML document (fonts by file:// URL under resources/) and its page size. */
export interface HtmlJob {
  html: string;
  page: HtmlPage;
  /** Shown in the system print queue. */
  title: string;
}

/** Renders HTML with Chromium: to PDF bytes, or silently to a named system printer. */
export interface ChromiumPrinter {
  toPdf(job: HtmlJob): Promise<Buffer>;
  printSilently(job: HtmlJob, printerName: string): Promise<void>;
  listPrinters(): Promise<SystemPrinter[]>;
  close(): Promise<void>;
}

/** The page the document is written into: a file:// origin, so file:// fonts and images load. */
export function blankPageUrl(resourcesDir: string): string {
  return pathToFileURL(join(resourcesDir, 'templates', 'blank.html')).href;
}

/** Millimetres from CSS pixels (96 per inch). */
export const pxToMm = (px: number) => (px * 25.4) / 96;

/**
 * Script evaluated in the page: lays the page out first (so the rare-character font chunks its text needs
 * start loading), waits for web fonts, returns the content height in CSS pixels.
 */
export const MEASURE_SCRIPT =
  '(document.documentElement.scrollHeight, document.fonts.ready).then(() => Math.ceil(document.documentElement.scrollHeight))';

/** The page height to print: fixed, or the measured content (at least one millimetre more). */
export function pageHeightMm(page: HtmlPage, contentPx: number): number {
  return page.heightMm === 'auto' ? Math.ceil(pxToMm(contentPx)) + 1 : page.heightMm;
}
