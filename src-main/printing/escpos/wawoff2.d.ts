// wawoff2 (Google's woff2 compiled to WebAssembly) ships no types: the one function the receipts use.
declare module 'wawoff2' {
  /** Decodes a WOFF2 font to TrueType/OpenType bytes. */
  export function decompress(woff2: Uint8Array): Promise<Uint8Array>;
  const wawoff2: { decompress: typeof decompress };
  export default wawoff2;
}
