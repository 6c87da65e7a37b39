// 电子印章 at the gateway (decision 0161): each department's seal certificate signs the PDFs that department
// issues (决定书/证照 attached when a reviewer decides, 网络送达). An operator imports the department's PKCS#12
// with `tongban-gateway seal import --department ID --file seal.p12` (password from standard input or
// TONGBAN_GW_SEAL_PASSWORD, used once, never stored); the key and chain are kept as
// <dataDir>/seals/<departmentId>.json, 0600, like the update-signing key. A department without one signs
// with a generated certificate named 样章（培训）, as the window does.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateTrainingIdentity,
  identityFromPkcs12,
  loadIdentity,
  type LoadedSealIdentity,
  type SealCertificateInfo,
  type StoredSealIdentity,
} from '@tongban/pdf-seal/identity';
import { signPdf } from '@tongban/pdf-seal/sign-pdf';

/** Where the department seals live, and what else signing needs. */
export interface DepartmentSealOptions {
  /** The gateway's data folder (config.dataDir). */
  dataDir: string;
  /** Printed in a generated training certificate's name (default: the department id). */
  departmentName?: string;
  now?: Date;
}

const DEPARTMENT_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The file that holds a department's seal identity. Refuses ids that are not plain names. */
export function departmentSealFile(dataDir: string, departmentId: string): string {
  if (!DEPARTMENT_ID.test(departmentId)) throw new RangeError(`not a department id: ${departmentId}`);
  return join(dataDir, 'seals', `${departmentId}.json`);
}

function writePrivate(file: string, text: string): void {
  mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
}

const cache = new Map<string, { mtimeKey: string; identity: LoadedSealIdentity }>();

function readStored(file: string): StoredSealIdentity | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as StoredSealIdentity;
}

/** The department's identity: imported, else a generated 样章（培训） one (saved, so it stays the same). */
function identityOf(departmentId: string, opts: DepartmentSealOptions): LoadedSealIdentity {
  const file = departmentSealFile(opts.dataDir, departmentId);
  let text = existsSync(file) ? readFileSync(file, 'utf8') : null;
  const hit = cache.get(file);
  if (hit && text !== null && hit.mtimeKey === text) return hit.identity;
  if (text === null) {
    const generated = generateTrainingIdentity(opts.departmentName ?? departmentId, opts.now ?? new Date());
    text = JSON.stringify({ ...generated, training: true });
    writePrivate(file, text);
  }
  const identity = loadIdentity(JSON.parse(text) as StoredSealIdentity);
  cache.set(file, { mtimeKey: text, identity });
  return identity;
}

/** Imports (or replaces) a department's seal certificate; throws SealIdentityError and changes nothing when refused. */
export function importDepartmentSeal(
  dataDir: string,
  departmentId: string,
  p12: Buffer,
  password: string,
): SealCertificateInfo {
  const file = departmentSealFile(dataDir, departmentId);
  const stored = identityFromPkcs12(p12, password);
  const info = loadIdentity(stored).info;
  writePrivate(file, JSON.stringify(stored));
  return info;
}

/** The department's seal certificate, or null when none was imported (a training one may have been generated). */
export function departmentSealInfo(dataDir: string, departmentId: string): SealCertificateInfo | null {
  const stored = readStored(departmentSealFile(dataDir, departmentId));
  return stored ? loadIdentity(stored).info : null;
}

/**
 * Signs a PDF the department issues with its seal certificate (PAdES, SHA-256). A seal anchor link in the
 * PDF (SEAL_ANCHOR_URI, see @tongban/pdf-seal) becomes the visible signature field; otherwise the field is
 * invisible on the last page.
 */
export async function signDepartmentPdf(
  pdf: Buffer,
  departmentId: string,
  opts: DepartmentSealOptions,
): Promise<Buffer> {
  const identity = identityOf(departmentId, opts);
  return signPdf(pdf, identity, {
    reason: 'Department electronic seal',
    location: departmentId,
    ...(opts.now ? { signingTime: opts.now } : {}),
  });
}
