// 调取电子证照 at the window: main makes the signed `POST /v1/licences/lookup` for a material of the draft
// being filed, names the holders itself (the applicant the window verified by card, and the persons or
// organisation the situation's form names: a child for a guardian, the 被投靠人, the business), and keeps
// the answer in memory for the draft. A licence the clerk chooses is recorded with the case only if it is
// one of these answers (acceptanceProblems), so the renderer cannot invent a licence. Every lookup is
// audited on the window with the case as purpose. Unchosen licences are never stored (PIPL minimisation).
import type { Application } from '@tongban/protocol/cases/application';
import { canonicalJson } from '@tongban/protocol/canonical-json';
import {
  licenceLookupResponseSchema,
  licenceUsable,
  type HolderRole,
  type LicenceLookupRequest,
  type LicenceSummary,
} from '@tongban/protocol/licences/licences';
import type { FieldProblem } from '@common/result';
import { AppError } from '@common/errors';
import { recordLicence, type LicenceLookupView } from '@common/licences';
import type { AuditLog } from '../audit/audit-log';
import { findSituation, type CatalogueSource } from '../cases/catalogue-source';
import type { Staff } from '../cases/intake-service';
import { signedRequest } from '../sync/gateway-client';
import type { SyncDevice } from '../sync/sync-repo';
import { chinaDate } from '@common/time';

interface StoredLookup {
  caseId: string;
  materialCode: string;
  provider: string;
  lookedUpAt: string;
  licences: LicenceSummary[];
  storedAt: number;
}

/** What the service needs. */
export interface LicenceDeps {
  catalogue: CatalogueSource;
  audit: AuditLog;
  device: () => SyncDevice | null;
  /** ID numbers the window verified by card (result pass) for this case and role. */
  verifiedIds: (caseId: string, role: 'applicant' | 'agent') => string[];
  /** Throws unless the staff member may work on this draft. */
  ownDraft: (staff: Staff, caseId: string) => void;
  now: () => Date;
  timeoutMs?: number;
}

/** A lookup answer stays usable for recording this long (a clerk finishing a long intake). */
const KEEP_MS = 8 * 3600_000;

/** The holders a lookup may name for this application: the applicant, then the form's ID numbers and USCCs. */
export function holdersOf(app: Application, catalogue: CatalogueSource): { role: HolderRole; id: string }[] {
  const found = findSituation(catalogue, app.matterCode, app.situationCode);
  const holders: { role: HolderRole; id: string }[] = [
    { role: 'applicant', id: app.applicant.idNumber.trim().toUpperCase() },
  ];
  for (const field of found?.situation.fields ?? []) {
    const value = (app.form[field.key] ?? '').trim().toUpperCase();
    if (!value || holders.some((h) => h.id === value)) continue;
    if (field.kind === 'id-number') holders.push({ role: 'subject', id: value });
    if (field.kind === 'uscc') holders.push({ role: 'organisation', id: value });
  }
  return holders.slice(0, 4);
}

/** Looks up and checks 电子证照 for drafts. */
export class LicenceService {
  private readonly lookups = new Map<string, StoredLookup>();

  constructor(private readonly deps: LicenceDeps) {}

  /** 调取电子证照 for one material of the draft `app.caseId`. */
  async lookup(staff: Staff, app: Application, materialCode: string): Promise<LicenceLookupView> {
    this.deps.ownDraft(staff, app.caseId);
    const found = findSituation(this.deps.catalogue, app.matterCode, app.situationCode);
    const material = found?.situation.materials.find((m) => m.code === materialCode);
    if (!found || !material?.licenceTypes?.length)
      throw new AppError('invalid-input', 'this material cannot be satisfied by an electronic licence', {
        fields: [{ path: 'materialCode', code: 'licence-not-offered' }],
      });
    const applicantId = app.applicant.idNumber.trim().toUpperCase();
    if (!this.deps.verifiedIds(app.caseId, 'applicant').includes(applicantId))
      throw new AppError('licence-applicant-unverified', 'verify the applicant by card first');
    const device = this.deps.device();
    if (!device || device.revokedAt)
      throw new AppError('licence-offline', 'this window is not enrolled with a gateway');
    const body: LicenceLookupRequest = {
      caseId: app.caseId,
      matterCode: app.matterCode,
      materialCode,
      licenceTypes: material.licenceTypes,
      holders: holdersOf(app, this.deps.catalogue),
    };
    const trail = {
      purpose: 'case-intake',
      materialCode,
      licenceTypes: material.licenceTypes,
      holderRoles: body.holders.map((h) => h.role),
    };
    const reply = await signedRequest(
      device,
      { timeoutMs: this.deps.timeoutMs ?? 10_000, now: this.deps.now },
      { method: 'POST', path: '/v1/licences/lookup', body: Buffer.from(JSON.stringify(body)) },
    );
    const answer = reply.status === 200 ? licenceLookupResponseSchema.safeParse(reply.body) : null;
    if (!answer?.success) {
      const outcome =
        reply.status === null ? 'offline' : reply.status === 503 ? 'provider-unavailable' : `refused-${reply.status}`;
      this.deps.audit.append({
        actor: staff,
        action: 'licence.lookup',
        target: `case:${app.caseId}`,
        details: { ...trail, outcome, ...(reply.errorCode ? { errorCode: reply.errorCode } : {}) },
      });
      if (reply.status === null) throw new AppError('licence-offline', 'the gateway did not answer');
      throw new AppError('licence-provider-unavailable', `licence lookup failed (${reply.status ?? ''})`);
    }
    const { lookupId, provider, lookedUpAt, licences } = answer.data;
    this.prune();
    this.lookups.set(lookupId, {
      caseId: app.caseId,
      materialCode,
      provider,
      lookedUpAt,
      licences,
      storedAt: this.deps.now().getTime(),
    });
    this.deps.audit.append({
      actor: staff,
      action: 'licence.lookup',
      target: `case:${app.caseId}`,
      details: { ...trail, outcome: 'answered', lookupId, provider, returned: licences.length },
    });
    const today = chinaDate(this.deps.now());
    return {
      lookupId,
      provider,
      lookedUpAt,
      materialCode,
      licences: licences.map((l) => ({ ...l, usable: licenceUsable(l, today) })),
    };
  }

  /**
   * Field problems of the application's recorded licences (joined to the formal check at 收件): each must be
   * a usable licence of a lookup this window made for this case and material, recorded exactly as answered.
   */
  acceptanceProblems(caseId: string, app: Application): FieldProblem[] {
    const problems: FieldProblem[] = [];
    const today = chinaDate(this.deps.now());
    for (const recorded of app.licences ?? []) {
      const path = `materials.${recorded.materialCode}`;
      const lookup = this.lookups.get(recorded.lookupId);
      const answered =
        lookup?.caseId === caseId && lookup.materialCode === recorded.materialCode
          ? lookup.licences.find((l) => l.sha256 === recorded.sha256)
          : undefined;
      if (!lookup || !answered) {
        problems.push({ path, code: 'licence-not-looked-up' });
        continue;
      }
      const expected = recordLicence({ ...lookup, lookupId: recorded.lookupId }, answered);
      if (canonicalJson(expected) !== canonicalJson(recorded)) problems.push({ path, code: 'licence-not-looked-up' });
      else if (answered.signatureState === 'invalid') problems.push({ path, code: 'licence-signature-invalid' });
      else if (!licenceUsable(answered, today)) problems.push({ path, code: 'licence-expired' });
    }
    return problems;
  }

  private prune(): void {
    const cutoff = this.deps.now().getTime() - KEEP_MS;
    for (const [id, l] of this.lookups) if (l.storedAt < cutoff) this.lookups.delete(id);
  }
}
