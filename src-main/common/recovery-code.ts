// The recovery code of a window's database key: the 32-byte key in Crockford base32 (52 characters, groups of
// four). Shown to the administrator at setup (and again on request, audited); it is what opens this window's
// encrypted backups on another PC. Typing is forgiving: case, spaces, dashes, I/L for 1 and O for 0.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Formats 32 key bytes as a recovery code. */
export function recoveryCodeOf(key: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of key) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return (out.match(/.{1,4}/g) ?? []).join('-');
}

/** The key bytes of a typed recovery code, or null when it is not one. */
export function keyOfRecoveryCode(code: string): Uint8Array | null {
  const clean = code.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (clean.length !== 52) return null;
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = ((value << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return bytes.length === 32 ? Uint8Array.from(bytes) : null;
}

/** zod-free check used by the contract: a plausible recovery code. */
export const RECOVERY_CODE_PATTERN = /^[0-9A-Za-z\s-]{52,80}$/;
