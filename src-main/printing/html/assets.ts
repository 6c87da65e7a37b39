// What every printed HTML page shares: the embedded CJK fonts (shipped in resources/fonts, loaded
// by file:// URL so output never depends on the PC's fonts), the base stylesheet, and the seal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RARE_FONT_DIR, rareFontFaceCss } from '@common/printing/rare-font';
import { SEAL_ANCHOR_URI } from '@tongban/pdf-seal/anchor';
import { escapeHtml, type Templates } from './templates';

/** The family name the stylesheets use for the shipped Noto Sans SC. */
export const DOCUMENT_FONT = 'TongbanSans';

/**
 * @font-face rules for the shipped fonts; `embed: false` (HTML preview in the UI) uses installed fonts instead.
 * Noto Sans SC first, then the rare-character chunks (生僻字, Ext B–I), which Chromium loads only for the
 * code points a document contains and subsets into the PDF like Noto.
 */
export function fontFaceCss(resourcesDir: string, embed = true): string {
  if (!embed) return '';
  const url = (file: string) => pathToFileURL(join(resourcesDir, 'fonts', file)).href;
  return [
    `@font-face{font-family:"${DOCUMENT_FONT}";font-weight:400;src:url("${url('NotoSansSC-Regular.ttf')}") format("truetype")}`,
    `@font-face{font-family:"${DOCUMENT_FONT}";font-weight:700;src:url("${url('NotoSansSC-Bold.ttf')}") format("truetype")}`,
    rareFontFaceCss((file) => pathToFileURL(join(resourcesDir, RARE_FONT_DIR, file)).href),
  ].join('\n');
}

/** The seal image: the hall's PNG when configured, else the shipped 样章 placeholder (inline SVG). */
export function sealHtml(resourcesDir: string, sealPng: string | null): string {
  if (sealPng) return `<img class="seal-img" alt="电子印章" src="${escapeHtml(sealPng)}">`;
  const svg = readFileSync(join(resourcesDir, 'seals', 'sample-seal.svg'), 'utf8');
  return svg.replace(/<\?xml[^>]*>\s*/, '').replace('<svg ', '<svg class="seal-img" role="img" aria-label="样章" ');
}

/** How the seal is signed in a PDF: the anchor marks where the signature field goes. */
export interface SealMark {
  /** Wrap the image in the link the signer replaces with the signature field (PDFs only). */
  anchor: boolean;
  /** Signed by the generated 样章（培训） certificate: say so under the seal. */
  training: boolean;
}

/** The seal image, with the signature anchor and the 样章/培训 caption when the PDF is signed. */
export function signedSealHtml(resourcesDir: string, sealPng: string | null, mark: SealMark): string {
  const img = sealHtml(resourcesDir, sealPng);
  const anchored = mark.anchor ? `<a class="seal-anchor" href="${SEAL_ANCHOR_URI}">${img}</a>` : img;
  const caption = mark.training ? '<div class="seal-training">电子签名证书：样章（培训），不具法律效力</div>' : '';
  return anchored + caption;
}

/** Wraps a document body into a full page with fonts, base styles and the kind's styles. */
export function pageHtml(
  t: Templates,
  opts: { resourcesDir: string; embedFonts: boolean; title: string; css: string[]; extraCss?: string; body: string },
): string {
  const css = [
    fontFaceCss(opts.resourcesDir, opts.embedFonts),
    t.file('document.css'),
    ...opts.css.map((f) => t.file(f)),
    opts.extraCss ?? '',
  ].join('\n');
  return t.render('page', { title: opts.title, css, body: opts.body });
}
