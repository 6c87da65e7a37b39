// The fallback font for rare characters (生僻字, GB 18030-2022): Jigmo SC (CC0, resources/fonts/rare),
// shipped as 256-code-point WOFF2 chunks so a page loads only the chunks its text needs.
// Noto Sans SC covers the basic block and Extension A; the chunks cover the rest of Ext A's last
// row (U+4DB6–4DBF) and Extensions B–I (planes 2 and 3). Pure: used by printing, the UI and tests.

/** The CSS family of the rare-character fallback, after Noto Sans SC in every font stack. */
export const RARE_FONT_FAMILY = 'TongbanRare';

/** The folder under resources/ that holds the chunks; also the URL path the UI loads them from. */
export const RARE_FONT_DIR = 'fonts/rare';

const CHUNK_RANGES: readonly (readonly [number, number])[] = [
  [0x4d00, 0x4d00],
  [0x20000, 0x2ee00],
  [0x30000, 0x32300],
];

/** First code point of every shipped chunk (each chunk covers 256 code points). */
export const RARE_FONT_CHUNKS: readonly number[] = CHUNK_RANGES.flatMap(([from, to]) =>
  Array.from({ length: (to - from) / 0x100 + 1 }, (_, i) => from + i * 0x100),
);

const CHUNK_SET = new Set(RARE_FONT_CHUNKS);

/** The chunk file name (`020000.woff2`) that holds a code point, or null when no chunk does. */
export function rareFontChunkOf(codePoint: number): string | null {
  const start = codePoint - (codePoint % 0x100);
  return CHUNK_SET.has(start) ? `${start.toString(16).padStart(6, '0')}.woff2` : null;
}

const hex = (n: number) => n.toString(16).toUpperCase();

/** `@font-face` rules for every chunk, each limited to its code points; `urlOf` maps a file name to a URL. */
export function rareFontFaceCss(urlOf: (file: string) => string): string {
  return RARE_FONT_CHUNKS.map((start) => {
    const file = rareFontChunkOf(start) as string;
    return (
      `@font-face{font-family:"${RARE_FONT_FAMILY}";font-display:swap;src:url("${urlOf(file)}") format("woff2");` +
      `unicode-range:U+${hex(start)}-${hex(start + 0xff)}}`
    );
  }).join('\n');
}

/** The CJK Unified Ideograph blocks GB 18030-2022 and Unicode name; used to label test results. */
export const CJK_BLOCKS = {
  URO: [0x4e00, 0x9fff],
  'Ext A': [0x3400, 0x4dbf],
  'Ext B': [0x20000, 0x2a6df],
  'Ext C': [0x2a700, 0x2b73f],
  'Ext D': [0x2b740, 0x2b81f],
  'Ext E': [0x2b820, 0x2ceaf],
  'Ext F': [0x2ceb0, 0x2ebef],
  'Ext I': [0x2ebf0, 0x2ee5f],
  'Ext G': [0x30000, 0x3134f],
  'Ext H': [0x31350, 0x323af],
} as const;

/** The block name of a CJK ideograph, or null for anything else. */
export function cjkBlockOf(codePoint: number): keyof typeof CJK_BLOCKS | null {
  for (const [name, [from, to]] of Object.entries(CJK_BLOCKS)) {
    if (codePoint >= from && codePoint <= to) return name as keyof typeof CJK_BLOCKS;
  }
  return null;
}
