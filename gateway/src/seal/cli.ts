// `seal import` and `seal show` of the gateway's command line (decision 0161):
//   seal import --department ID --file SEAL.p12   (password: TONGBAN_GW_SEAL_PASSWORD or one stdin line)
//   seal show --department ID [--json]
import { readFileSync } from 'node:fs';
import { expiryState, SEAL_ERROR_ZH, SealIdentityError, type SealCertificateInfo } from '@tongban/pdf-seal/identity';
import { departmentSealInfo, importDepartmentSeal } from './department-signer';

/** What the command needs from the CLI. */
export interface SealCliDeps {
  dataDir: string;
  department: string | undefined;
  file: string | undefined;
  json: boolean;
  password: () => Promise<string>;
  out: (line: string) => void;
  fail: (message: string) => never;
  now?: Date;
}

function describe(info: SealCertificateInfo, now: Date): string {
  const state = expiryState(info, now);
  const zh = { valid: '有效', expiring: '30 天内到期，请尽快更换', expired: '已过期' }[state];
  return `${info.subject}（${info.organization ?? ''}）  签发者 ${info.issuer}  有效期至 ${info.notAfter}  ${zh}  SHA-256 ${info.fingerprint}`;
}

/** Runs `seal <sub>`. */
export async function runSealCommand(sub: string | undefined, d: SealCliDeps): Promise<void> {
  const now = d.now ?? new Date();
  const department = d.department ?? d.fail('--department is required');
  if (sub === 'show') {
    const info = departmentSealInfo(d.dataDir, department);
    if (d.json) return d.out(JSON.stringify(info));
    return d.out(info ? describe(info, now) : `部门 ${department} 尚未导入电子印章证书（签名使用“样章（培训）”证书）`);
  }
  if (sub !== 'import') return d.fail('use seal import --department ID --file SEAL.p12, or seal show --department ID');
  const file = d.file ?? d.fail('--file is required (the PKCS#12 .p12/.pfx file)');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    return d.fail(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    const info = importDepartmentSeal(d.dataDir, department, bytes, await d.password());
    if (expiryState(info, now) === 'expired') d.out('警告：该证书已过期或尚未生效，签名将无法通过核验');
    return d.out(d.json ? JSON.stringify(info) : `部门 ${department} 的电子印章证书已导入：${describe(info, now)}`);
  } catch (err) {
    if (err instanceof SealIdentityError) return d.fail(SEAL_ERROR_ZH[err.reason]);
    throw err;
  }
}
