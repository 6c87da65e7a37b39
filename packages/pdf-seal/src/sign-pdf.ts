// Signs a PDF with a seal identity: a PAdES (adbe.pkcs7.detached, SHA-256) signature whose widget sits
// exactly over the seal image. The document's HTML wraps the seal image in a link to SEAL_ANCHOR_URI;
// Chromium turns it into a link annotation with the image's rectangle, which is taken out here and
// replaced by the signature field (the image stays drawn under it). Saved without object streams.
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import signpdf from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFString, PDFHexString, PDFRef, type PDFPage } from 'pdf-lib';
import type { LoadedSealIdentity } from './identity';

import { SEAL_ANCHOR_URI } from './anchor';

export { SEAL_ANCHOR_URI };

/** Bytes reserved for the signature (PKCS#7 with a certificate chain of up to a few certificates). */
const SIGNATURE_LENGTH = 12_288;

/** What the signature dictionary says (ASCII: PDF text strings here are Latin-1). */
export interface SignOptions {
  reason?: string;
  location?: string;
  contactInfo?: string;
  signingTime?: Date;
}

/** PKCS#7 detached signature by node-forge, with the identity's (name-decoded) certificates. */
class IdentitySigner extends Signer {
  constructor(private readonly id: LoadedSealIdentity) {
    super();
  }

  override async sign(pdfBuffer: Buffer, signingTime: Date = new Date()): Promise<Buffer> {
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
    for (const c of this.id.certificates) p7.addCertificate(c);
    const [own] = this.id.certificates;
    if (!own) throw new Error('no certificate');
    p7.addSigner({
      key: this.id.key,
      certificate: own,
      digestAlgorithm: forge.pki.oids.sha256 as string,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType as string, value: forge.pki.oids.data as string },
        { type: forge.pki.oids.messageDigest as string },
        { type: forge.pki.oids.signingTime as string, value: signingTime as unknown as string },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

/** Where the seal is: the page and rectangle [x1, y1, x2, y2] of the seal anchor, removed from the page. */
export function takeSealAnchor(doc: PDFDocument): { page: PDFPage; rect: number[] } | null {
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const annot = annots.lookupMaybe(i, PDFDict);
      const action = annot?.lookupMaybe(PDFName.of('A'), PDFDict);
      const uri = action?.lookupMaybe(PDFName.of('URI'), PDFString, PDFHexString);
      if (!annot || !uri || !uri.decodeText().startsWith(SEAL_ANCHOR_URI)) continue;
      const rect = annot.lookup(PDFName.of('Rect'), PDFArray).asArray();
      const ref = annots.get(i);
      annots.remove(i);
      if (ref instanceof PDFRef) doc.context.delete(ref);
      return { page, rect: rect.map((n) => Number(n.toString())) };
    }
  }
  return null;
}

/** Signs `pdf`; without a seal anchor the (invisible) signature field goes on the last page. */
export async function signPdf(pdf: Buffer, id: LoadedSealIdentity, opts: SignOptions = {}): Promise<Buffer> {
  if (id.algorithm !== 'rsa-sha256') throw new Error(`unsupported seal algorithm ${id.algorithm as string}`);
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const anchor = takeSealAnchor(doc);
  const pages = doc.getPages();
  const signingTime = opts.signingTime ?? new Date();
  pdflibAddPlaceholder({
    pdfPage: anchor?.page ?? (pages[pages.length - 1] as PDFPage),
    reason: opts.reason ?? 'Electronic seal',
    contactInfo: opts.contactInfo ?? '',
    name: id.info.fingerprint.slice(0, 16),
    location: opts.location ?? '',
    signingTime,
    signatureLength: SIGNATURE_LENGTH,
    widgetRect: anchor?.rect ?? [0, 0, 0, 0],
    appName: 'tongban',
  });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  return signpdf.sign(prepared, new IdentitySigner(id), signingTime);
}
