// The signing core against real tools: pdfsig validates every signature (a Chinese-named OpenSSL
// certificate included), a changed byte is a digest mismatch, bad PKCS#12 input is refused by reason.
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  expiryState,
  generateTrainingIdentity,
  identityFromPkcs12,
  loadIdentity,
  SealIdentityError,
  type StoredSealIdentity,
} from './identity';
import { SEAL_ANCHOR_URI, signPdf } from './sign-pdf';
import { opensslPkcs12, pdfsig } from './testing/pdfsig';

/** A one-page A4 PDF with a seal anchor link at [380, 100, 500, 220], as Chromium prints it. */
async function anchoredPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  page.drawText('Notice', { x: 50, y: 780, size: 20 });
  const link = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Link',
      Rect: [380, 100, 500, 220],
      Border: [0, 0, 0],
      A: { Type: 'Action', S: 'URI', URI: PDFString.of(SEAL_ANCHOR_URI) },
    }),
  );
  page.node.set(PDFName.of('Annots'), doc.context.obj([link]));
  return Buffer.from(await doc.save());
}

let training: StoredSealIdentity;
beforeAll(() => {
  training = generateTrainingIdentity('重庆市渝中区政务服务中心');
});

describe('signPdf', () => {
  it('signs with a Chinese-named OpenSSL certificate; the field replaces the anchor; a changed byte fails', async () => {
    const p12 = opensslPkcs12({ cn: '渝中区政务服务中心电子印章', o: '重庆市渝中区人民政府', password: 'Seal-2026' });
    const id = loadIdentity(identityFromPkcs12(p12, 'Seal-2026'));
    expect(id.info).toMatchObject({ subject: '渝中区政务服务中心电子印章', organization: '重庆市渝中区人民政府' });
    expect(id.info.training).toBe(false);
    const signed = await signPdf(await anchoredPdf(), id, { location: '5001030001' });
    const report = pdfsig(signed);
    expect(report).toMatchObject({ signatures: 1, valid: true, totalDocumentSigned: true });
    expect(report.signerName).toBe('渝中区政务服务中心电子印章');
    // The widget is where the seal is drawn, and the anchor link is gone.
    const doc = await PDFDocument.load(signed);
    const annots = doc.getPages()[0]?.node.Annots()?.asArray() ?? [];
    expect(annots).toHaveLength(1);
    const text = signed.toString('latin1');
    expect(text).toMatch(/\/Subtype \/Widget/);
    expect(text).toMatch(/\/Rect \[ 380 100 500 220 \]/);
    expect(text).not.toContain(SEAL_ANCHOR_URI);

    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('Notice');
    tampered[at + 1] = 'O'.charCodeAt(0);
    const bad = pdfsig(tampered);
    expect(bad.digestMismatch).toBe(true);
    expect(bad.valid).toBe(false);
  });

  it('a generated training certificate is named 样章（培训） and validates', async () => {
    const id = loadIdentity(training);
    expect(id.info.training).toBe(true);
    const report = pdfsig(await signPdf(await anchoredPdf(), id));
    expect(report.valid).toBe(true);
    expect(report.signerName).toBe('重庆市渝中区政务服务中心 样章（培训）');
  });
});

describe('identityFromPkcs12', () => {
  it('refuses a wrong password, a file that is not PKCS#12, and reports expiry 30 days ahead', () => {
    const p12 = opensslPkcs12({ cn: '测试印章', o: '测试单位', password: 'right', days: 20 });
    const reason = (f: () => unknown) => {
      try {
        f();
      } catch (err) {
        return err instanceof SealIdentityError ? err.reason : String(err);
      }
      return 'accepted';
    };
    expect(reason(() => identityFromPkcs12(p12, 'wrong'))).toBe('wrong-password');
    expect(reason(() => identityFromPkcs12(Buffer.from('not a certificate'), 'right'))).toBe('unreadable');
    const info = loadIdentity(identityFromPkcs12(p12, 'right')).info;
    const now = new Date();
    expect(expiryState(info, now)).toBe('expiring');
    const longer = loadIdentity(identityFromPkcs12(opensslPkcs12({ cn: 'a', o: 'b', password: 'p', days: 365 }), 'p'));
    expect(expiryState(longer.info, new Date())).toBe('valid');
    expect(expiryState(info, new Date(now.getTime() + 21 * 86_400_000))).toBe('expired');
  });
});
