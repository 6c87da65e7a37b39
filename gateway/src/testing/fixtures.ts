// Test data: case manifests with real attachment bytes.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AttachmentSlot, CaseManifest, SupplementManifest } from '@tongban/protocol/sync/manifest';

/** An attachment's bytes and its slot. */
export interface TestFile {
  bytes: Buffer;
  slot: AttachmentSlot;
}

/** Random bytes of `size` in a slot of `materialCode`. */
export function testFile(
  size: number,
  materialCode = 'ID',
  mediaType: AttachmentSlot['mediaType'] = 'image/jpeg',
): TestFile {
  const bytes = randomBytes(size);
  return {
    bytes,
    slot: {
      attachmentId: randomUUID(),
      materialCode,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size,
      mediaType,
    },
  };
}

/** A valid manifest for `district` and department `departmentId` with the given attachments. */
export function testManifest(
  district: string,
  files: TestFile[] = [],
  overrides: Partial<CaseManifest> = {},
): CaseManifest {
  return {
    caseId: randomUUID(),
    receiptNo: `CQ01-20260101-${String(Math.floor(Math.random() * 9999)).padStart(4, '0')}-K`,
    windowCode: 'CQ01',
    hallDivision: '500101',
    district,
    departmentId: 'SC-CD-PSB',
    departmentName: '成都市公安局',
    matterCode: 'M-0001',
    matterName: '户口迁移',
    situationCode: 'S-01',
    situationName: '投靠子女',
    catalogueVersion: '2026.01.1',
    localityDivision: '510104',
    mode: 'self',
    applicant: {
      name: '张三',
      idType: 'resident-id',
      idNumber: '500101199003070014',
      phone: '13800000000',
      address: '重庆市万州区',
    },
    agent: null,
    form: { reason: '投靠子女' },
    materials: [
      { code: 'ID', name: '居民身份证', handling: 'copy', pages: 1, required: true },
      { code: 'HK', name: '户口簿', handling: 'copy', pages: 2, required: true },
    ],
    attachments: files.map((f) => f.slot),
    acceptedAt: '2026-01-01T09:00:00.000+08:00',
    promisedDays: 20,
    ...overrides,
  };
}

/** A supplement of `caseId` with the given attachments. */
export function testSupplement(caseId: string, files: TestFile[] = []): SupplementManifest {
  return {
    supplementId: randomUUID(),
    caseId,
    materials: [{ code: 'HK', name: '户口簿', handling: 'copy', pages: 2 }],
    attachments: files.map((f) => f.slot),
    note: '补交户口簿',
    submittedAt: new Date().toISOString(),
  };
}
