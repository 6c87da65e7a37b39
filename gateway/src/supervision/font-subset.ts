// The Noto Sans SC subset of a gateway PDF, cut by HarfBuzz's hb-subset (the harfbuzzjs package's WebAssembly
// build, no imports). pdf-lib's own subsetting (@pdf-lib/fontkit 1.1.1) drops composite glyphs of this font:
// 跨, 省, 通 … were blank in pdftoppm renders while pdftotext still read them. The subset (a few hundred KB at
// most) is embedded by pdf-lib as is.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The part of the WebAssembly global used here (the gateway's TypeScript libs do not declare it). */
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

interface HbSubset {
  memory: { buffer: ArrayBuffer };
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

let hb: HbSubset | null = null;
const wasm = (): HbSubset => {
  if (hb) return hb;
  const path = createRequire(__filename).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
  hb = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(path)), {}).exports as unknown as HbSubset;
  return hb;
};

/** The font cut down to the characters of `text` (plus ASCII digits and punctuation); throws when it cannot. */
export function subsetFont(font: Buffer, text: string): Buffer {
  const x = wasm();
  const fontPtr = x.malloc(font.length);
  new Uint8Array(x.memory.buffer).set(font, fontPtr);
  const blob = x.hb_blob_create(fontPtr, font.length, 2 /* HB_MEMORY_MODE_WRITABLE */, 0, 0);
  const face = x.hb_face_create(blob, 0);
  x.hb_blob_destroy(blob);
  const input = x.hb_subset_input_create_or_fail();
  try {
    if (!input) throw new Error('hb-subset: no input');
    const set = x.hb_subset_input_unicode_set(input);
    for (let c = 0x20; c < 0x7f; c++) x.hb_set_add(set, c);
    for (const ch of new Set(text)) x.hb_set_add(set, ch.codePointAt(0) as number);
    const subset = x.hb_subset_or_fail(face, input);
    if (!subset) throw new Error('hb-subset failed');
    const out = x.hb_face_reference_blob(subset);
    const data = x.hb_blob_get_data(out, 0);
    const bytes = Buffer.from(new Uint8Array(x.memory.buffer, data, x.hb_blob_get_length(out)));
    x.hb_blob_destroy(out);
    x.hb_face_destroy(subset);
    return bytes;
  } finally {
    if (input) x.hb_subset_input_destroy(input);
    x.hb_face_destroy(face);
    x.free(fontPtr);
  }
}
