// Barcodes for the HTML documents as inline SVG (bwip-js): CODE128 sized to whole printer dots
// with a ten-module quiet zone, QR codes with a four-module quiet zone.
import bwipjs from 'bwip-js/node';

function viewBoxWidth(svg: string): number {
  const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  return m ? Number(m[1]) : 0;
}

function sized(svg: string, widthMm: number, heightMm: number, cls: string): string {
  return svg.replace(
    '<svg ',
    `<svg class="${cls}" style="width:${widthMm.toFixed(2)}mm;height:${heightMm.toFixed(2)}mm" preserveAspectRatio="none" role="img" `,
  );
}

/**
 * CODE128 at the widest module that fits `maxWidthMm`, preferring multiples of a 203 dpi dot
 * (0.125 mm) so thermal label printers reproduce every bar exactly; never below 0.25 mm.
 */
export function code128Svg(text: string, opts: { maxWidthMm: number; heightMm: number; label: string }): string {
  const svg = bwipjs.toSVG({
    bcid: 'code128',
    text,
    scale: 1,
    height: opts.heightMm,
    includetext: false,
    paddingwidth: 10,
    backgroundcolor: 'FFFFFF',
  });
  const modules = viewBoxWidth(svg);
  const moduleMm = Math.max(0.25, Math.min(0.5, Math.floor((opts.maxWidthMm / modules) * 8) / 8));
  return sized(svg, modules * moduleMm, opts.heightMm, 'barcode').replace(
    'role="img" ',
    `role="img" aria-label="${opts.label}" `,
  );
}

/** A QR code `sizeMm` square (quiet zone included), error correction M. */
export function qrSvg(text: string, sizeMm: number): string {
  // eclevel is a BWIPP option the typings do not list; a variable (not a literal) passes it through.
  const options = {
    bcid: 'qrcode',
    text,
    eclevel: 'M',
    scale: 1,
    paddingwidth: 4,
    paddingheight: 4,
    backgroundcolor: 'FFFFFF',
  };
  const svg = bwipjs.toSVG(options);
  return sized(svg, sizeMm, sizeMm, 'qr');
}
