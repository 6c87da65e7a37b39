// Test support: poppler's pdfsig on a PDF, and PKCS#12 files made by OpenSSL (Chinese names included).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What pdfsig says about a PDF's signatures. */
export interface PdfsigReport {
  output: string;
  signatures: number;
  valid: boolean;
  totalDocumentSigned: boolean;
  digestMismatch: boolean;
  signerName: string | null;
}

/** Runs `pdfsig` on the bytes (written to a temporary file). */
export function pdfsig(pdf: Buffer): PdfsigReport {
  const dir = mkdtempSync(join(tmpdir(), 'pdfsig-'));
  const file = join(dir, 'doc.pdf');
  writeFileSync(file, pdf);
  const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  rmSync(dir, { recursive: true, force: true });
  const output = `${r.stdout}${r.stderr}`;
  return {
    output,
    signatures: (output.match(/^Signature #\d+:/gm) ?? []).length,
    valid: /Signature Validation: Signature is Valid\./.test(output),
    totalDocumentSigned: /Total document signed/.test(output),
    digestMismatch: /Digest Mismatch/.test(output),
    signerName: /Signer Certificate Common Name: (.*)/.exec(output)?.[1]?.trim() ?? null,
  };
}

/**
 * A PKCS#12 file made by OpenSSL 3 (self-signed RSA-2048), with the given subject and validity; `from` dates
 * the certificate at another clock (faketime, Debian `faketime`, in .ci/run).
 */
export function opensslPkcs12(opts: { cn: string; o: string; password: string; days?: number; from?: Date }): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'seal-p12-'));
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  const p12 = join(dir, 'seal.p12');
  const at = opts.from ? [opts.from.toISOString().replace('T', ' ').slice(0, 19), 'openssl'] : [];
  const cmd = opts.from ? 'faketime' : 'openssl';
  const pre = at;
  try {
    execFileSync(
      cmd,
      [
        ...pre,
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-utf8',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        String(opts.days ?? 365),
        '-subj',
        `/C=CN/O=${opts.o}/CN=${opts.cn}`,
      ],
      { stdio: 'ignore' },
    );
    execFileSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-inkey',
        key,
        '-in',
        cert,
        '-out',
        p12,
        '-passout',
        `pass:${opts.password}`,
        '-name',
        'seal',
      ],
      { stdio: 'ignore' },
    );
    return readFileSync(p12);
  } finally {
    rmSync(dir, { recursive: true, force: true }); // the private key included
  }
}
