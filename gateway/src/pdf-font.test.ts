// The fontkit subset fix: every glyph of a subset of Noto Sans SC keeps its outline (before the fix, glyphs after
// an odd-length one read from the wrong offset and most characters of a department document were blank).
import fontkit from '@pdf-lib/fontkit';
import { describe, expect, it } from 'vitest';
import { cjkFontBytes } from './pdf-font';

const TEXT = '四川省人力资源和社会保障厅不予受理决定书成都市锦江区人民政府以办理地部门告知为准';

function subsetOf(bytes: Buffer, text: string): Promise<{ bytes: Uint8Array; ids: number[] }> {
  const font = fontkit.create(bytes);
  const subset = font.createSubset();
  const ids = [...text].map((ch) => subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0) ?? 0)));
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    subset
      .encodeStream()
      .on('data', (b: Uint8Array) => parts.push(b))
      .on('end', () => resolve({ bytes: Buffer.concat(parts), ids }));
    setTimeout(() => reject(new Error('subset not encoded in 10 s')), 10_000).unref();
  });
}

/** How many drawing commands an outline has (fontkit's Path type leaves them out). */
const commands = (path: unknown): number => (path as { commands: unknown[] }).commands.length;

describe('cjkFontBytes', () => {
  it('gives subsets whose glyphs all keep the outlines of the full font', async () => {
    const full = fontkit.create(cjkFontBytes());
    const { bytes, ids } = await subsetOf(cjkFontBytes(), TEXT);
    const sub = fontkit.create(Buffer.from(bytes));
    [...TEXT].forEach((ch, i) => {
      const expected = commands(full.glyphForCodePoint(ch.codePointAt(0) ?? 0).path);
      expect(commands(sub.getGlyph(ids[i] ?? 0).path), ch).toBe(expected);
    });
  });
});
