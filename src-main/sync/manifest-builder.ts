import type { Application } from '@tongban/protocol/cases/application';
import type { CaseMaterial } from '@common/cases/case-types';
import type { AttachmentMeta } from '../cases/attachments-repo';
import type { StoredCase } from '../cases/cases-repo';

/** The case manifest as pushed: built only from stored, immutable data, so every retry hashes the same. */
export function buildCaseManifest(
  stored: StoredCase,
  materials: CaseMaterial[],
  attachments: AttachmentMeta[],
  hallDivision: string,
  district: string,
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
    applicant: {
      name: app.applicant.name,
      idType: app.applicant.idType,
      idNumber: app.applicant.idNumber.toUpperCase(),
      phone: app.applicant.phone,
      address: app.applicant.address,
    },
    agent: app.agent
      ? {
          name: app.agent.name,
          idType: app.agent.idType,
          idNumber: app.agent.idNumber.toUpperCase(),
          phone: app.agent.phone,
          address: app.agent.address,
          relationship: app.agent.relationship,
        }
      : null,
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
  };
}
