// 生僻字 on thermal receipts: lines with characters outside the printer's GB 2312 font are sent as
// `GS v 0` bit images drawn from the shipped fonts, so the paper shows the glyph instead of '?' or a box.
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PrintResult } from '@common/printing/documents';
import { PROXY_CARD_MATERIALS } from '../cases/testing/intake-fixtures';
import { LineRasterizer, printerHasGlyph } from './escpos/line-raster';
import { decodeEscPos, inkBetween, type DecodedImage, type DecodedReceipt } from './testing/escpos-decoder';
import { acceptedCase, configure, ok, printingApp, type PrintingTestApp } from './testing/fixtures';
import { RARE_ADDRESS, RARE_AGENT_NAME } from './testing/rare-names';
import { startVirtualPrinter, type VirtualPrinter } from './testing/virtual-printer';

let t: PrintingTestApp;
let printer: VirtualPrinter;
let receipt: DecodedReceipt;

beforeAll(async () => {
  t = await printingApp();
  printer = await startVirtualPrinter();
  await configure(t, { printers: { thermal: printer.url, thermalWidth: 80 } });
  const { caseId } = await acceptedCase(t.app, t.clerk, {
    mode: 'proxy',
    agent: {
      name: RARE_AGENT_NAME,
      idType: 'resident-id',
      idNumber: '500228198512310021',
      phone: '13900139000',
      address: '',
      relationship: '配偶',
    },
    materials: PROXY_CARD_MATERIALS,
    delivery: 'ems',
    deliveryAddress: RARE_ADDRESS,
  });
  const job = printer.nextJob();
  const result = await ok<PrintResult>(t.app, t.clerk, 'print:document', {
    caseId,
    kind: 'acceptance-receipt',
    format: 'thermal-80',
  });
  expect(result.output).toBe('printer');
  receipt = decodeEscPos(await job);
}, 120_000);

afterAll(async () => {
  await printer?.close();
  await t?.dispose();
});

/** The dots of a 24×24 cell starting at `x` (a whole number of columns), as a string of 0/1. */
function cellDots(img: { widthDots: number; height: number; data: Buffer }, x: number): string {
  const widthBytes = img.widthDots / 8;
  let out = '';
  for (let y = 0; y < 24; y++)
    for (let dx = 0; dx < 24; dx++) {
      const px = x + dx;
      out += px < img.widthDots && (img.data[y * widthBytes + (px >> 3)] as number) & (0x80 >> (px & 7)) ? '1' : '0';
    }
  return out;
}

const similarity = (a: string, b: string) => {
  let same = 0;
  let ink = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '1' || b[i] === '1') ink++;
    if (a[i] === '1' && b[i] === '1') same++;
  }
  return ink ? same / ink : 0;
};

it('prints the lines with rare characters as bit images and everything else as GB18030 text', () => {
  expect(receipt.unknown).toEqual([]);
  expect(receipt.images.length).toBeGreaterThanOrEqual(2);
  const text = receipt.lines.map((l) => l.text).join('\n');
  expect(text).not.toContain('?');
  for (const ch of RARE_AGENT_NAME + RARE_ADDRESS) if (!printerHasGlyph(ch)) expect(text).not.toContain(ch);
  expect(text).toContain('收件凭证');
  for (const img of receipt.images) {
    expect([24, 48]).toContain(img.height);
    expect(img.widthDots).toBeLessThanOrEqual(576);
    expect(inkBetween(img, 0, img.widthDots)).toBeGreaterThan(100);
  }
});

it('every rare character of the agent and the address is on the paper as its own glyph, in a column cell', async () => {
  const rasterizer = new LineRasterizer(join(__dirname, '..', '..', 'resources'));
  const rare = [...new Set(Array.from(RARE_AGENT_NAME + RARE_ADDRESS).filter((ch) => !printerHasGlyph(ch)))];
  expect(rare.length).toBeGreaterThanOrEqual(6);
  const found: string[] = [];
  for (const ch of rare) {
    const alone = await rasterizer.render(ch);
    const glyph = cellDots({ widthDots: alone.widthBytes * 8, height: 24, data: alone.data }, 0);
    expect(glyph.includes('1'), `${ch} draws nothing`).toBe(true);
    const hit = receipt.images.some(
      (img: DecodedImage) =>
        img.height === 24 &&
        Array.from({ length: img.widthDots / 12 }, (_, col) => similarity(cellDots(img, col * 12), glyph)).some(
          (s) => s > 0.9,
        ),
    );
    if (hit) found.push(ch);
  }
  expect(found).toEqual(rare);
});
