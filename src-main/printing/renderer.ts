// Turns document models into printer input: ESC/POS bytes for receipt printers, or HTML jobs
// (page size included) for Chromium. Pure apart from reading the templates once.
import { join } from 'node:path';
import { PAGE_SIZES_MM, type PrintFormat } from '@common/printing/documents';
import type { LedgerPage } from '@common/printing/ledger';
import type { NoticeData } from '@common/printing/notice-data';
import { acceptanceReceiptLayout, incompleteNoticeLayout, type ReceiptLayout } from '@common/printing/receipt-layout';
import { COLUMNS_58MM, COLUMNS_80MM } from '@common/printing/display-width';
import type { WaybillLabelData } from '@common/printing/waybill-label';
import type { HtmlJob } from './drivers/chromium';
import { encodeReceipt, rasterKey, type RasterMap } from './escpos/encoder';
import { LineRasterizer, needsRaster, type RasterImage } from './escpos/line-raster';
import { pageHtml, signedSealHtml, type SealMark } from './html/assets';
import { guideBodyHtml } from './html/guide-html';
import { ledgerBodyHtml } from './html/ledger-html';
import type { MatterGuide } from '@common/guide';
import { noticeBodyHtml } from './html/notice-html';
import { receiptBodyHtml } from './html/receipt-html';
import { Templates } from './html/templates';
import { waybillBodyHtml } from './html/waybill-html';
import { watermarkLayout } from './watermark';

/** Paper width in millimetres of a thermal format. */
export const paperOf = (format: 'thermal-80' | 'thermal-58'): 80 | 58 => (format === 'thermal-80' ? 80 : 58);

/** Columns of a thermal format. */
export const columnsOf = (paperMm: 80 | 58) => (paperMm === 80 ? COLUMNS_80MM : COLUMNS_58MM);

/** Renders documents with the templates under resources/templates. */
export class DocumentRenderer {
  readonly templates: Templates;
  private readonly rasterizer: LineRasterizer;

  constructor(
    readonly resourcesDir: string,
    /** 培训模式: printed at the head and foot of every thermal receipt. */
    private readonly watermark: string | null = null,
  ) {
    this.templates = new Templates(join(resourcesDir, 'templates'));
    this.rasterizer = new LineRasterizer(resourcesDir);
  }

  private page(title: string, css: string[], body: string, embedFonts: boolean, extraCss?: string): string {
    return pageHtml(this.templates, {
      resourcesDir: this.resourcesDir,
      embedFonts,
      title,
      css,
      body,
      ...(extraCss ? { extraCss } : {}),
    });
  }

  /** The thermal layout of a notice (受理通知书 or 一次性告知书 only). */
  receiptLayout(d: NoticeData, paperMm: 80 | 58): ReceiptLayout {
    if (d.kind === 'acceptance-receipt') return acceptanceReceiptLayout(d, columnsOf(paperMm));
    if (d.kind === 'incomplete-notice') return incompleteNoticeLayout(d, columnsOf(paperMm));
    throw new RangeError(`${d.kind} has no thermal layout`);
  }

  /** ESC/POS bytes of a laid-out receipt; lines with characters outside the printer's font go as images. */
  async escpos(layout: ReceiptLayout, paperMm: 80 | 58): Promise<Buffer> {
    const marked = this.watermark ? watermarkLayout(layout, this.watermark) : layout;
    const rasters = new Map<string, RasterImage>();
    for (const op of marked.ops) {
      if (op.op !== 'text') continue;
      const [size, bold] = [op.size === 2 ? 2 : 1, op.bold === true] as const;
      for (const line of op.lines)
        if (needsRaster(line))
          rasters.set(rasterKey(line, size, bold), await this.rasterizer.render(line, { bold, scale: size }));
    }
    return encodeReceipt(marked, paperMm, rasters as RasterMap);
  }

  /** A receipt as an HTML job (auto height), for preview or a system receipt printer. */
  receiptJob(layout: ReceiptLayout, paperMm: 80 | 58, title: string, embedFonts = true): HtmlJob {
    const { body, pageCss } = receiptBodyHtml(this.templates, layout, paperMm);
    return {
      html: this.page(title, ['receipt.css'], body, embedFonts, pageCss),
      page: { widthMm: paperMm, heightMm: 'auto' },
      title,
    };
  }

  /** An A4 notice as an HTML job. */
  noticeJob(
    d: NoticeData,
    sealPng: string | null,
    embedFonts = true,
    mark: SealMark = { anchor: false, training: false },
  ): HtmlJob {
    const body = noticeBodyHtml(this.templates, d, signedSealHtml(this.resourcesDir, sealPng, mark));
    const title = `${d.title} ${d.documentNo}`;
    return { html: this.page(title, ['notice.css'], body, embedFonts), page: PAGE_SIZES_MM.a4, title };
  }

  /** A waybill label as an HTML job. */
  waybillJob(d: WaybillLabelData, format: 'label-76x130' | 'label-100x150', embedFonts = true): HtmlJob {
    const { body, pageCss } = waybillBodyHtml(this.templates, d, format);
    const title = `EMS ${d.waybillNo}`;
    return { html: this.page(title, ['waybill.css'], body, embedFonts, pageCss), page: PAGE_SIZES_MM[format], title };
  }

  /** One A4 landscape ledger page as an HTML job. */
  ledgerJob(page: LedgerPage, embedFonts = true): HtmlJob {
    const title = `${page.title} 第${page.pageNo}页`;
    return {
      html: this.page(title, ['ledger.css'], ledgerBodyHtml(this.templates, page), embedFonts),
      page: { widthMm: 297, heightMm: 210 },
      title,
    };
  }

  /** A matter's 操作指南 as an A4 job. */
  guideJob(guide: MatterGuide, hallName: string, embedFonts = true): HtmlJob {
    const { body, css } = guideBodyHtml(guide, hallName);
    const title = `${guide.matterName} 操作指南`;
    return { html: this.page(title, [], body, embedFonts, css), page: PAGE_SIZES_MM.a4, title };
  }

  /** A test page for an A4 or label printer. */
  testSheetJob(
    format: Exclude<PrintFormat, 'thermal-80' | 'thermal-58'>,
    info: { hallName: string; target: string; printedAt: string },
  ): HtmlJob {
    const size = PAGE_SIZES_MM[format];
    const body = this.templates.render('test-sheet', { ...info, size: `${size.widthMm}×${size.heightMm} 毫米` });
    const pageCss = `@page { size: ${size.widthMm}mm ${size.heightMm}mm; margin: 0; }`;
    return { html: this.page('打印机测试页', [], body, true, pageCss), page: size, title: '打印机测试页' };
  }
}
