// EMS waybill labels (76×130 one-part, 100×150 two-part) from the label model.
import type { WaybillLabelData } from '@common/printing/waybill-label';
import { code128Svg, qrSvg } from './barcodes';
import { escapeHtml, type Templates } from './templates';

/** The body of a waybill label and its page size. */
export function waybillBodyHtml(
  t: Templates,
  d: WaybillLabelData,
  format: 'label-76x130' | 'label-100x150',
): { body: string; pageCss: string } {
  const wide = format === 'label-100x150';
  const body = t.render(wide ? 'waybill-100x150' : 'waybill-76x130', {
    product: d.product,
    reprintTag: d.reprint ? `<span class="reprint-tag">${escapeHtml(d.reprintMark)}</span>` : '',
    payment: d.payment,
    barcode: code128Svg(d.waybillNo, { maxWidthMm: wide ? 84 : 68, heightMm: wide ? 13 : 14, label: d.waybillNo }),
    barcodeSmall: wide ? code128Svg(d.waybillNo, { maxWidthMm: 62, heightMm: 8, label: d.waybillNo }) : '',
    waybillNoSpaced: d.waybillNoSpaced,
    destination: d.destination || '　',
    recipientName: d.recipient.name,
    recipientPhone: d.recipient.phone,
    recipientOrg: d.recipient.organization,
    recipientAddress: d.recipient.address,
    senderName: d.sender.organization ? `${d.sender.organization} ${d.sender.name}` : d.sender.name,
    senderPhone: d.sender.phone,
    senderAddress: d.sender.address,
    contents: d.contents,
    pieces: d.pieces,
    weight: d.weight,
    direction: d.direction,
    acceptedAt: d.acceptedAt,
    caseRef: d.caseRef,
    customerService: d.customerService,
    qr: qrSvg(d.waybillNo, wide ? 14 : 13),
  });
  const size = wide ? '100mm 150mm' : '76mm 130mm';
  return { body, pageCss: `@page { size: ${size}; margin: 0; }` };
}
