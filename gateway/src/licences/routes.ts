// POST /v1/licences/lookup (signed device request): the applicant's 电子证照 of the types a material accepts.
// Body and answer: packages/protocol/src/licences/licences.ts. The request is re-validated (holder ID check
// digits, codes, the case id as purpose); only licences whose holder is one the request names are returned
// (the provider's answer is filtered again here), with the holder's name masked and without ID numbers.
// Every lookup, answered or not, leaves one gateway_audit row `licence.lookup` with the case id as purpose
// and the SHA-256 of each licence disclosed (not the licences themselves).
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import {
  licenceLookupRequestSchema,
  licenceRecordCanonicalText,
  type LicenceLookupResponse,
  type LicenceRecord,
  type LicenceSummary,
} from '@tongban/protocol/licences/licences';
import { maskName } from '@tongban/protocol/validators/masking';
import { audit } from '../audit';
import { deviceOf } from '../cases/routes';
import { GatewayError, zodFields } from '../http/errors';
import type { LicenceProvider } from './provider';

/** How long a provider may take before the window is told to use the paper path. */
export const PROVIDER_TIMEOUT_MS = 5_000;

/** SHA-256 (hex) of a provider record's canonical JSON. */
export function licenceRecordHash(r: LicenceRecord): string {
  return createHash('sha256').update(licenceRecordCanonicalText(r)).digest('hex');
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Registers the lookup route (inside the signed scope). */
export function registerLicenceRoutes(app: FastifyInstance, pool: pg.Pool, provider: LicenceProvider): void {
  app.post('/v1/licences/lookup', async (request) => {
    const device = deviceOf(request);
    const parsed = licenceLookupRequestSchema.safeParse(request.body);
    if (!parsed.success) throw new GatewayError('invalid-request', 'invalid licence lookup', zodFields(parsed.error));
    const q = parsed.data;
    const roles = new Map(q.holders.map((h) => [h.id.toUpperCase(), h.role]));
    const order = [...roles.keys()];
    const lookupId = randomUUID();
    const trail = {
      purpose: 'case-intake',
      caseId: q.caseId,
      lookupId,
      windowCode: device.windowCode,
      matterCode: q.matterCode,
      materialCode: q.materialCode,
      licenceTypes: q.licenceTypes,
      holderRoles: q.holders.map((h) => h.role),
      provider: provider.name,
    };
    let found: LicenceRecord[];
    try {
      found = await withTimeout(
        provider.lookup({ licenceTypes: q.licenceTypes, holderIds: [...roles.keys()] }),
        PROVIDER_TIMEOUT_MS,
      );
    } catch (err) {
      await audit(pool, {
        actor: `device:${device.deviceId}`,
        action: 'licence.lookup',
        target: `case:${q.caseId}`,
        details: { ...trail, outcome: 'provider-unavailable' },
      });
      request.log.warn({ provider: provider.name, error: (err as Error).message }, 'licence provider unavailable');
      throw new GatewayError('licence-provider-unavailable', 'the licence provider did not answer');
    }
    const licences: LicenceSummary[] = found
      .filter((r) => roles.has(r.holderId.toUpperCase()) && q.licenceTypes.includes(r.licenceType))
      // The applicant's first, then in the order the request named the holders (stable: the provider's order within).
      .sort((a, b) => order.indexOf(a.holderId.toUpperCase()) - order.indexOf(b.holderId.toUpperCase()))
      .slice(0, 50)
      .map((r) => ({
        licenceType: r.licenceType,
        typeName: r.typeName,
        number: r.number,
        holderRole: roles.get(r.holderId.toUpperCase()) ?? 'applicant',
        holderNameMasked:
          roles.get(r.holderId.toUpperCase()) === 'organisation' ? r.holderName : maskName(r.holderName),
        issuer: r.issuer,
        issuedOn: r.issuedOn,
        validUntil: r.validUntil,
        status: r.status,
        issuerSigned: r.issuerSignature !== null,
        signatureState: r.signatureState ?? 'unverified',
        sha256: licenceRecordHash(r),
      }));
    await audit(pool, {
      actor: `device:${device.deviceId}`,
      action: 'licence.lookup',
      target: `case:${q.caseId}`,
      details: { ...trail, outcome: 'answered', returned: licences.map((l) => l.sha256) },
    });
    return {
      lookupId,
      provider: provider.name,
      lookedUpAt: new Date().toISOString(),
      licences,
    } satisfies LicenceLookupResponse;
  });
}
