// A minimal TrueType reader and 1-bit rasteriser for thermal receipts: enough of cmap (formats 4 and 12),
// loca/glyf (simple and composite glyphs) and hmtx to draw a line of text as an ESC/POS bit image.
// Outlines are flattened to segments and filled with the non-zero rule, 4×4 samples per dot.

type Point = [number, number];

/** One font file's tables, read lazily per glyph. */
export class TrueTypeFont {
  readonly unitsPerEm: number;
  private readonly tables = new Map<string, { off: number; len: number }>();
  private readonly cmap = new Map<number, number>();
  private readonly longLoca: boolean;
  private readonly numHMetrics: number;

  constructor(private readonly buf: Buffer) {
    const n = buf.readUInt16BE(4);
    for (let i = 0; i < n; i++) {
      const o = 12 + i * 16;
      this.tables.set(buf.toString('latin1', o, o + 4), {
        off: buf.readUInt32BE(o + 8),
        len: buf.readUInt32BE(o + 12),
      });
    }
    const head = this.table('head');
    this.unitsPerEm = buf.readUInt16BE(head + 18);
    this.longLoca = buf.readInt16BE(head + 50) === 1;
    this.numHMetrics = buf.readUInt16BE(this.table('hhea') + 34);
    this.readCmap();
  }

  private table(tag: string): number {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`font has no ${tag} table`);
    return t.off;
  }

  private readCmap(): void {
    const b = this.buf;
    const base = this.table('cmap');
    let best = -1;
    let bestFormat = 0;
    for (let i = 0; i < b.readUInt16BE(base + 2); i++) {
      const sub = base + b.readUInt32BE(base + 8 + i * 8);
      const format = b.readUInt16BE(sub);
      if (format === 12 || (format === 4 && bestFormat !== 12)) [best, bestFormat] = [sub, format];
    }
    if (best < 0) return;
    if (bestFormat === 12) {
      for (let i = 0; i < b.readUInt32BE(best + 12); i++) {
        const g = best + 16 + i * 12;
        const [from, to, gid] = [b.readUInt32BE(g), b.readUInt32BE(g + 4), b.readUInt32BE(g + 8)];
        for (let c = from; c <= to; c++) this.cmap.set(c, gid + c - from);
      }
      return;
    }
    const segs = b.readUInt16BE(best + 6) / 2;
    const ends = best + 14;
    const starts = ends + segs * 2 + 2;
    const deltas = starts + segs * 2;
    const offsets = deltas + segs * 2;
    for (let i = 0; i < segs; i++) {
      const [end, start] = [b.readUInt16BE(ends + i * 2), b.readUInt16BE(starts + i * 2)];
      const [delta, ro] = [b.readInt16BE(deltas + i * 2), b.readUInt16BE(offsets + i * 2)];
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let g = ro === 0 ? c + delta : b.readUInt16BE(offsets + i * 2 + ro + (c - start) * 2);
        if (ro !== 0 && g !== 0) g += delta;
        if ((g & 0xffff) !== 0) this.cmap.set(c, g & 0xffff);
      }
    }
  }

  /** The glyph of a code point, or 0 (.notdef) when the font has none. */
  glyphOf(codePoint: number): number {
    return this.cmap.get(codePoint) ?? 0;
  }

  /** Horizontal advance of a glyph in font units. */
  advanceOf(gid: number): number {
    const i = Math.min(gid, this.numHMetrics - 1);
    return this.buf.readUInt16BE(this.table('hmtx') + i * 4);
  }

  private glyphRange(gid: number): [number, number] {
    const loca = this.table('loca');
    const at = (i: number) =>
      this.longLoca ? this.buf.readUInt32BE(loca + i * 4) : this.buf.readUInt16BE(loca + i * 2) * 2;
    return [at(gid), at(gid + 1)];
  }

  /** The closed contours of a glyph in font units (quadratic curves flattened), y up. */
  contours(gid: number, depth = 0): Point[][] {
    const [start, end] = this.glyphRange(gid);
    if (end <= start || depth > 8) return [];
    const b = this.buf;
    const g = this.table('glyf') + start;
    const count = b.readInt16BE(g);
    return count >= 0 ? this.simple(g, count) : this.composite(g, depth);
  }

  private simple(g: number, count: number): Point[][] {
    const b = this.buf;
    const endPts = Array.from({ length: count }, (_, i) => b.readUInt16BE(g + 10 + i * 2));
    const total = count ? (endPts[count - 1] as number) + 1 : 0;
    let p = g + 10 + count * 2;
    p += 2 + b.readUInt16BE(p);
    const flags: number[] = [];
    while (flags.length < total) {
      const f = b.readUInt8(p++);
      flags.push(f);
      if (f & 8) for (let r = b.readUInt8(p++); r > 0; r--) flags.push(f);
    }
    const coords = (short: number, same: number): number[] => {
      let v = 0;
      return flags.map((f) => {
        if (f & short) v += (f & same ? 1 : -1) * b.readUInt8(p++);
        else if (!(f & same)) {
          v += b.readInt16BE(p);
          p += 2;
        }
        return v;
      });
    };
    const xs = coords(2, 16);
    const ys = coords(4, 32);
    const out: Point[][] = [];
    let first = 0;
    for (const last of endPts) {
      const pts = Array.from({ length: last - first + 1 }, (_, k) => ({
        x: xs[first + k] as number,
        y: ys[first + k] as number,
        on: ((flags[first + k] as number) & 1) === 1,
      }));
      first = last + 1;
      out.push(flatten(pts));
    }
    return out;
  }

  private composite(g: number, depth: number): Point[][] {
    const b = this.buf;
    const out: Point[][] = [];
    let p = g + 10;
    for (;;) {
      const flags = b.readUInt16BE(p);
      const gid = b.readUInt16BE(p + 2);
      p += 4;
      const words = (flags & 1) !== 0;
      const dx = words ? b.readInt16BE(p) : b.readInt8(p);
      const dy = words ? b.readInt16BE(p + 2) : b.readInt8(p + 1);
      p += words ? 4 : 2;
      let [a, bb, c, d] = [1, 0, 0, 1];
      const f2 = (o: number) => b.readInt16BE(o) / 16384;
      if (flags & 8) {
        a = d = f2(p);
        p += 2;
      } else if (flags & 0x40) {
        [a, d] = [f2(p), f2(p + 2)];
        p += 4;
      } else if (flags & 0x80) {
        [a, bb, c, d] = [f2(p), f2(p + 2), f2(p + 4), f2(p + 6)];
        p += 8;
      }
      const xy = (flags & 2) !== 0;
      for (const contour of this.contours(gid, depth + 1))
        out.push(contour.map(([x, y]) => [a * x + c * y + (xy ? dx : 0), bb * x + d * y + (xy ? dy : 0)]));
      if (!(flags & 0x20)) return out;
    }
  }
}

/** Flattens a TrueType contour (on/off-curve points, implied on-points between two off-points). */
function flatten(pts: { x: number; y: number; on: boolean }[]): Point[] {
  if (!pts.length) return [];
  const startIndex = pts.findIndex((q) => q.on);
  const first = pts[startIndex < 0 ? 0 : startIndex] as { x: number; y: number; on: boolean };
  const begin: Point =
    startIndex < 0 ? [(first.x + (pts[1] ?? first).x) / 2, (first.y + (pts[1] ?? first).y) / 2] : [first.x, first.y];
  const out: Point[] = [begin];
  let current = begin;
  let control: Point | null = null;
  const n = pts.length;
  const from = startIndex < 0 ? 0 : startIndex;
  for (let k = 1; k <= n; k++) {
    const q = pts[(from + k) % n] as { x: number; y: number; on: boolean };
    const here: Point = [q.x, q.y];
    if (q.on) {
      if (control) quad(out, current, control, here);
      else out.push(here);
      current = here;
      control = null;
    } else if (control) {
      const mid: Point = [(control[0] + q.x) / 2, (control[1] + q.y) / 2];
      quad(out, current, control, mid);
      current = mid;
      control = here;
    } else control = here;
  }
  if (control) quad(out, current, control, begin);
  return out;
}

function quad(out: Point[], p0: Point, c: Point, p1: Point): void {
  const steps = 6;
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    out.push([u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0], u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1]]);
  }
}

/** A 1-bit image, one byte per dot while drawing. */
export class Bitmap {
  readonly dots: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.dots = new Uint8Array(width * height);
  }

  /**
   * Fills contours (already in dot coordinates, y down) with the non-zero rule; a dot is set when at
   * least 6 of its 16 samples are inside (a little bolder than half, as thermal heads print thin lines faintly).
   */
  fill(contours: Point[][]): void {
    const edges: [number, number, number, number, number][] = [];
    for (const c of contours)
      for (let i = 0; i < c.length; i++) {
        const [x0, y0] = c[i] as Point;
        const [x1, y1] = c[(i + 1) % c.length] as Point;
        if (y0 !== y1) edges.push(y0 < y1 ? [x0, y0, x1, y1, 1] : [x1, y1, x0, y0, -1]);
      }
    if (!edges.length) return;
    const cover = new Uint8Array(this.width * this.height);
    for (let row = 0; row < this.height; row++)
      for (let s = 0; s < 4; s++) {
        const y = row + (s + 0.5) / 4;
        const hits: [number, number][] = [];
        for (const [x0, y0, x1, y1, dir] of edges)
          if (y >= y0 && y < y1) hits.push([x0 + ((y - y0) * (x1 - x0)) / (y1 - y0), dir]);
        hits.sort((p, q) => p[0] - q[0]);
        let winding = 0;
        for (let h = 0; h < hits.length - 1; h++) {
          winding += (hits[h] as [number, number])[1];
          if (winding === 0) continue;
          const [xa, xb] = [(hits[h] as [number, number])[0], (hits[h + 1] as [number, number])[0]];
          for (let sx = Math.max(0, Math.ceil(xa * 4 - 0.5)); (sx + 0.5) / 4 < xb && sx < this.width * 4; sx++)
            cover[row * this.width + (sx >> 2)]! += 1;
        }
      }
    for (let i = 0; i < cover.length; i++) if ((cover[i] as number) >= 6) this.dots[i] = 1;
  }

  /** Rows of packed bits, most significant bit first: the data of ESC/POS `GS v 0`. */
  packed(): { widthBytes: number; data: Buffer } {
    const widthBytes = Math.ceil(this.width / 8);
    const data = Buffer.alloc(widthBytes * this.height);
    for (let y = 0; y < this.height; y++)
      for (let x = 0; x < this.width; x++)
        if (this.dots[y * this.width + x]) data[y * widthBytes + (x >> 3)]! |= 0x80 >> (x & 7);
    return { widthBytes, data };
  }
}
