// 生僻字 on screen: the rare-character fallback (Jigmo SC chunks, shipped in resources/fonts/rare and served
// at /fonts/rare/ by the app protocol and the browser host) after the system's Chinese fonts. Each chunk has a
// unicode-range, so the window downloads a chunk only when a name or address on screen needs it.
import { RARE_FONT_DIR, rareFontFaceCss } from '@common/printing/rare-font';

/** Adds the @font-face rules once, before the first render. */
export function installRareFont(doc: Document = document): void {
  if (doc.getElementById('rare-font-faces')) return;
  const style = doc.createElement('style');
  style.id = 'rare-font-faces';
  style.textContent = rareFontFaceCss((file) => `/${RARE_FONT_DIR}/${file}`);
  doc.head.appendChild(style);
}
