import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gb11714CheckChar, icao9303CheckDigit, id18CheckChar, s10CheckDigit, usccCheckChar } from './check-digits';

describe('id18CheckChar (MOD 11-2)', () => {
  it.each([
    ['11010519491231002', 'X'],
    ['44052418800101001', '4'],
    ['11010519490230002', '0'],
    ['50010120000229001', '0'],
  ])('%s → %s', (first17, check) => expect(id18CheckChar(first17)).toBe(check));

  it('matches the python-stdnum one-liner (1 - 2*int(s, 13)) % 11', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        const n = [...first17].reduce((acc, d) => acc * 13n + BigInt(d), 0n);
        const r = Number((((1n - 2n * n) % 11n) + 11n) % 11n);
        expect(id18CheckChar(first17)).toBe(r === 10 ? 'X' : String(r));
      }),
    );
  });

  it('rejects input that is not 17 digits', () => {
    expect(() => id18CheckChar('1234')).toThrow(RangeError);
    expect(() => id18CheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('usccCheckChar and gb11714CheckChar', () => {
  it('computes the GB 32100 check character', () => {
    expect(usccCheckChar('91110000600037341')).toBe('L');
    expect(usccCheckChar('91230184MA1BUFLT4')).toBe('4');
    expect(usccCheckChar('92371000MA3MXH0E3')).toBe('W');
    expect(usccCheckChar('91350100M0001TGQX')).toBe('1');
  });

  it('computes the GB 11714 check character', () => {
    expect(gb11714CheckChar('60003734')).toBe('1');
    expect(gb11714CheckChar('MA1BUFLT')).toBe('4');
    expect(gb11714CheckChar('M0001TGQ')).toBe('X');
  });

  it('rejects characters outside the alphabet', () => {
    expect(() => usccCheckChar('9111000060003734I')).toThrow(RangeError);
    expect(() => gb11714CheckChar('6000373')).toThrow(RangeError);
  });
});

describe('icao9303CheckDigit', () => {
  it('gives 6 for the ICAO specimen document number L898902C3', () => {
    expect(icao9303CheckDigit('L898902C3')).toBe(6);
  });

  it('counts < as 0', () => {
    expect(icao9303CheckDigit('<<<')).toBe(0);
    expect(icao9303CheckDigit('1<<')).toBe(7);
  });
});

describe('s10CheckDigit', () => {
  it.each([
    ['12345678', 5],
    ['00000000', 5],
    ['10000000', 3],
    ['98765432', 6],
    ['00000001', 4],
  ])('%s → %i', (serial, check) => expect(s10CheckDigit(serial)).toBe(check));

  it('rejects a serial that is not 8 digits', () => {
    expect(() => s10CheckDigit('1234567')).toThrow(RangeError);
  });
});
