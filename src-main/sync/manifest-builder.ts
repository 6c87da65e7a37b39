import type { Application } from '@tongban/protocol/cases/application';
import type { CaseMaterial } from '@common/cases/case-types';
import type { AttachmentMeta } from '../cases/attachments-repo';
import type { StoredCase } from '../cases/cases-repo';
import { manifestPerson } from '@common/signatures/content';
import type { ManifestSignature } from '@tongban/protocol/sync/manifest-signature';
import type { ManifestFaceMatch } from '@tongban/protocol/sync/manifest-face-match';
import type { ManifestPart } from '@tongban/protocol/sync/joint-parts';

/** The case manifest as pushed: built only from stored, immutable data, so every retry hashes the same. */
export function buildCaseManifest(
  stored: StoredCase,
  materials: CaseMaterial[],
  attachments: AttachmentMeta[],
  hallDivision: string,
  district: string,
  /** 电子签名 that bind to this case (absent when nobody signed: older manifests hash as before). */
  signatures: ManifestSignature[] = [],
  /** 人证比对 per person (absent when none decided the identity check: older manifests hash as before). */
  faceMatches: ManifestFaceMatch[] = [],
) {
  const app = JSON.parse(stored.application) as Application;
  return {
    caseId: stored.caseId,
    receiptNo: stored.receiptNo ?? '',
    windowCode: stored.windowCode,
    hallDivision,
    district,
    departmentId: stored.departmentId ?? '',
    departmentName: stored.departmentName ?? '',
    matterCode: stored.matterCode,
    matterName: stored.matterName,
    situationCode: stored.situationCode,
    situationName: stored.situationName,
    catalogueVersion: stored.catalogueVersion,
    localityDivision: stored.localityDivision,
    mode: stored.mode,
    applicant: manifestPerson(app.applicant),
    agent: app.agent ? { ...manifestPerson(app.agent), relationship: app.agent.relationship } : null,
    form: app.form,
    materials: materials.map((m) => ({
      code: m.code,
      name: m.name,
      handling: m.handling,
      pages: m.pages,
      required: m.required,
    })),
    attachments: attachments.map((a) => ({
      attachmentId: a.attachmentId,
      materialCode: a.materialCode,
      sha256: a.sha256,
      size: a.size,
      mediaType: a.mediaType,
    })),
    acceptedAt: stored.decidedAt,
    promisedDays: stored.promisedDays,
    ...(signatures.length ? { signatures } : {}),
    // 电子证照 that satisfied materials (免提交原件); left out when none so other manifests hash as before.
    ...(app.licences?.length ? { licences: app.licences } : {}),
    ...(faceMatches.length ? { faceMatches } : {}),
    // 多地联办: the parts as filed (left out on other matters so their manifests hash as before).
    ...(stored.jointParts ? { parts: JSON.parse(stored.jointParts) as ManifestPart[] } : {}),
  };
}
