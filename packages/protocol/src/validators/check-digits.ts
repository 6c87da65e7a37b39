// Pure check-character algorithms (domain-facts §2.1, §2.3, §2.6, §2.8). Each throws RangeError on
// input that breaks its precondition: that is a programming error, not a user input error.

const ID18_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]; // 2^(18-i) mod 11
const ID18_CHECK_MAP = '10X98765432'; // index = weighted sum mod 11

/** USCC alphabet (GB 32100): digits and capitals without I, O, S, V, Z; a character's value is its index. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]; // 3^(i-1) mod 31

const GB11714_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const S10_WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];
const ICAO_WEIGHTS = [7, 3, 1];

function assertInput(ok: boolean, what: string): void {
  if (!ok) throw new RangeError(`check digit: expected ${what}`);
}

/** Value 0-35 of [0-9A-Z] (A=10 … Z=35), as used by GB 11714 and ICAO 9303. */
function alnumValue(c: string): number {
  const code = c.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55;
}

/** GB 11643 / ISO 7064 MOD 11-2 check character ('0'-'9' or 'X') of the first 17 digits of an ID number. */
export function id18CheckChar(first17: string): string {
  assertInput(/^\d{17}$/.test(first17), '17 digits');
  const sum = ID18_WEIGHTS.reduce((acc, w, i) => acc + w * (first17.charCodeAt(i) - 48), 0);
  return ID18_CHECK_MAP.charAt(sum % 11);
}

/** GB 32100 check character of the first 17 characters of a unified social credit code. */
export function usccCheckChar(first17: string): string {
  assertInput(/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(first17), '17 USCC alphabet characters');
  const sum = USCC_WEIGHTS.reduce((acc, w, i) => acc + w * USCC_ALPHABET.indexOf(first17.charAt(i)), 0);
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/** GB 11714 organisation-code check character ('0'-'9' or 'X') of the 8-character body. */
export function gb11714CheckChar(body8: string): string {
  assertInput(/^[0-9A-Z]{8}$/.test(body8), '8 characters [0-9A-Z]');
  const sum = GB11714_WEIGHTS.reduce((acc, w, i) => acc + w * alnumValue(body8.charAt(i)), 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** ICAO 9303 check digit (weights 7,3,1; A=10 … Z=35; '<'=0) of an MRZ field. */
export function icao9303CheckDigit(field: string): number {
  assertInput(/^[0-9A-Z<]*$/.test(field), 'characters [0-9A-Z<]');
  let sum = 0;
  for (let i = 0; i < field.length; i++) {
    const c = field.charAt(i);
    sum += (c === '<' ? 0 : alnumValue(c)) * (ICAO_WEIGHTS[i % 3] ?? 1);
  }
  return sum % 10;
}

/** UPU S10 check digit of the 8-digit serial number (mod 11; 10 becomes 0 and 11 becomes 5). */
export function s10CheckDigit(serial8: string): number {
  assertInput(/^\d{8}$/.test(serial8), '8 digits');
  const sum = S10_WEIGHTS.reduce((acc, w, i) => acc + w * (serial8.charCodeAt(i) - 48), 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

const MOD3736_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO/IEC 7064 MOD 37,36 (hybrid) check character over [0-9A-Z] (the window's receipt numbers). */
export function mod3736CheckChar(body: string): string {
  const m = 36;
  let p = m;
  for (const ch of body) {
    const v = MOD3736_ALPHABET.indexOf(ch);
    if (v < 0) throw new RangeError(`not alphanumeric: ${ch}`);
    p = (p + v) % m;
    if (p === 0) p = m;
    p = (p * 2) % (m + 1);
  }
  return MOD3736_ALPHABET[(m + 1 - p) % m] as string;
}
