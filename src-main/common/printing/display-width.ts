// Layout by display width for receipt printers in Chinese mode (FS &): every non-ASCII
// character is a double-byte GB18030 glyph printed at full width, i.e. two columns of Font A.

/** Columns of Font A on an 80 mm printer (576 dots / 12). */
export const COLUMNS_80MM = 48;
/** Columns of Font A on a 58 mm printer (384 dots / 12). */
export const COLUMNS_58MM = 32;

/** Display width of one code point: control 0, ASCII 1, anything else (a GB18030 glyph) 2. */
export function charWidth(codePoint: number): number {
  if (codePoint < 0x20 || codePoint === 0x7f) return 0;
  return codePoint < 0x80 ? 1 : 2;
}

/** Display width of a string in printer columns (a CJK character takes two). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch.codePointAt(0) as number);
  return width;
}

/** Pads with spaces on the right to `width` columns (no-op when already wider). */
export function padEndToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Pads with spaces on the left to `width` columns. */
export function padStartToWidth(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(text))) + text;
}

/** Centres text in `width` columns (extra space goes right). */
export function centreToWidth(text: string, width: number): string {
  const room = Math.max(0, width - displayWidth(text));
  return ' '.repeat(Math.floor(room / 2)) + text;
}

// Characters that must not open a line (避头) and that must not close one (避尾).
const NO_LINE_START = new Set(Array.from('，。、；：？！）》」』】〕…—,.;:?!)]%'));
const NO_LINE_END = new Set(Array.from('（《「『【〔([“‘'));

/** Splits text into tokens that should stay together: runs of ASCII word characters, or single characters. */
function tokens(text: string): string[] {
  return text.match(/[A-Za-z0-9@#&*+\-_./:]+|[\s\S]/gu) ?? [];
}

/** Cuts one token that is wider than a line into pieces of at most `width` columns. */
function hardSplit(token: string, width: number): string[] {
  const parts: string[] = [];
  let current = '';
  for (const ch of token) {
    if (displayWidth(current + ch) > width && current) {
      parts.push(current);
      current = '';
    }
    current += ch;
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * Wraps text to lines of at most `width` display columns: ASCII words (numbers, codes) stay whole
 * when they fit on a line, Chinese breaks between characters, closing punctuation never opens a
 * line and opening brackets never close one. Explicit '\n' starts a new line.
 */
export function wrapToWidth(text: string, width: number): string[] {
  if (width < 2) throw new RangeError('width must be at least 2 columns');
  const out: string[] = [];
  for (const paragraph of text.split('\n')) {
    const lines: string[] = [];
    let line = '';
    for (const token of tokens(paragraph)) {
      if (displayWidth(line + token) <= width) {
        line += token;
        continue;
      }
      if (/^\s+$/.test(token)) {
        lines.push(line);
        line = '';
        continue;
      }
      const pieces = displayWidth(token) > width ? hardSplit(token, width) : [token];
      for (const piece of pieces) {
        if (displayWidth(line + piece) <= width) {
          line += piece;
          continue;
        }
        let carry = '';
        const chars = Array.from(line);
        // Keep a closing mark with the (Chinese) character before it, and an opening bracket with what
        // follows; an ASCII code is never split for this.
        if (
          NO_LINE_START.has(Array.from(piece)[0] ?? '') &&
          chars.length > 1 &&
          !/^[\x20-\x7e]$/.test(chars[chars.length - 1] as string)
        )
          carry = chars.pop() as string;
        while (chars.length > 1 && NO_LINE_END.has(chars[chars.length - 1] as string))
          carry = (chars.pop() as string) + carry;
        lines.push(chars.join('').replace(/\s+$/u, ''));
        line = carry + piece;
        if (displayWidth(line) > width) {
          lines.push(carry);
          line = piece;
        }
      }
    }
    lines.push(line.replace(/\s+$/u, ''));
    out.push(...lines);
  }
  return out;
}

/**
 * Lays out `label` + `value` with a hanging indent: the value wraps under itself, not under the
 * label (e.g. '事项名称：社会保障卡申领'). Falls back to no indent when the label takes over half a line.
 */
export function labelledLines(label: string, value: string, width: number): string[] {
  const labelWidth = displayWidth(label);
  if (labelWidth * 2 > width) return wrapToWidth(label + value, width);
  // A code (receipt or waybill number) that would have to be cut beside the label goes on its own line.
  const longestCode = Math.max(0, ...(value.match(/[\x21-\x7e]+/g) ?? []).map((w) => w.length));
  if (longestCode > width - labelWidth && longestCode <= width) return [label.trimEnd(), ...wrapToWidth(value, width)];
  const body = wrapToWidth(value || '—', width - labelWidth);
  return body.map((line, i) => (i === 0 ? label : ' '.repeat(labelWidth)) + line);
}

/** Left text and right text on one line, right-aligned; wraps the left part when both do not fit. */
export function leftRightLines(left: string, right: string, width: number): string[] {
  const rightWidth = displayWidth(right);
  if (displayWidth(left) + 1 + rightWidth <= width)
    return [left + ' '.repeat(width - displayWidth(left) - rightWidth) + right];
  const lines = wrapToWidth(left, width);
  const last = lines[lines.length - 1] ?? '';
  if (displayWidth(last) + 1 + rightWidth <= width) {
    lines[lines.length - 1] = last + ' '.repeat(width - displayWidth(last) - rightWidth) + right;
    return lines;
  }
  return [...lines, padStartToWidth(right, width)];
}
