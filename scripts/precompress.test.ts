import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { precompressDir } from './precompress';

describe('precompressDir', () => {
  it('writes .br and .gz copies of text files that decompress to the original, and skips the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tongban-precompress-'));
    mkdirSync(join(dir, 'assets'));
    const js = `const a = ${JSON.stringify('受理回执 '.repeat(500))};`;
    writeFileSync(join(dir, 'assets', 'index-abcdefgh.js'), js);
    writeFileSync(join(dir, 'tiny.css'), 'a{}');
    writeFileSync(join(dir, 'assets', 'photo.png'), Buffer.alloc(4096, 7));
    const totals = precompressDir(dir);
    expect(totals.files).toBe(1);
    const file = join(dir, 'assets', 'index-abcdefgh.js');
    expect(brotliDecompressSync(readFileSync(`${file}.br`)).toString('utf8')).toBe(js);
    expect(gunzipSync(readFileSync(`${file}.gz`)).toString('utf8')).toBe(js);
    expect(totals.brotliBytes).toBeLessThan(totals.bytes / 10);
    expect(existsSync(join(dir, 'tiny.css.br'))).toBe(false);
    expect(existsSync(join(dir, 'assets', 'photo.png.gz'))).toBe(false);
  });
});
