import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineRasterizer, needsRaster, printerHasGlyph } from './line-raster';

const resources = join(__dirname, '..', '..', '..', 'resources');

describe('which characters the receipt printer prints itself', () => {
  it('ASCII and GB 2312 yes; characters outside GB 2312 and every Ext A–I character no', () => {
    for (const ch of ['A', '1', '张', '三', '（', '·', '￥', '收']) expect(printerHasGlyph(ch), ch).toBe(true);
    for (const ch of ['䶮', '𠮷', '𫖯', '𬌗', '𰻞', '堃', '喆']) expect(printerHasGlyph(ch), ch).toBe(false);
    expect(needsRaster('申请人：张三')).toBe(false);
    expect(needsRaster('申请人：刘䶮𠮷')).toBe(true);
  });
});

describe('LineRasterizer', () => {
  it('draws a line at the printer cell size, with ink in every character cell', async () => {
    const r = new LineRasterizer(resources);
    const line = 'A张𠮷𰻞䶮';
    const img = await r.render(line);
    expect(img.height).toBe(24);
    expect(img.widthBytes).toBe(Math.ceil(((1 + 2 * 4) * 12) / 8));
    const inkIn = (from: number, to: number) => {
      let ink = 0;
      for (let y = 0; y < img.height; y++)
        for (let x = from; x < to; x++) if ((img.data[y * img.widthBytes + (x >> 3)]! & (0x80 >> (x & 7))) !== 0) ink++;
      return ink;
    };
    const cells = [inkIn(0, 12), inkIn(12, 36), inkIn(36, 60), inkIn(60, 84), inkIn(84, 108)];
    for (const ink of cells) expect(ink).toBeGreaterThan(25);
    const big = await r.render('𰻞', { scale: 2, bold: true });
    expect(big).toMatchObject({ height: 48, widthBytes: 6 });
  });
});
