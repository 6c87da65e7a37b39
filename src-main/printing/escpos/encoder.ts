// Receipt layout → ESC/POS bytes. node-thermal-printer builds the standard commands (init,
// alignment, size, bold, QR, cut); text goes in as GB18030 bytes after `FS &` (Chinese mode),
// because the library's CharacterSet.CHINA uses a GBK table that turns rare characters into '?'.
// Lines with characters the printer's font lacks (line-raster.ts) go as `GS v 0` bit images instead.
import iconv from 'iconv-lite';
import { PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import type { ReceiptLayout, ReceiptOp } from '@common/printing/receipt-layout';
import { code128Command } from './code128';
import type { RasterImage } from './line-raster';

const FS_CHINESE_ON = Buffer.from([0x1c, 0x26]);
const ESC_INIT = Buffer.from([0x1b, 0x40]);
const LF = Buffer.from([0x0a]);

/** Printable width in dots of an 80 mm (72 mm printable) or 58 mm (48 mm printable) roll at 203 dpi. */
export const PRINTABLE_DOTS: Record<80 | 58, number> = { 80: 576, 58: 384 };

/** Encodes text for the printer's Chinese mode. */
export function gb18030(text: string): Buffer {
  return iconv.encode(text, 'GB18030');
}

/** The key of a text line's image in the map `encodeReceipt` takes. */
export const rasterKey = (line: string, size: 1 | 2, bold: boolean) => `${size}|${bold ? 'b' : 'r'}|${line}`;

/** `GS v 0` (print raster bit image, normal density) with its data. */
export function rasterCommand(img: RasterImage): Buffer {
  const head = Buffer.from([
    0x1d,
    0x76,
    0x30,
    0,
    img.widthBytes & 0xff,
    img.widthBytes >> 8,
    img.height & 0xff,
    img.height >> 8,
  ]);
  return Buffer.concat([head, img.data]);
}

function emit(p: ThermalPrinter, op: ReceiptOp, columns: number, paperMm: 80 | 58, rasters: RasterMap): void {
  switch (op.op) {
    case 'text':
      if (op.align === 'center') p.alignCenter();
      else p.alignLeft();
      p.bold(op.bold === true);
      p.setTextSize(op.size === 2 ? 1 : 0, op.size === 2 ? 1 : 0);
      for (const line of op.lines) {
        const image = rasters.get(rasterKey(line, op.size === 2 ? 2 : 1, op.bold === true));
        p.add(image ? rasterCommand(image) : Buffer.concat([gb18030(line), LF]));
      }
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

/** Images of the lines the printer cannot print as text, by `rasterKey`. */
export type RasterMap = ReadonlyMap<string, RasterImage>;

/** The ESC/POS bytes of a laid-out receipt for an 80 mm or 58 mm printer; lines in `rasters` print as images. */
export function encodeReceipt(layout: ReceiptLayout, paperMm: 80 | 58, rasters: RasterMap = new Map()): Buffer {
  const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', width: layout.columns });
  p.add(ESC_INIT);
  p.add(FS_CHINESE_ON);
  for (const op of layout.ops) emit(p, op, layout.columns, paperMm, rasters);
  return p.getBuffer();
}
