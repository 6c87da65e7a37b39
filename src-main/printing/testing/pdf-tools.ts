// Test support: poppler-utils (pdftotext, pdfinfo, pdftoppm) on a PDF file.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where rendered pages are kept as CI artifacts. */
export const DOCUMENT_ARTIFACTS = resolve(__dirname, '..', '..', '..', 'test-results', 'documents');

/** The PDF's text in reading order (layout kept, so table rows stay on one line). */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Names of the fonts a PDF uses, with their embedded flag. */
export function pdfFonts(file: string): { name: string; embedded: boolean }[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return lines.map((l) => {
    const cols = l.trim().split(/\s+/);
    return { name: cols[0] as string, embedded: cols[cols.length - 5] === 'yes' };
  });
}

/** Page count and the first page's size in PostScript points. */
export function pdfInfo(file: string): { pages: number; widthPt: number; heightPt: number } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(out)?.[1] ?? 0),
    widthPt: Number(size?.[1] ?? 0),
    heightPt: Number(size?.[2] ?? 0),
  };
}

/** Keeps the PDF as test-results/documents/<name>.pdf and renders every page to <name>[-N].png at 100 dpi. */
export function pdfToPngs(file: string, name: string, dpi = 100): string[] {
  mkdirSync(DOCUMENT_ARTIFACTS, { recursive: true });
  const stale = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(-\\d+)?\\.png$`);
  for (const f of readdirSync(DOCUMENT_ARTIFACTS)) if (stale.test(f)) rmSync(join(DOCUMENT_ARTIFACTS, f));
  copyFileSync(file, join(DOCUMENT_ARTIFACTS, `${name}.pdf`));
  const prefix = join(DOCUMENT_ARTIFACTS, `${name}.tmp`);
  execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, prefix]);
  const made = readdirSync(DOCUMENT_ARTIFACTS)
    .filter((f) => f.startsWith(`${name}.tmp-`))
    .sort();
  return made.map((f, i) => {
    const target = join(DOCUMENT_ARTIFACTS, made.length === 1 ? `${name}.png` : `${name}-${i + 1}.png`);
    renameSync(join(DOCUMENT_ARTIFACTS, f), target);
    return target;
  });
}

/** True when zbarimg (Debian zbar-tools) is installed: barcode scans run only then. */
export const HAS_ZBAR = existsSync('/usr/bin/zbarimg');

/** Scans the first page at `dpi` (203 = a thermal label printer) and returns 'TYPE:data' symbols. */
export function scanBarcodes(file: string, dpi: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'scan-'));
  try {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', '-singlefile', file, join(dir, 'page')]);
    const typed = spawnSync('zbarimg', ['-q', join(dir, 'page.png')], { encoding: 'utf8' });
    return typed.stdout.split('\n').filter((l) => /^[A-Za-z0-9-]+:/.test(l));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Millimetres to PostScript points. */
export const mmToPt = (mm: number) => (mm * 72) / 25.4;

/** One character's cell on a rendered page: ink (dark pixels) and a coarse 12×12 bitmap to compare glyphs. */
export interface GlyphCell {
  char: string;
  page: number;
  ink: number;
  signature: string;
}

interface BboxWord {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Words with their boxes in points, from `pdftotext -bbox`. */
export function pdfWords(file: string): BboxWord[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const words: BboxWord[] = [];
  html.split(/<page /).forEach((chunk, i) => {
    const re = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
    for (const m of chunk.matchAll(re)) {
      const text = (m[5] as string).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
      words.push({ page: i, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text });
    }
  });
  return words;
}

/** A page rendered to 8-bit grey (PGM) at `dpi`. */
function greyPage(file: string, page: number, dpi: number): { width: number; height: number; pixels: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'glyph-'));
  try {
    const prefix = join(dir, 'p');
    execFileSync('pdftoppm', [
      '-r',
      String(dpi),
      '-gray',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      prefix,
    ]);
    const data = readFileSync(`${prefix}.pgm`);
    const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(data.subarray(0, 40).toString('latin1'));
    if (!header) throw new Error('unexpected pdftoppm output');
    return { width: +header[1]!, height: +header[2]!, pixels: data.subarray(header[0].length) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Finds each character in the PDF's text layer, renders its page and measures the character's cell:
 * how many pixels are inked and a coarse bitmap. A missing glyph (tofu, .notdef) is blank or the same
 * box for every character; real glyphs have ink and differ from each other. CJK cells are full width.
 */
export function glyphCells(file: string, chars: readonly string[], dpi = 200): GlyphCell[] {
  const words = pdfWords(file);
  const pages = new Map<number, ReturnType<typeof greyPage>>();
  const scale = dpi / 72;
  return chars.map((char) => {
    const word = words.find((w) => w.text.includes(char));
    if (!word) throw new Error(`${char} (U+${char.codePointAt(0)?.toString(16)}) is not in the text layer`);
    const units = Array.from(word.text).map((c) => ((c.codePointAt(0) as number) < 0x80 ? 1 : 2));
    const total = units.reduce((a, b) => a + b, 0);
    const index = Array.from(word.text).indexOf(char);
    const before = units.slice(0, index).reduce((a, b) => a + b, 0);
    const unit = (word.xMax - word.xMin) / total;
    const x0 = Math.round((word.xMin + before * unit) * scale);
    const x1 = Math.round((word.xMin + (before + 2) * unit) * scale);
    const y0 = Math.round(word.yMin * scale);
    const y1 = Math.round(word.yMax * scale);
    const img = pages.get(word.page) ?? greyPage(file, word.page, dpi);
    pages.set(word.page, img);
    let ink = 0;
    const grid = new Array<number>(144).fill(0);
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) {
        if ((img.pixels[y * img.width + x] as number) >= 128) continue;
        ink++;
        const gx = Math.min(11, Math.floor(((x - x0) * 12) / (x1 - x0)));
        const gy = Math.min(11, Math.floor(((y - y0) * 12) / (y1 - y0)));
        grid[gy * 12 + gx] = 1;
      }
    return { char, page: word.page, ink, signature: grid.join('') };
  });
}
