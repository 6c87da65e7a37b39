// 调取电子证照 as main and the renderer share it: what a lookup shows and how a chosen licence is recorded.
import type { LicenceSummary, RecordedLicence } from '@tongban/protocol/licences/licences';

/** One licence as the materials step lists it. */
export interface LicenceChoice extends LicenceSummary {
  /** In force today and valid in the register: may be chosen. */
  usable: boolean;
}

/** The answer shown to the clerk. */
export interface LicenceLookupView {
  lookupId: string;
  provider: string;
  lookedUpAt: string;
  materialCode: string;
  licences: LicenceChoice[];
}

/** The record of a chosen licence (put in the application; main checks it against its own lookup). */
export function recordLicence(
  view: Pick<LicenceLookupView, 'lookupId' | 'provider' | 'lookedUpAt' | 'materialCode'>,
  licence: LicenceSummary,
): RecordedLicence {
  return {
    materialCode: view.materialCode,
    licenceType: licence.licenceType,
    typeName: licence.typeName,
    number: licence.number,
    holderRole: licence.holderRole,
    issuer: licence.issuer,
    issuedOn: licence.issuedOn,
    validUntil: licence.validUntil,
    sha256: licence.sha256,
    lookupId: view.lookupId,
    lookedUpAt: view.lookedUpAt,
    provider: view.provider,
  };
}
