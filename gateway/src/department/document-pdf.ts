// A department document on A4 portrait, drawn with pdf-lib and Noto Sans SC (subset), like the window's notices:
// issuer and title centred, the document number, the addressee, the paragraphs, the issuer and date on the right
// with the seal's place (a link to SEAL_ANCHOR_URI that signDepartmentPdf turns into the signature field).
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, PDFName, PDFString, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { SEAL_ANCHOR_URI } from '@tongban/pdf-seal/anchor';
import { cjkFontBytes as font } from '../pdf-font';

/** What a department document says. */
export interface DocumentText {
  title: string;
  documentNo: string;
  issuer: string;
  addressee: string;
  paragraphs: string[];
  /** The issuing date in Chinese (2026年12月7日). */
  date: string;
  footnote: string;
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 72;
const BODY = 12;
const LEADING = 22;

/** Splits text into lines of at most `width` points (character by character: Chinese has no spaces). */
function wrap(text: string, f: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line && f.widthOfTextAtSize(line + ch, size) > width) {
      lines.push(line);
      line = ch;
    } else line += ch;
  }
  return line ? [...lines, line] : lines;
}

function centred(page: PDFPage, f: PDFFont, text: string, size: number, y: number, color = rgb(0, 0, 0)): void {
  page.drawText(text, { x: (A4[0] - f.widthOfTextAtSize(text, size)) / 2, y, size, font: f, color });
}

/** Marks the seal's rectangle with a link annotation to SEAL_ANCHOR_URI (replaced by the signature field). */
function sealAnchor(doc: PDFDocument, page: PDFPage, rect: [number, number, number, number]): void {
  const link = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: rect,
      Border: [0, 0, 0],
      A: { Type: 'Action', S: 'URI', URI: PDFString.of(SEAL_ANCHOR_URI) },
    }),
  );
  page.node.set(PDFName.of('Annots'), doc.context.obj([link]));
}

/** Renders the document (one page; a long reason continues on a second). */
export async function departmentDocumentPdf(t: DocumentText): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(`${t.title}（${t.documentNo}）`);
  doc.setAuthor(t.issuer);
  doc.setCreator('跨省通办 部门网关');
  const f = await doc.embedFont(font(), { subset: true });
  let page = doc.addPage(A4);
  const width = A4[0] - 2 * MARGIN;
  let y = A4[1] - MARGIN;
  for (const line of wrap(t.issuer, f, 18, width)) {
    centred(page, f, line, 18, y, rgb(0.7, 0, 0));
    y -= 26;
  }
  y -= 6;
  centred(page, f, t.title, 22, y);
  y -= 30;
  centred(page, f, t.documentNo, BODY, y);
  y -= 14;
  page.drawLine({ start: { x: MARGIN, y }, end: { x: A4[0] - MARGIN, y }, thickness: 1, color: rgb(0.7, 0, 0) });
  y -= 30;
  page.drawText(t.addressee, { x: MARGIN, y, size: BODY, font: f });
  y -= LEADING;
  for (const paragraph of t.paragraphs) {
    // First line indented by two characters, as Chinese official documents are.
    const lines = wrap(`\u3000\u3000${paragraph}`, f, BODY, width);
    for (const line of lines) {
      if (y < MARGIN + 160) {
        page = doc.addPage(A4);
        y = A4[1] - MARGIN;
      }
      page.drawText(line, { x: MARGIN, y, size: BODY, font: f });
      y -= LEADING;
    }
  }
  y -= 40;
  const right = A4[0] - MARGIN;
  const issuerWidth = f.widthOfTextAtSize(t.issuer, BODY);
  page.drawText(t.issuer, { x: right - issuerWidth, y, size: BODY, font: f });
  page.drawText(t.date, { x: right - f.widthOfTextAtSize(t.date, BODY), y: y - LEADING, size: BODY, font: f });
  // The seal's place over the issuer and date: a red ring, which the signature field then covers.
  const cx = right - Math.max(issuerWidth, 120) / 2;
  const cy = y - LEADING / 2 + 4;
  page.drawEllipse({ x: cx, y: cy, xScale: 56, yScale: 56, borderColor: rgb(0.8, 0.1, 0.1), borderWidth: 2 });
  sealAnchor(doc, page, [cx - 60, cy - 60, cx + 60, cy + 60]);
  for (const [i, line] of wrap(t.footnote, f, 8, width).entries())
    page.drawText(line, { x: MARGIN, y: MARGIN - 20 - i * 11, size: 8, font: f, color: rgb(0.35, 0.35, 0.35) });
  return Buffer.from(await doc.save());
}
