// Test support: poppler-utils (pdftotext, pdfinfo, pdftoppm) on a PDF file.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
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
