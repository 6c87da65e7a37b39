import { describe, expect, it } from 'vitest';
import { caseManifestSchema, manifestCanonicalText, supplementManifestSchema, type CaseManifest } from './manifest';
import { canTransition, CASE_STATUSES, CASE_STATUS_LABELS_ZH, STATUS_TRANSITIONS } from './status';

const manifest: CaseManifest = {
  caseId: '0192f7a0-0000-7000-8000-000000000001',
  receiptNo: 'CQ01-20260101-0001-K',
  windowCode: 'CQ01',
  hallDivision: '500101',
  district: '510000',
  departmentId: 'SC-CD-PSB',
  departmentName: '成都市公安局',
  matterCode: 'M-0001',
  matterName: '户口迁移',
  situationCode: 'S-01',
  situationName: '投靠',
  catalogueVersion: '2026.01.1',
  localityDivision: '510104',
  mode: 'self',
  applicant: { name: '张三', idType: 'resident-id', idNumber: '500101199003070014', phone: '13800000000', address: '' },
  agent: null,
  form: { reason: '投靠子女' },
  materials: [{ code: 'ID', name: '居民身份证', handling: 'copy', pages: 1, required: true }],
  attachments: [
    {
      attachmentId: '0192f7a0-0000-7000-8000-0000000000a1',
      materialCode: 'ID',
      sha256: 'a'.repeat(64),
      size: 10,
      mediaType: 'image/jpeg',
    },
  ],
  acceptedAt: '2026-01-01T09:00:00.000+08:00',
  promisedDays: 20,
};

describe('case manifest', () => {
  it('parses without changing anything, so both sides hash the same text', () => {
    const parsed = caseManifestSchema.parse(JSON.parse(JSON.stringify(manifest)));
    expect(manifestCanonicalText(parsed)).toBe(manifestCanonicalText(manifest));
  });

  it('has a canonical text independent of key order', () => {
    const reordered = Object.fromEntries(Object.entries(manifest).reverse()) as CaseManifest;
    expect(manifestCanonicalText(reordered)).toBe(manifestCanonicalText(manifest));
    expect(
      manifestCanonicalText(manifest).startsWith('{"acceptedAt":"2026-01-01T09:00:00.000+08:00","agent":null,'),
    ).toBe(true);
  });

  it('reports field paths', () => {
    const bad = {
      ...manifest,
      district: '51',
      attachments: [{ ...manifest.attachments[0], materialCode: 'X', sha256: 'zz' }],
    };
    const result = caseManifestSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['district', 'attachments.0.sha256']));
  });

  it('rejects unknown keys, unknown materials and duplicate slots', () => {
    expect(caseManifestSchema.safeParse({ ...manifest, extra: 1 }).success).toBe(false);
    const slot = manifest.attachments[0];
    const unknownMaterial = caseManifestSchema.safeParse({
      ...manifest,
      attachments: [{ ...slot, materialCode: 'X' }],
    });
    expect(unknownMaterial.error?.issues.map((i) => i.path.join('.'))).toEqual(['attachments.0.materialCode']);
    expect(caseManifestSchema.safeParse({ ...manifest, attachments: [slot, slot] }).success).toBe(false);
  });

  it('accepts a supplement', () => {
    const supplement = {
      supplementId: '0192f7a0-0000-7000-8000-0000000000b1',
      caseId: manifest.caseId,
      materials: [{ code: 'HK', name: '户口簿', handling: 'copy', pages: 2 }],
      attachments: [],
      note: '',
      submittedAt: '2026-01-03T10:00:00Z',
    };
    expect(supplementManifestSchema.parse(supplement)).toEqual(supplement);
  });
});

describe('statuses', () => {
  it('labels every status and allows only forward moves', () => {
    expect(CASE_STATUSES.every((s) => CASE_STATUS_LABELS_ZH[s].length > 0)).toBe(true);
    expect(canTransition('received', 'reviewing')).toBe(true);
    expect(canTransition('reviewing', 'result-mailed')).toBe(false);
    expect(canTransition('supplement-requested', 'approved')).toBe(false);
    expect(STATUS_TRANSITIONS['result-mailed']).toEqual([]);
  });
});
