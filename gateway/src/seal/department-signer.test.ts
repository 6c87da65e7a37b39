// The department's 电子印章 (decision 0161): signDepartmentPdf checked by pdfsig with a generated 样章（培训）
// certificate and an imported Chinese-named OpenSSL one; `seal import` refuses a wrong password, changing nothing.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { opensslPkcs12, pdfsig } from '@tongban/pdf-seal/testing/pdfsig';
import { describe, expect, it, onTestFinished } from 'vitest';
import { runSealCommand, type SealCliDeps } from './cli';
import { departmentSealFile, signDepartmentPdf } from './department-signer';

async function decisionPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595.28, 841.89]).drawText('Decision 2026-0001', { x: 50, y: 780, size: 18 });
  return Buffer.from(await doc.save());
}

function cli(dataDir: string, password: string) {
  const lines: string[] = [];
  const deps: SealCliDeps = {
    dataDir,
    department: 'CQ-YZ-HRSS',
    file: undefined,
    json: false,
    password: async () => password,
    out: (l) => void lines.push(l),
    fail: (m) => {
      throw new Error(m);
    },
  };
  return { lines, deps };
}

describe('signDepartmentPdf', () => {
  it('signs with a generated 样章（培训） certificate, then with the imported one; tampering is caught', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'gw-seal-'));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true })); // a seal's private key
    const first = pdfsig(
      await signDepartmentPdf(await decisionPdf(), 'CQ-YZ-HRSS', { dataDir, departmentName: '渝中区人社局' }),
    );
    expect(first).toMatchObject({ valid: true, totalDocumentSigned: true, signerName: '渝中区人社局 样章（培训）' });

    const p12File = join(dataDir, 'seal.p12');
    writeFileSync(
      p12File,
      opensslPkcs12({ cn: '重庆市渝中区人力资源和社会保障局', o: '重庆市渝中区人民政府', password: 'Dept-2026' }),
    );
    const seals = departmentSealFile(dataDir, 'CQ-YZ-HRSS');
    const before = readFileSync(seals, 'utf8');
    const wrong = cli(dataDir, 'wrong');
    await expect(runSealCommand('import', { ...wrong.deps, file: p12File })).rejects.toThrow('印章证书密码不正确');
    expect(readFileSync(seals, 'utf8')).toBe(before);

    const right = cli(dataDir, 'Dept-2026');
    await runSealCommand('import', { ...right.deps, file: p12File });
    expect(right.lines[0]).toMatch(/^部门 CQ-YZ-HRSS 的电子印章证书已导入：重庆市渝中区人力资源和社会保障局/);
    expect(statSync(seals).mode & 0o777).toBe(0o600);
    expect(readFileSync(seals, 'utf8')).not.toContain('Dept-2026');

    const signed = await signDepartmentPdf(await decisionPdf(), 'CQ-YZ-HRSS', { dataDir });
    const report = pdfsig(signed);
    expect(report, report.output).toMatchObject({ valid: true, totalDocumentSigned: true });
    expect(report.signerName).toBe('重庆市渝中区人力资源和社会保障局');
    const tampered = Buffer.from(signed);
    tampered[tampered.indexOf('Decision') + 1] = 'E'.charCodeAt(0);
    expect(pdfsig(tampered).digestMismatch).toBe(true);

    await expect(signDepartmentPdf(signed, '../etc', { dataDir })).rejects.toThrow(RangeError);
  });
});
