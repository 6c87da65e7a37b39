// A thermal receipt as HTML, from the same layout the ESC/POS encoder prints: for the on-screen
// preview and for receipt printers reached through the operating system (Chromium prints it).
import type { ReceiptLayout, ReceiptOp } from '@common/printing/receipt-layout';
import { code128Svg, qrSvg } from './barcodes';
import { escapeHtml, type Templates } from './templates';

/** Printable width in millimetres of the two roll widths. */
export const ROLL_CONTENT_MM: Record<80 | 58, number> = { 80: 72, 58: 48 };

/** One line: ASCII characters in one-column boxes (the font is proportional), Chinese as is. */
function lineHtml(line: string): string {
  return Array.from(line)
    .map((ch) =>
      (ch.codePointAt(0) as number) < 0x80
        ? `<span class="a">${ch === ' ' ? '&#160;' : escapeHtml(ch)}</span>`
        : escapeHtml(ch),
    )
    .join('');
}

function opHtml(op: ReceiptOp, paperMm: 80 | 58): string {
  switch (op.op) {
    case 'text': {
      const cls = ['line', op.align === 'center' ? 'center' : '', op.bold ? 'bold' : '', op.size === 2 ? 'double' : '']
        .filter(Boolean)
        .join(' ');
      return op.lines.map((l) => `<div class="${cls}">${lineHtml(l)}</div>`).join('\n');
    }
    case 'rule':
      return '<div class="rule"></div>';
    case 'code128':
      return `<div class="figure">${code128Svg(op.data, { maxWidthMm: ROLL_CONTENT_MM[paperMm] - 4, heightMm: 9, label: op.caption })}<div class="caption">${escapeHtml(op.caption)}</div></div>`;
    case 'qr':
      return `<div class="figure">${qrSvg(op.data, paperMm === 80 ? 28 : 24)}<div class="caption">${escapeHtml(op.caption)}</div></div>`;
    case 'feed':
      return '<div class="feed"></div>'.repeat(op.lines);
    case 'cut':
      return '<div class="cut"></div>';
  }
}

/** The body of a thermal receipt page. */
export function receiptBodyHtml(
  t: Templates,
  layout: ReceiptLayout,
  paperMm: 80 | 58,
): { body: string; pageCss: string } {
  const body = t.render('thermal-receipt', {
    contentMm: ROLL_CONTENT_MM[paperMm],
    lines: layout.ops.map((op) => opHtml(op, paperMm)).join('\n'),
  });
  return { body, pageCss: '@page { margin: 0; }' };
}
