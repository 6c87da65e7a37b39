// 电子印章 on every A4 document the window issues (decision 0160), checked by poppler's pdfsig: the
// generated 样章（培训） certificate signs until an administrator imports the hall's PKCS#12; a
// tampered copy is a digest mismatch; a bad file or password changes nothing. pdfsig's report of each
// document type is kept as test-results/documents/pdfsig-{training,imported}-<kind>.txt (the closing note's).
import { opensslPkcs12, pdfsig } from '@tongban/pdf-seal/testing/pdfsig';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentKind } from '@common/printing/documents';
import { callErr, callOk } from '../testing/call';
import {
  acceptedCase,
  configure,
  incompleteCase,
  printingApp,
  rejectedCase,
  type PrintingTestApp,
} from './testing/fixtures';
import { DOCUMENT_ARTIFACTS, pdfText, pdfToPngs } from './testing/pdf-tools';

let t: PrintingTestApp;
const docs: { kind: DocumentKind; caseId: string }[] = [];

beforeAll(async () => {
  t = await printingApp();
  await configure(t, { printers: { a4: 'pdf', label: 'pdf' } });
  const accepted = await acceptedCase(t.app, t.clerk);
  const incomplete = await incompleteCase(t.app, t.clerk);
  const rejected = await rejectedCase(t.app, t.clerk);
  docs.push(
    { kind: 'acceptance-receipt', caseId: accepted.caseId },
    { kind: 'material-transfer', caseId: accepted.caseId },
    { kind: 'incomplete-notice', caseId: incomplete.caseId },
    { kind: 'rejection-notice', caseId: rejected.caseId },
  );
}, 120_000);
afterAll(async () => t?.dispose());

async function printA4(kind: DocumentKind, caseId: string): Promise<{ path: string; pdf: Buffer }> {
  const r = await callOk(t.app, t.clerk, 'print:document', { caseId, kind, format: 'a4' });
  if (!r.pdfPath) throw new Error('no PDF');
  return { path: r.pdfPath, pdf: readFileSync(r.pdfPath) };
}

/** Keeps pdfsig's report (the temporary file's path dropped) as test-results/documents/pdfsig-<name>.txt. */
function keepReport(name: string, output: string): void {
  mkdirSync(DOCUMENT_ARTIFACTS, { recursive: true });
  writeFileSync(join(DOCUMENT_ARTIFACTS, `pdfsig-${name}.txt`), output.replace(/^Digital Signature Info of: .*$/m, ''));
}

/** A PKCS#12 dated at the test app's (fixed) clock. */
const p12Base64 = (opts: Parameters<typeof opensslPkcs12>[0]) =>
  opensslPkcs12({ ...opts, from: new Date(t.app.clock.now.getTime() - 3_600_000) }).toString('base64');

describe('电子印章', () => {
  it('without a certificate every A4 document is signed by the 样章（培训） certificate and says so', async () => {
    expect(await callOk(t.app, t.admin, 'seal:status', {})).toMatchObject({ imported: false, state: 'training' });
    for (const { kind, caseId } of docs) {
      const { path, pdf } = await printA4(kind, caseId);
      const report = pdfsig(pdf);
      expect(report, `${kind}\n${report.output}`).toMatchObject({
        signatures: 1,
        valid: true,
        totalDocumentSigned: true,
      });
      expect(report.signerName).toMatch(/样章（培训）$/);
      keepReport(`training-${kind}`, report.output);
      expect(pdfText(path).replace(/\s+/g, '')).toContain('电子签名证书：样章（培训），不具法律效力');
      if (kind === 'acceptance-receipt') pdfToPngs(path, 'seal-training-acceptance', 60);
    }
    const { items } = await callOk(t.app, t.admin, 'settings:readiness', {});
    expect(items.find((i) => i.key === 'seal-certificate')).toMatchObject({ ok: false, severity: 'warn' });
    // A PDF preview is the signed document too.
    const preview = await callOk(t.app, t.clerk, 'print:preview', { ...docs[0]!, format: 'a4', as: 'pdf' });
    expect(preview.as === 'pdf' && pdfsig(Buffer.from(preview.pdfBase64, 'base64')).valid).toBe(true);
  });

  it('refuses a wrong password, a file that is not PKCS#12 and a clerk, changing nothing', async () => {
    const file = p12Base64({ cn: '渝中区政务服务中心', o: '重庆市渝中区', password: 'right-pass' });
    expect(await callErr(t.app, t.admin, 'seal:import', { p12Base64: file, password: 'wrong' })).toMatchObject({
      code: 'invalid-input',
      message: '印章证书密码不正确',
      details: { fields: [{ path: 'password', code: 'seal-wrong-password' }] },
    });
    const junk = Buffer.from('not a certificate at all').toString('base64');
    expect(await callErr(t.app, t.admin, 'seal:import', { p12Base64: junk, password: 'x' })).toMatchObject({
      details: { fields: [{ code: 'seal-unreadable' }] },
    });
    expect(await callErr(t.app, t.clerk, 'seal:import', { p12Base64: file, password: 'right-pass' })).toMatchObject({
      code: 'forbidden',
    });
    expect(await callOk(t.app, t.admin, 'seal:status', {})).toMatchObject({ imported: false });
    expect(await callOk(t.app, t.admin, 'audit:list', { action: 'seal.import', limit: 10 })).toEqual([]);
  });

  it('the imported Chinese-named certificate signs; a changed byte is a digest mismatch; expiry is warned', async () => {
    const status = await callOk(t.app, t.admin, 'seal:import', {
      p12Base64: p12Base64({ cn: '渝中区政务服务中心电子印章', o: '重庆市渝中区人民政府', password: 'Seal-2026' }),
      password: 'Seal-2026',
    });
    expect(status).toMatchObject({ imported: true, state: 'valid', certificate: { training: false } });
    for (const { kind, caseId } of docs) {
      const { path, pdf } = await printA4(kind, caseId);
      const report = pdfsig(pdf);
      expect(report, report.output).toMatchObject({ valid: true, totalDocumentSigned: true });
      expect(report.signerName).toBe('渝中区政务服务中心电子印章');
      keepReport(`imported-${kind}`, report.output);
      expect(pdfText(path)).not.toContain('样章（培训）');
      mkdirSync(DOCUMENT_ARTIFACTS, { recursive: true });
      copyFileSync(path, join(DOCUMENT_ARTIFACTS, `seal-imported-${kind}.pdf`));
      const tampered = Buffer.from(pdf);
      const at = tampered.indexOf('/Producer');
      tampered[at + 1] = 'p'.charCodeAt(0);
      expect(pdfsig(tampered).digestMismatch).toBe(true);
    }
    // Replacing it with one that expires in 20 days: warned on the card and in the 上线检查.
    const expiring = await callOk(t.app, t.admin, 'seal:import', {
      p12Base64: p12Base64({ cn: '渝中区政务服务中心电子印章', o: '重庆市渝中区人民政府', password: 'p', days: 20 }),
      password: 'p',
    });
    expect(expiring).toMatchObject({ state: 'expiring', daysLeft: 19 });
    const { items } = await callOk(t.app, t.admin, 'settings:readiness', {});
    expect(items.find((i) => i.key === 'seal-certificate')).toMatchObject({ ok: false });
    const audit = await callOk(t.app, t.admin, 'audit:list', { limit: 20 });
    expect(audit.filter((a) => a.action.startsWith('seal.')).map((a) => a.action)).toEqual([
      'seal.replace',
      'seal.import',
    ]);
    expect(JSON.stringify(audit)).not.toContain('Seal-2026');
  });
});
