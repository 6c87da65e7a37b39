import { describe, expect, it } from 'vitest';
import { decodeCode128 } from '../testing/escpos-decoder';
import { code128Command, code128Data } from './code128';

describe('ESC/POS CODE128', () => {
  it.each(['50010112202611300001K', 'EA000000005CN', '1234567890123', 'AB{C}', '7'])('round-trips %s', (text) => {
    expect(decodeCode128(code128Data(text).data)).toBe(text);
  });

  it('packs digit runs in set C', () => {
    const { data, modules } = code128Data('50010112202611300001K');
    expect(data.subarray(0, 2).toString('latin1')).toBe('{C');
    expect(data.length).toBe(2 + 10 + 2 + 1);
    // start-C, 10 pairs, switch to B, 'K', check: 14 symbols of 11 modules, stop 13 (bwip-js agrees).
    expect(modules).toBe(167);
  });

  it('never emits a real-time status request (DLE EOT) inside the data', () => {
    const { data } = code128Data('12160401');
    expect(data.includes(Buffer.from([0x10, 0x04]))).toBe(false);
    expect(decodeCode128(data)).toBe('12160401');
  });

  it('fits an 80 mm line with a quiet zone', () => {
    const cmd = code128Command('50010112202611300001K', { printableDots: 576, heightDots: 64 });
    const width = cmd[cmd.indexOf(Buffer.from([0x1d, 0x77])) + 2] as number;
    const { modules } = code128Data('50010112202611300001K');
    expect((modules + 20) * width).toBeLessThanOrEqual(576);
    expect(width).toBeGreaterThanOrEqual(2);
  });
});
