// 调取电子证照 for the materials step: the signed gateway lookup runs in main (licences:lookup).
import type { Application } from '@tongban/protocol/cases/application';
import type { LicenceLookupView } from '@common/licences';
import type { Result } from '@common/result';
import { call } from '../../api/call';

/** Looks up the applicant's (and the matter's persons') licences for one material of the draft. */
export function lookupLicences(application: Application, materialCode: string): Promise<Result<LicenceLookupView>> {
  return call('licences:lookup', { application, materialCode });
}
