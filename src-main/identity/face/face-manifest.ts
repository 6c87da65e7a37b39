// 人证比对 for the case manifest (decision 0154): per person, the face comparison the acceptance relied on.
// The latest passing comparison made before the case was decided; failing that, the latest failing one a
// supervisor overrode afterwards. Built from stored rows only, so every retry of a push hashes the same
// (until the chip-data purge drops the frame, retention days after delivery).
import {
  MAX_FACE_FRAME_BASE64,
  type FACE_FRAME_MEDIA_TYPES,
  type ManifestFaceMatch,
} from '@tongban/protocol/sync/manifest-face-match';
import type { IdentityRepo, VerificationRecord } from '../identity-repo';

const ROLES = ['applicant', 'agent'] as const;
type FrameMediaType = (typeof FACE_FRAME_MEDIA_TYPES)[number];

/** The face comparisons a case's manifest carries (empty when none decided its identity check). */
export function manifestFaceMatches(repo: IdentityRepo, caseId: string, decidedAt: string | null): ManifestFaceMatch[] {
  const before = (at: string) => decidedAt === null || at <= decidedAt;
  const verifications = repo.verifications(caseId).filter((v) => v.method === 'face-match' && before(v.verifiedAt));
  const overrides = repo.overrides(caseId).filter((o) => before(o.approvedAt));
  const faces = repo.faceMatches(caseId);
  const out: ManifestFaceMatch[] = [];
  for (const role of ROLES) {
    const mine = verifications.filter((v) => v.role === role); // newest first
    const passed = mine.find((v) => v.result === 'pass');
    const overridden = passed
      ? undefined
      : mine.find((v) => overrides.some((o) => o.role === role && o.approvedAt >= v.verifiedAt));
    const chosen: VerificationRecord | undefined = passed ?? overridden;
    const face = chosen && faces.get(chosen.id);
    if (!chosen || !face) continue;
    const held = repo.faceFrame(chosen.id);
    const base64 = held ? held.frame.toString('base64') : null;
    out.push({
      role,
      method: 'face-match',
      result: chosen.result,
      overridden: !passed,
      similarity: face.similarity,
      threshold: face.threshold,
      model: face.model,
      modelVersion: face.modelVersion,
      realScore: face.realScore,
      liveScore: face.liveScore,
      frameSha256: face.frameSha256,
      frameMediaType: face.frameMediaType as FrameMediaType,
      frame: base64 !== null && base64.length <= MAX_FACE_FRAME_BASE64 ? base64 : null,
      capturedAt: chosen.verifiedAt,
    });
  }
  return out;
}
