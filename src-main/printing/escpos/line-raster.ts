// Receipt lines the printer cannot print as text become ESC/POS bit images drawn from the shipped fonts.
// Rule (docs/decisions/0127): a receipt printer's built-in Chinese font is only trusted for GB 2312
// (two-byte codes A1–F7 × A1–FE) and ASCII; a line with any other character (生僻字 of Ext A–I, and
// the rarer basic-block characters outside GB 2312) is printed whole as a raster image, at the printer's
// own cell size (12×24 dots per column, doubled for size-2 lines), so columns and layout stay the same.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import wawoff2 from 'wawoff2';
import { charWidth } from '@common/printing/display-width';
import { RARE_FONT_DIR, rareFontChunkOf } from '@common/printing/rare-font';
import { Bitmap, TrueTypeFont } from './truetype';

/** True when the printer's own font prints the character: ASCII, or a GB 2312 two-byte code. */
export function printerHasGlyph(ch: string): boolean {
  const cp = ch.codePointAt(0) as number;
  if (cp < 0x80) return true;
  const bytes = iconv.encode(ch, 'GB18030');
  if (bytes.length !== 2) return false;
  const [lead, trail] = [bytes[0] as number, bytes[1] as number];
  return lead >= 0xa1 && lead <= 0xf7 && trail >= 0xa1 && trail <= 0xfe;
}

/** True when a line must be printed as an image. */
export function needsRaster(line: string): boolean {
  for (const ch of line) if (!printerHasGlyph(ch)) return true;
  return false;
}

/** A packed 1-bit image for `GS v 0`. */
export interface RasterImage {
  widthBytes: number;
  height: number;
  data: Buffer;
}

/** Dots per column and per line of Font A on a 203-dpi receipt printer. */
export const CELL_WIDTH_DOTS = 12;
export const LINE_HEIGHT_DOTS = 24;

/** Draws receipt lines with Noto Sans SC, then the rare-character chunks, caching the fonts it opens. */
export class LineRasterizer {
  private readonly noto = new Map<boolean, TrueTypeFont>();
  private readonly chunks = new Map<string, TrueTypeFont | null>();

  constructor(private readonly resourcesDir: string) {}

  private notoFont(bold: boolean): TrueTypeFont {
    let font = this.noto.get(bold);
    if (!font) {
      const file = bold ? 'NotoSansSC-Bold.ttf' : 'NotoSansSC-Regular.ttf';
      font = new TrueTypeFont(readFileSync(join(this.resourcesDir, 'fonts', file)));
      this.noto.set(bold, font);
    }
    return font;
  }

  private async chunkFont(cp: number): Promise<TrueTypeFont | null> {
    const file = rareFontChunkOf(cp);
    if (!file) return null;
    if (!this.chunks.has(file)) {
      let font: TrueTypeFont | null;
      try {
        const woff2 = readFileSync(join(this.resourcesDir, RARE_FONT_DIR, file));
        font = new TrueTypeFont(Buffer.from(await wawoff2.decompress(woff2)));
      } catch {
        font = null; // a missing or damaged chunk: the character falls back to Noto's .notdef box
      }
      this.chunks.set(file, font);
    }
    return this.chunks.get(file) ?? null;
  }

  /** The font and glyph that draw a code point (Noto first, then the fallback; .notdef of Noto last). */
  private async glyph(cp: number, bold: boolean): Promise<{ font: TrueTypeFont; gid: number }> {
    const noto = this.notoFont(bold);
    const gid = noto.glyphOf(cp);
    if (gid) return { font: noto, gid };
    const rare = await this.chunkFont(cp);
    const rareGid = rare?.glyphOf(cp) ?? 0;
    return rare && rareGid ? { font: rare, gid: rareGid } : { font: noto, gid: 0 };
  }

  /**
   * One line as an image the width of its columns: each character is centred in its cell (two columns for
   * Chinese, one for ASCII), on a common baseline; `scale` 2 for double-size lines.
   */
  async render(line: string, opts: { bold?: boolean; scale?: 1 | 2 } = {}): Promise<RasterImage> {
    const scale = opts.scale ?? 1;
    const cellW = CELL_WIDTH_DOTS * scale;
    const height = LINE_HEIGHT_DOTS * scale;
    const chars = Array.from(line);
    const columns = chars.reduce((n, ch) => n + charWidth(ch.codePointAt(0) as number), 0);
    const bitmap = new Bitmap(Math.max(8, columns * cellW), height);
    const em = height * 0.92;
    const baseline = (height - em) / 2 + em * 0.88;
    let x = 0;
    const contours: [number, number][][] = [];
    for (const ch of chars) {
      const cp = ch.codePointAt(0) as number;
      const width = charWidth(cp) * cellW;
      if (width === 0) continue;
      if (cp !== 0x20 && cp !== 0x3000) {
        const { font, gid } = await this.glyph(cp, opts.bold === true);
        const s = em / font.unitsPerEm;
        const left = x + (width - font.advanceOf(gid) * s) / 2;
        for (const c of font.contours(gid)) contours.push(c.map(([gx, gy]) => [left + gx * s, baseline - gy * s]));
      }
      x += width;
    }
    bitmap.fill(contours);
    const { widthBytes, data } = bitmap.packed();
    return { widthBytes, height, data };
  }
}
