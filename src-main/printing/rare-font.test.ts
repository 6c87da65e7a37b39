import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cjkBlockOf,
  RARE_FONT_CHUNKS,
  RARE_FONT_DIR,
  rareFontChunkOf,
  rareFontFaceCss,
} from '@common/printing/rare-font';

const shipped = join(__dirname, '..', '..', 'resources', RARE_FONT_DIR);

describe('rare-character font chunks', () => {
  it('name exactly the files shipped in resources/fonts/rare', () => {
    const files = readdirSync(shipped).filter((f) => f.endsWith('.woff2'));
    expect(RARE_FONT_CHUNKS).toHaveLength(276);
    expect(RARE_FONT_CHUNKS.map((c) => rareFontChunkOf(c)).sort()).toEqual(files.sort());
    expect(existsSync(join(shipped, 'LICENSE.txt'))).toBe(true);
  });

  it('find the chunk of a code point in Extensions B–I and the end of Ext A, and nothing for the basic block', () => {
    expect(rareFontChunkOf(0x20bb7)).toBe('020b00.woff2'); // 𠮷
    expect(rareFontChunkOf(0x30ede)).toBe('030e00.woff2'); // 𰻞
    expect(rareFontChunkOf(0x4db9)).toBe('004d00.woff2');
    expect(rareFontChunkOf(0x5f20)).toBeNull(); // 张
    expect(rareFontChunkOf(0x32400)).toBeNull();
    expect(cjkBlockOf(0x2b5af)).toBe('Ext C');
    expect(cjkBlockOf(0x41)).toBeNull();
  });

  it('give one unicode-range @font-face per chunk', () => {
    const css = rareFontFaceCss((f) => `/x/${f}`);
    expect(css.match(/@font-face/g)).toHaveLength(276);
    expect(css).toContain('src:url("/x/020b00.woff2") format("woff2");unicode-range:U+20B00-20BFF');
  });
});
