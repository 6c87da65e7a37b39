import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBase64 } from './base64';

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
