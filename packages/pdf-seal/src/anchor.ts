// The seal anchor (decision 0160): documents wrap their seal image in a link to this address; Chromium prints
// it as a link annotation with the image's rectangle, which signPdf replaces by the signature field. No
// dependencies, so a document template can import it without loading the signing libraries.

/** The link target that marks where the seal is drawn (never followed: the annotation is removed). */
export const SEAL_ANCHOR_URI = 'https://seal-anchor.invalid/';
