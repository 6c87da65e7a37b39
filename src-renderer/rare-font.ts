// 生僻字 on screen: the rare-character fallback (Jigmo SC chunks, shipped in resources/fonts/rare and served
// at /fonts/rare/ by the app protocol and the browser host) after the system's Chinese fonts. Each chunk has a
// unicode-range, so the window downloads a chunk only when a name or address on screen needs it.
import { RARE_FONT_DIR, rareFontFaceCss } from '@common/printing/rare-font';

/**
 * Chromium keeps the text it shaped in a form field while a chunk was still loading (empty boxes) until the
 * field's font changes. After each load the fields' letter spacing changes by a hundred-thousandth of a
 * pixel (invisible), which makes Chromium shape their text again with the loaded chunk.
 */
const RESHAPE_CSS = 'input, textarea { letter-spacing: var(--rare-reshape, normal); }';

/** Adds the @font-face rules once, before the first render. */
export function installRareFont(doc: Document = document): void {
  if (doc.getElementById('rare-font-faces')) return;
  const style = doc.createElement('style');
  style.id = 'rare-font-faces';
  style.textContent = `${rareFontFaceCss((file) => `/${RARE_FONT_DIR}/${file}`)}\n${RESHAPE_CSS}`;
  doc.head.appendChild(style);
  let loads = 0;
  doc.fonts.addEventListener('loadingdone', () => {
    loads += 1;
    doc.documentElement.style.setProperty('--rare-reshape', `${loads / 100000}px`);
  });
}
