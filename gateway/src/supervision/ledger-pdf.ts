// The 工作台账 as an official-looking A4 landscape PDF, drawn with pdf-lib and the Noto Sans SC font shipped in
// resources/fonts (subset into the file by pdf-lib, with ../pdf-font's fix): a title, the period and scope, the matters table, the 协调事项 table,
// and "第 n 页 共 m 页" on every page. No browser is needed on the gateway.
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { cjkFontBytes } from '../pdf-font';

const A4: [number, number] = [841.89, 595.28];
const MARGIN = 36;
const SIZE = 8.5;
const LINE = 11;

// Noto Sans SC with fontkit's odd-length glyph bug fixed (without it most characters of a subset vanish).
const font = cjkFontBytes;

/** One table of the PDF: column titles with widths (points) and text rows. */
export interface PdfTable {
  title: string;
  columns: [string, number][];
  rows: string[][];
}

/** Splits text into lines that fit `width` (character by character: Chinese has no spaces). */
function wrap(text: string, f: PDFFont, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of [...text.replace(/\s+/g, ' ')]) {
    if (line && f.widthOfTextAtSize(line + ch, SIZE) > width) {
      lines.push(line);
      line = ch;
    } else line += ch;
  }
  return [...lines, line];
}

class Writer {
  page!: PDFPage;
  y = 0;
  constructor(
    readonly doc: PDFDocument,
    readonly f: PDFFont,
  ) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
  }
  text(s: string, x: number, size: number, color = rgb(0, 0, 0)): void {
    this.page.drawText(s, { x, y: this.y, size, font: this.f, color });
  }
  centered(s: string, size: number): void {
    this.text(s, (A4[0] - this.f.widthOfTextAtSize(s, size)) / 2, size);
  }
  row(cells: string[], columns: [string, number][], header: boolean): void {
    const wrapped = cells.map((c, i) => wrap(c, this.f, (columns[i]?.[1] ?? 40) - 6));
    const height = Math.max(...wrapped.map((w) => w.length)) * LINE + 6;
    if (this.y - height < MARGIN + 14) {
      this.newPage();
      if (!header)
        this.row(
          columns.map(([t]) => t),
          columns,
          true,
        );
    }
    let x = MARGIN;
    columns.forEach(([, width], i) => {
      this.page.drawRectangle({
        x,
        y: this.y - height,
        width,
        height,
        borderColor: rgb(0.3, 0.3, 0.3),
        borderWidth: 0.5,
        color: header ? rgb(0.91, 0.93, 0.97) : undefined,
      });
      (wrapped[i] ?? []).forEach((line, j) =>
        this.page.drawText(line, { x: x + 3, y: this.y - 3 - LINE * (j + 1) + 2.5, size: SIZE, font: this.f }),
      );
      x += width;
    });
    this.y -= height;
  }
  table(t: PdfTable): void {
    if (this.y < MARGIN + 80) this.newPage();
    this.y -= 16;
    this.text(t.title, MARGIN, 12);
    this.y -= 8;
    this.row(
      t.columns.map(([title]) => title),
      t.columns,
      true,
    );
    for (const r of t.rows) this.row(r, t.columns, false);
    if (t.rows.length === 0) this.row(['（无）', ...t.columns.slice(1).map(() => '')], t.columns, false);
  }
}

/** Renders the ledger PDF: `title`, `subtitle` lines under it, then the tables. */
export async function ledgerPdf(title: string, subtitle: string[], tables: PdfTable[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(title);
  doc.setCreator('跨省通办 监督管理');
  const f = await doc.embedFont(font(), { subset: true });
  const w = new Writer(doc, f);
  w.y -= 10;
  w.centered(title, 18);
  for (const line of subtitle) {
    w.y -= 16;
    w.centered(line, 9);
  }
  w.y -= 6;
  for (const t of tables) w.table(t);
  const pages = doc.getPages();
  pages.forEach((p, i) => {
    const footer = `第 ${i + 1} 页 共 ${pages.length} 页`;
    p.drawText(footer, { x: (A4[0] - f.widthOfTextAtSize(footer, 8)) / 2, y: MARGIN / 2, size: 8, font: f });
  });
  return Buffer.from(await doc.save());
}
