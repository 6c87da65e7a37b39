// The case manifest carries the 人证比对 the acceptance relied on (decision 0154): per person the latest
// passing comparison, or the failing one a supervisor overrode; nothing after the decision; without any,
// no field at all. Records are built directly (no face models loaded).
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { caseManifestSchema } from '@tongban/protocol/sync/manifest';
import { faceFrameVerified, manifestFaceMatchesSchema } from '@tongban/protocol/sync/manifest-face-match';
import type { StoredCase } from '../../cases/cases-repo';
import { buildCaseManifest } from '../../sync/manifest-builder';
import type { IdentityRepo } from '../identity-repo';
import { identityApp, type IdentityTestApp } from '../testing/identity-app';

let t: IdentityTestApp;
afterEach(() => t?.dispose());

const CASE = '01938a1e-0000-7000-8000-0000000000f1';
const sha256 = (d: Uint8Array) => createHash('sha256').update(d).digest('hex');

/** Stores one face-match attempt of `role` at `at` with its frame; returns the frame. */
function attempt(
  repo: IdentityRepo,
  role: 'applicant' | 'agent',
  result: 'pass' | 'fail',
  at: string,
  similarity: number,
) {
  const frame = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), randomBytes(500)]);
  const id = repo.insertVerification({
    caseId: CASE,
    role,
    method: 'face-match',
    result,
    problems: result === 'pass' ? [] : ['face-below-threshold'],
    idType: 'resident-id',
    cardDocType: 'resident-id',
    name: role === 'applicant' ? '张三' : '李四',
    nameEn: null,
    idNumber: '500101199003070014',
    birthDate: null,
    validTo: null,
    chipSha256: 'a'.repeat(64),
    photoShown: true,
    manualReason: null,
    confirmedMatch: result === 'pass',
    verifiedBy: 1,
    verifiedAt: at,
  });
  repo.insertFaceMatch(
    {
      verificationId: id,
      caseId: CASE,
      similarity,
      threshold: 0.66,
      model: 'human-faceres',
      modelVersion: '3.3.6',
      frameSha256: sha256(frame),
      frameMediaType: 'image/jpeg',
      facesInFrame: 1,
      faceWidth: 180,
      realScore: 0.8,
      liveScore: null,
      rendererScore: null,
      analysisMs: 250,
      storedAt: at,
    },
    frame,
  );
  return frame;
}

describe('人证比对 on the case manifest', () => {
  it('carries the passing match of the applicant and the overridden failing one of the agent', async () => {
    t = await identityApp();
    const identity = t.app.services.identity;
    const repo = identity.service.repo;
    expect(identity.faceMatchesOf(CASE, '2026-11-30T03:00:00.000Z')).toEqual([]);

    attempt(repo, 'applicant', 'fail', '2026-11-30T02:01:00.000Z', 0.4);
    const passed = attempt(repo, 'applicant', 'pass', '2026-11-30T02:02:00.000Z', 0.91);
    const agentFrame = attempt(repo, 'agent', 'fail', '2026-11-30T02:03:00.000Z', 0.5);
    // A failing agent match without an override is not carried; with one, it is.
    expect(identity.faceMatchesOf(CASE, '2026-11-30T03:00:00.000Z').map((f) => f.role)).toEqual(['applicant']);
    repo.insertOverride({
      caseId: CASE,
      role: 'agent',
      reason: '证件照片年代久远',
      approvedBy: 1,
      approvedAt: '2026-11-30T02:04:00.000Z',
    });
    // Made after the decision: ignored.
    attempt(repo, 'applicant', 'pass', '2026-11-30T04:00:00.000Z', 0.99);

    const list = identity.faceMatchesOf(CASE, '2026-11-30T03:00:00.000Z');
    expect(manifestFaceMatchesSchema.parse(list)).toEqual(list);
    expect(list).toMatchObject([
      { role: 'applicant', result: 'pass', overridden: false, similarity: 0.91, frameSha256: sha256(passed) },
      { role: 'agent', result: 'fail', overridden: true, similarity: 0.5, frameSha256: sha256(agentFrame) },
    ]);
    const b64 = (s: string) => Buffer.from(s, 'base64');
    for (const f of list) expect(faceFrameVerified(f, sha256, b64)).toBe(true);

    // On the manifest: present with them, absent (hashing as before) without.
    const stored = {
      caseId: CASE,
      receiptNo: 'R1',
      windowCode: 'W1',
      departmentId: 'SC-CD-PSB',
      departmentName: '成都市公安局',
      matterCode: 'M1',
      matterName: '事项',
      situationCode: 'S1',
      situationName: '情形',
      catalogueVersion: '2026.12.2',
      localityDivision: '510100',
      mode: 'self',
      decidedAt: '2026-11-30T03:00:00.000Z',
      promisedDays: 5,
      application: JSON.stringify({
        applicant: {
          name: '张三',
          idType: 'resident-id',
          idNumber: '500101199003070014',
          phone: '13800000000',
          address: '重庆市',
        },
        agent: null,
        form: {},
      }),
    } as unknown as StoredCase;
    const withFaces = buildCaseManifest(stored, [], [], '500101', '500000', [], list);
    expect(caseManifestSchema.parse(withFaces).faceMatches).toEqual(list);
    expect('faceMatches' in buildCaseManifest(stored, [], [], '500101', '500000')).toBe(false);
  });
});
