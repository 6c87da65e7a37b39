// The CJK font of the gateway's PDFs (department documents, the 工作台账), and a fix for @pdf-lib/fontkit's subsets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { RESOURCES_DIR } from './paths';

let fontBytes: Buffer | null = null;
/** Noto Sans SC Regular (resources/fonts), with fontkit's subsetting fixed (below). */
export const cjkFontBytes = (): Buffer => {
  if (fontBytes) return fontBytes;
  fontBytes = readFileSync(join(RESOURCES_DIR, 'fonts', 'NotoSansSC-Regular.ttf'));
  padSubsetGlyphs(fontBytes);
  return fontBytes;
};

/** fontkit's bundled Buffer (its streams accept only their own class). */
interface FkBuffer {
  length: number;
  copy(target: FkBuffer): number;
  constructor: { alloc(size: number): FkBuffer };
}

interface TtfSubsetInternals {
  glyf: FkBuffer[];
  offset: number;
  _addGlyph(gid: number): number;
}

/**
 * @pdf-lib/fontkit 1.1.1 copies each glyph into a subset as stored and writes a short `loca` (offset / 2) when the
 * subset is under 128 KiB; Noto Sans SC has odd-length glyphs, so every glyph after one of them points half a byte
 * off and most characters vanish (pdftotext still reads them: the text layer is fine, the outlines are not). Padding
 * each copied glyph to an even length, as the TrueType spec asks, fixes it. Applied once per process.
 */
function padSubsetGlyphs(bytes: Buffer): void {
  const proto = Object.getPrototypeOf(fontkit.create(bytes).createSubset()) as TtfSubsetInternals & { padded?: true };
  if (proto.padded || typeof proto._addGlyph !== 'function') return;
  const add = proto._addGlyph;
  proto._addGlyph = function (this: TtfSubsetInternals, gid: number): number {
    const index = add.call(this, gid);
    const glyph = this.glyf[index];
    if (glyph && glyph.length % 2 === 1) {
      const padded = glyph.constructor.alloc(glyph.length + 1);
      glyph.copy(padded);
      this.glyf[index] = padded;
      this.offset += 1;
    }
    return index;
  };
  proto.padded = true;
}
