// 培训模式 watermark (decision 0130): every document printed from the training data folder says
// 培训样例 不具法律效力 — across each PDF/sheet page (every HTML job passes through Chromium here) and at
// the head and foot of each thermal receipt (ESC/POS bytes).
import type { ReceiptLayout } from '@common/printing/receipt-layout';
import type { ChromiumPrinter, HtmlJob } from './drivers/chromium';
import { escapeHtml } from './html/templates';

const STYLE =
  '.tongban-training-mark{position:fixed;inset:0;display:flex;flex-direction:column;justify-content:space-around;' +
  'align-items:center;pointer-events:none;z-index:2147483647;overflow:hidden}' +
  '.tongban-training-mark span{transform:rotate(-30deg);color:rgba(200,0,0,.28);font-size:13mm;font-weight:700;' +
  'white-space:nowrap;letter-spacing:2mm}' +
  '.tongban-training-bar{color:#c00;font-weight:700;text-align:center;border:0.4mm solid #c00;margin:0 0 1mm}';

/** The page with the watermark added: fixed-position, so Chromium repeats it on every printed page. */
export function watermarkHtml(html: string, text: string): string {
  const t = escapeHtml(text);
  const mark = `<style>${STYLE}</style><div class="tongban-training-bar">${t}</div><div class="tongban-training-mark" aria-hidden="true"><span>${t}</span><span>${t}</span><span>${t}</span></div>`;
  const at = html.lastIndexOf('</body>');
  return at < 0 ? html + mark : html.slice(0, at) + mark + html.slice(at);
}

/** A Chromium printer that watermarks every job it renders or prints. */
export function watermarkedChromium(inner: ChromiumPrinter, text: string): ChromiumPrinter {
  const mark = (job: HtmlJob): HtmlJob => ({ ...job, html: watermarkHtml(job.html, text) });
  return {
    toPdf: (job) => inner.toPdf(mark(job)),
    printSilently: (job, printerName) => inner.printSilently(mark(job), printerName),
    listPrinters: () => inner.listPrinters(),
    close: () => inner.close(),
  };
}

/** A thermal receipt with the watermark as its first and last printed lines (before the cut). */
export function watermarkLayout(layout: ReceiptLayout, text: string): ReceiptLayout {
  const line = { op: 'text' as const, lines: [`【${text}】`], align: 'center' as const, bold: true };
  const ops = [...layout.ops];
  const cutAt = ops.findIndex((o) => o.op === 'cut');
  const tail = cutAt < 0 ? ops.length : cutAt;
  ops.splice(tail, 0, { op: 'rule' }, line);
  return { ...layout, ops: [line, { op: 'rule' }, ...ops] };
}
