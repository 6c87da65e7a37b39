// ESC/POS CODE128 (`GS k 73 n d1…dn`) with code-set switching: the printer expects the data to
// start with a code-set selector ('{A', '{B', '{C'); in set C each byte carries two digits, which
// halves the width of digit runs such as receipt and waybill numbers.

/** A CODE128 command: the bytes after `GS k 73 n`, and the symbol width in modules (for sizing). */
export interface Code128Data {
  data: Buffer;
  modules: number;
}

// DLE EOT n (0x10 0x04 n) is a real-time status request that some printers act on even inside
// another command's data; set C can produce it (digits '16','04'), so such data falls back to set B.
const hasStatusRequest = (b: Buffer) => b.includes(Buffer.from([0x10, 0x04]));

/** Encodes printable ASCII for `GS k 73`, using set C for runs of four or more digits. */
export function code128Data(text: string): Code128Data {
  const packed = encode(text, true);
  return hasStatusRequest(packed.data) ? encode(text, false) : packed;
}

function encode(text: string, useSetC: boolean): Code128Data {
  if (!/^[\x20-\x7e]{1,200}$/.test(text)) throw new RangeError('CODE128 data must be 1-200 printable ASCII characters');
  const bytes: number[] = [];
  let set: 'B' | 'C' | null = null;
  let symbols = 0;
  const select = (s: 'B' | 'C') => {
    if (set === s) return;
    bytes.push(0x7b, s.charCodeAt(0));
    set = s;
    symbols++;
  };
  let i = 0;
  while (i < text.length) {
    const run = /^\d*/.exec(text.slice(i))?.[0].length ?? 0;
    if (useSetC && run >= 4) {
      // An odd digit goes first in set B, so the pairs that follow stay aligned.
      if (run % 2 === 1) {
        select('B');
        bytes.push(text.charCodeAt(i));
        symbols++;
        i++;
      }
      select('C');
      const end = i + (run - (run % 2));
      for (; i < end; i += 2) {
        bytes.push(Number(text.slice(i, i + 2)));
        symbols++;
      }
      continue;
    }
    select('B');
    const ch = text.charCodeAt(i);
    if (ch === 0x7b) bytes.push(0x7b, 0x7b);
    else bytes.push(ch);
    symbols++;
    i++;
  }
  // Each symbol (start, data, switches, check) is 11 modules; the stop pattern is 13.
  return { data: Buffer.from(bytes), modules: (symbols + 1) * 11 + 13 };
}

/** The full barcode command: HRI off, module width, height, then `GS k 73 n data`. */
export function code128Command(text: string, opts: { printableDots: number; heightDots: number }): Buffer {
  const { data, modules } = code128Data(text);
  // Widest module that leaves a quiet zone of ten modules on each side; ESC/POS allows 2..6.
  const width = Math.max(2, Math.min(4, Math.floor(opts.printableDots / (modules + 20))));
  return Buffer.concat([
    Buffer.from([0x1d, 0x48, 0x00]), // GS H 0: no human-readable text (we print it ourselves)
    Buffer.from([0x1d, 0x77, width]), // GS w n: module width in dots
    Buffer.from([0x1d, 0x68, opts.heightDots]), // GS h n: height in dots
    Buffer.from([0x1d, 0x6b, 0x49, data.length]),
    data,
  ]);
}
