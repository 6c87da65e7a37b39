// Test support: turns an ESC/POS byte stream back into what the paper would show — text lines
// (GB18030 in Chinese mode), CODE128 data, QR payloads and `GS v 0` raster images — so tests can assert a receipt's content.
import iconv from 'iconv-lite';

/** One printed line with the modes in force when it was printed. */
export interface DecodedLine {
  text: string;
  align: 'left' | 'center' | 'right';
  bold: boolean;
  widthMul: number;
  heightMul: number;
}

/** A `GS v 0` raster bit image: rows of packed bits, most significant bit first. */
export interface DecodedImage {
  widthDots: number;
  height: number;
  data: Buffer;
}

/** Everything a receipt stream printed, in order and by type. */
export interface DecodedReceipt {
  lines: DecodedLine[];
  barcodes: { type: 'code128'; data: string }[];
  qrCodes: string[];
  images: DecodedImage[];
  items: (
    | { kind: 'line'; text: string }
    | { kind: 'barcode'; data: string }
    | { kind: 'qr'; data: string }
    | { kind: 'image'; index: number }
    | { kind: 'cut' }
  )[];
  cuts: number;
  statusQueries: number[];
  /** True when FS & switched Chinese mode on before any non-ASCII text. */
  chineseModeUsed: boolean;
  unknown: { offset: number; byte: number }[];
}

/** Decodes CODE128 `GS k 73` data bytes (with '{A' '{B' '{C' set selectors) to text. */
export function decodeCode128(data: Buffer): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let out = '';
  for (let i = 0; i < data.length; i++) {
    const b = data[i] as number;
    if (b === 0x7b && i + 1 < data.length) {
      const next = data[i + 1] as number;
      i++;
      if (next === 0x41 || next === 0x42 || next === 0x43) set = String.fromCharCode(next) as 'A' | 'B' | 'C';
      else if (next === 0x7b) out += '{';
      continue;
    }
    out += set === 'C' ? String(b).padStart(2, '0') : String.fromCharCode(b);
  }
  return out;
}

const ESC_ARGS: Record<number, number> = {
  0x21: 1,
  0x2d: 1,
  0x32: 0,
  0x33: 1,
  0x45: 1,
  0x47: 1,
  0x4a: 1,
  0x4d: 1,
  0x52: 1,
  0x56: 1,
  0x61: 1,
  0x64: 1,
  0x74: 1,
  0x7b: 1,
  0x70: 3,
  0x42: 2,
  0x40: 0,
};
const GS_ARGS: Record<number, number> = { 0x21: 1, 0x42: 1, 0x48: 1, 0x66: 1, 0x68: 1, 0x77: 1, 0x4c: 2, 0x57: 2 };
const FS_ARGS: Record<number, number> = { 0x26: 0, 0x2e: 0, 0x21: 1, 0x43: 1, 0x57: 1 };

/** Decodes an ESC/POS stream. */
export function decodeEscPos(bytes: Buffer): DecodedReceipt {
  const r: DecodedReceipt = {
    lines: [],
    barcodes: [],
    qrCodes: [],
    images: [],
    items: [],
    cuts: 0,
    statusQueries: [],
    chineseModeUsed: false,
    unknown: [],
  };
  let chinese = false;
  let align: DecodedLine['align'] = 'left';
  let bold = false;
  let widthMul = 1;
  let heightMul = 1;
  let text: number[] = [];
  let storedQr: string | null = null;
  const flush = () => {
    const buf = Buffer.from(text);
    const line = chinese ? iconv.decode(buf, 'GB18030') : buf.toString('latin1');
    r.lines.push({ text: line, align, bold, widthMul, heightMul });
    r.items.push({ kind: 'line', text: line });
    text = [];
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const at = (k: number) => bytes[i + k] as number;
    if (b === 0x0a) {
      flush();
      i++;
    } else if (b === 0x0d) {
      i++;
    } else if (b === 0x1b) {
      const cmd = at(1);
      if (cmd === 0x40) [chinese, align, bold, widthMul, heightMul] = [false, 'left', false, 1, 1];
      else if (cmd === 0x61) align = (['left', 'center', 'right'] as const)[at(2) % 48] ?? 'left';
      else if (cmd === 0x45) bold = (at(2) & 1) === 1;
      else if (cmd === 0x64) for (let n = 0; n < at(2); n++) flush();
      else if (cmd === 0x21)
        [bold, heightMul, widthMul] = [(at(2) & 0x08) !== 0, at(2) & 0x10 ? 2 : 1, at(2) & 0x20 ? 2 : 1];
      else if (!(cmd in ESC_ARGS)) r.unknown.push({ offset: i, byte: cmd });
      i += 2 + (ESC_ARGS[cmd] ?? 0);
    } else if (b === 0x1c) {
      const cmd = at(1);
      if (cmd === 0x26) {
        chinese = true;
        r.chineseModeUsed = true;
      } else if (cmd === 0x2e) chinese = false;
      else if (!(cmd in FS_ARGS)) r.unknown.push({ offset: i, byte: cmd });
      i += 2 + (FS_ARGS[cmd] ?? 0);
    } else if (b === 0x1d) {
      const cmd = at(1);
      if (cmd === 0x21) {
        widthMul = (at(2) >> 4) + 1;
        heightMul = (at(2) & 0x0f) + 1;
        i += 3;
      } else if (cmd === 0x56) {
        r.cuts++;
        r.items.push({ kind: 'cut' });
        i += at(2) >= 65 ? 4 : 3;
      } else if (cmd === 0x6b) {
        const m = at(2);
        if (m >= 65) {
          const n = at(3);
          const data = bytes.subarray(i + 4, i + 4 + n);
          if (m === 73) {
            const decoded = decodeCode128(Buffer.from(data));
            r.barcodes.push({ type: 'code128', data: decoded });
            r.items.push({ kind: 'barcode', data: decoded });
          }
          i += 4 + n;
        } else {
          const end = bytes.indexOf(0, i + 3);
          i = end < 0 ? bytes.length : end + 1;
        }
      } else if (cmd === 0x76 && at(2) === 0x30) {
        const widthBytes = at(4) + at(5) * 256;
        const height = at(6) + at(7) * 256;
        const data = Buffer.from(bytes.subarray(i + 8, i + 8 + widthBytes * height));
        r.images.push({ widthDots: widthBytes * 8, height, data });
        r.items.push({ kind: 'image', index: r.images.length - 1 });
        i += 8 + widthBytes * height;
      } else if (cmd === 0x28) {
        const len = at(3) + at(4) * 256;
        const body = bytes.subarray(i + 5, i + 5 + len);
        if (at(2) === 0x6b && body[0] === 0x31 && body[1] === 0x50)
          storedQr = Buffer.from(body.subarray(3)).toString('latin1');
        if (at(2) === 0x6b && body[0] === 0x31 && body[1] === 0x51 && storedQr !== null) {
          r.qrCodes.push(storedQr);
          r.items.push({ kind: 'qr', data: storedQr });
        }
        i += 5 + len;
      } else {
        if (!(cmd in GS_ARGS)) r.unknown.push({ offset: i, byte: cmd });
        i += 2 + (GS_ARGS[cmd] ?? 0);
      }
    } else if (b === 0x10 && at(1) === 0x04) {
      r.statusQueries.push(at(2));
      i += 3;
    } else if (b < 0x20) {
      r.unknown.push({ offset: i, byte: b });
      i++;
    } else {
      if (b >= 0x80 && !chinese) r.unknown.push({ offset: i, byte: b });
      text.push(b);
      i++;
    }
  }
  if (text.length) flush();
  return r;
}

/** Inked dots of an image between columns `fromDot` and `toDot`. */
export function inkBetween(img: DecodedImage, fromDot: number, toDot: number): number {
  const widthBytes = img.widthDots / 8;
  let ink = 0;
  for (let y = 0; y < img.height; y++)
    for (let x = fromDot; x < Math.min(toDot, img.widthDots); x++)
      if (((img.data[y * widthBytes + (x >> 3)] as number) & (0x80 >> (x & 7))) !== 0) ink++;
  return ink;
}
