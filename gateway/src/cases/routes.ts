// PUT /v1/cases/{caseId}, PUT /v1/cases/{caseId}/supplements/{supplementId}, POST /v1/reconcile.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { CasePushResponse, ReconcileResponse, SupplementPushResponse } from '@tongban/protocol/sync/api';
import { reconcileRequestSchema } from '@tongban/protocol/sync/api';
import { caseManifestSchema, supplementManifestSchema, type CaseManifest } from '@tongban/protocol/sync/manifest';
import { MAX_CASE_MANIFEST_BYTES } from '@tongban/protocol/sync/manifest-face-match';
import type { DeviceContext } from '../auth/verify';
import { GatewayError, zodFields } from '../http/errors';
import { checkCaseRouting } from '../catalogue/repo';
import { reconcile, storeCase, storeSupplement } from './repo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The signing device, or a 401 on a route that was somehow reached unsigned. */
export function deviceOf(request: FastifyRequest): DeviceContext {
  if (!request.device) throw new GatewayError('signature-missing', 'request is not signed');
  return request.device;
}

/** Checks path ids are lower-case UUIDs (as clients mint them) and that Idempotency-Key is the resource id. */
export function checkIds(request: FastifyRequest, ids: string[], idempotencyKey: string | null): void {
  if (!ids.every((id) => UUID.test(id)))
    throw new GatewayError('invalid-request', 'ids in the path must be lower-case UUIDs');
  if (idempotencyKey !== null && request.headers['idempotency-key'] !== idempotencyKey) {
    throw new GatewayError('idempotency-key-mismatch', 'Idempotency-Key must be the id in the path');
  }
}

/**
 * The pushed case manifest, checked as every push of a case is (the case PUT and the bundle): schema, the
 * id in the path, the device's district, the catalogue's routing.
 */
export async function checkCaseManifest(
  pool: pg.Pool,
  body: unknown,
  caseId: string,
  device: DeviceContext,
): Promise<CaseManifest> {
  const parsed = caseManifestSchema.safeParse(body);
  if (!parsed.success) throw new GatewayError('invalid-manifest', 'invalid case manifest', zodFields(parsed.error));
  const m = parsed.data;
  if (m.caseId !== caseId)
    throw new GatewayError('invalid-manifest', 'caseId differs from the path', [
      { path: 'caseId', code: 'path-mismatch' },
    ]);
  if (m.district !== device.district)
    throw new GatewayError('district-forbidden', `this device may only push cases of district ${device.district}`);
  await checkCaseRouting(pool, m, device.district);
  return m;
}

/** Registers the case, supplement and reconcile routes. */
export function registerCaseRoutes(app: FastifyInstance, pool: pg.Pool): void {
  // A case may carry 人证比对 frames and signature images (decision 0154): above the 1 MiB default.
  app.put<{ Params: { caseId: string } }>(
    '/v1/cases/:caseId',
    { bodyLimit: MAX_CASE_MANIFEST_BYTES },
    async (request, reply) => {
      const device = deviceOf(request);
      const { caseId } = request.params;
      checkIds(request, [caseId], caseId);
      const m = await checkCaseManifest(pool, request.body, caseId, device);
      const stored = await storeCase(pool, m, device.deviceId);
      const body: CasePushResponse = {
        departmentNo: stored.departmentNo,
        caseVersion: stored.caseVersion,
        missingAttachments: stored.missingAttachments,
      };
      return reply.code(stored.created ? 201 : 200).send(body);
    },
  );

  app.put<{ Params: { caseId: string; supplementId: string } }>(
    '/v1/cases/:caseId/supplements/:supplementId',
    async (request, reply) => {
      const device = deviceOf(request);
      const { caseId, supplementId } = request.params;
      checkIds(request, [caseId, supplementId], supplementId);
      const parsed = supplementManifestSchema.safeParse(request.body);
      if (!parsed.success)
        throw new GatewayError('invalid-manifest', 'invalid supplement manifest', zodFields(parsed.error));
      const s = parsed.data;
      if (s.caseId !== caseId || s.supplementId !== supplementId) {
        throw new GatewayError('invalid-manifest', 'ids differ from the path', [
          { path: s.caseId !== caseId ? 'caseId' : 'supplementId', code: 'path-mismatch' },
        ]);
      }
      const stored = await storeSupplement(pool, s, device);
      const body: SupplementPushResponse = {
        caseVersion: stored.caseVersion,
        missingAttachments: stored.missingAttachments,
      };
      return reply.code(stored.created ? 201 : 200).send(body);
    },
  );

  app.post('/v1/reconcile', async (request) => {
    const device = deviceOf(request);
    const parsed = reconcileRequestSchema.safeParse(request.body);
    if (!parsed.success)
      throw new GatewayError('invalid-request', 'invalid reconcile request', zodFields(parsed.error));
    const body: ReconcileResponse = await reconcile(pool, device.district, parsed.data.cases);
    return body;
  });
}
