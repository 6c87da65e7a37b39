// Receipt layout → ESC/POS bytes. node-thermal-printer builds the standard commands (init,
// alignment, size, bold, QR, cut); text goes in as GB18030 bytes after `FS &` (Chinese mode),
// because the library's CharacterSet.CHINA uses a GBK table that turns rare characters into '?'.
import iconv from 'iconv-lite';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { ReceiptLayout, ReceiptOp } from '@common/printing/receipt-layout';
import { code128Command } from './code128';

const FS_CHINESE_ON = Buffer.from([0x1c, 0x26]);
const ESC_INIT = Buffer.from([0x1b, 0x40]);
const LF = Buffer.from([0x0a]);

/** Printable width in dots of an 80 mm (72 mm printable) or 58 mm (48 mm printable) roll at 203 dpi. */
export const PRINTABLE_DOTS: Record<80 | 58, number> = { 80: 576, 58: 384 };

/** Encodes text for the printer's Chinese mode. */
export function gb18030(text: string): Buffer {
  return iconv.encode(text, 'GB18030');
}

function emit(p: ThermalPrinter, op: ReceiptOp, columns: number, paperMm: 80 | 58): void {
  switch (op.op) {
    case 'text':
      if (op.align === 'center') p.alignCenter();
      else p.alignLeft();
      p.bold(op.bold === true);
      p.setTextSize(op.size === 2 ? 1 : 0, op.size === 2 ? 1 : 0);
      for (const line of op.lines) p.add(Buffer.concat([gb18030(line), LF]));
      if (op.size === 2) p.setTextSize(0, 0);
      if (op.bold) p.bold(false);
      return;
    case 'rule':
      p.alignLeft();
      p.add(Buffer.concat([Buffer.from('-'.repeat(columns)), LF]));
      return;
    case 'code128':
      p.alignCenter();
      p.add(code128Command(op.data, { printableDots: PRINTABLE_DOTS[paperMm], heightDots: 64 }));
      p.add(Buffer.concat([LF, gb18030(op.caption), LF]));
      return;
    case 'qr':
      p.alignCenter();
      p.printQR(op.data, { cellSize: paperMm === 80 ? 6 : 5, correction: 'M', model: 2 });
      p.add(Buffer.concat([LF, gb18030(op.caption), LF]));
      return;
    case 'feed':
      p.add(Buffer.alloc(op.lines, 0x0a));
      return;
    case 'cut':
      p.cut({ verticalTabAmount: 1 });
      return;
  }
}

/** The ESC/POS bytes of a laid-out receipt for an 80 mm or 58 mm printer. */
export function encodeReceipt(layout: ReceiptLayout, paperMm: 80 | 58): Buffer {
  const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', width: layout.columns });
  p.add(ESC_INIT);
  p.add(FS_CHINESE_ON);
  for (const op of layout.ops) emit(p, op, layout.columns, paperMm);
  return p.getBuffer();
}
