import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBase64, isBase64Loop, isBase64Native } from './base64';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Reference RFC 4648 encoder (common has no Buffer). */
function encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? ALPHABET[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? ALPHABET[n & 63]! : '=';
  }
  return out;
}

describe('isBase64', () => {
  it('accepts every encoding of bytes and refuses broken ones', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => isBase64(encode(bytes))));
    for (const bad of ['abc', 'ab=c', 'a===', '!!!!', 'YW Jj', 'YWJj\n']) expect(isBase64(bad), bad).toBe(false);
  });
});

describe('the two ways of checking', () => {
  // The main process checks with its native decoder, the renderer with a loop: they must agree.
  const nodeBuffer = (globalThis as unknown as { Buffer: Parameters<typeof isBase64Native>[1] }).Buffer;
  const native = (s: string) => isBase64Native(s, nodeBuffer);
  it('agree on valid encodings and on every single-character change to them', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 60 }),
        fc.nat(),
        fc.constantFrom(...'=-_ \n!é+/Aa0'),
        (bytes, at, c) => {
          const valid = encode(bytes);
          expect(native(valid)).toBe(true);
          const i = at % valid.length;
          const changed = valid.slice(0, i) + c + valid.slice(i + 1);
          expect(native(changed)).toBe(isBase64Loop(changed));
        },
      ),
      { numRuns: 2000 },
    );
  });
  it('agree on arbitrary short strings over a hostile alphabet', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AQYW=+/-_ \n!'), maxLength: 12 }), (s) => {
        expect(native(s)).toBe(isBase64Loop(s));
      }),
      { numRuns: 5000 },
    );
  });
});
