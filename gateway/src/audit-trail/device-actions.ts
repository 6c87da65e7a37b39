// Device actions in the gateway's audit trail: what each window's signed requests changed or read, one
// chained row per stored push (not per replay), per completed attachment, per reconcile and counter read.
// Status feed pages are audited where they are read (feed/routes.ts), only when they carry events.
// Written before the reply leaves (onSend): a failed audit append is logged, never turned into a failed sync.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import { audit } from '../audit';

/** The audit action of a signed request's outcome, or null when it is not audited. */
export function deviceAction(
  method: string,
  route: string,
  status: number,
  headers: Record<string, unknown>,
): string | null {
  if (method === 'PUT' && route === '/v1/cases/:caseId') return status === 201 ? 'device.case-push' : null;
  if (route.includes('/supplements/')) return method === 'PUT' && status === 201 ? 'device.supplement-push' : null;
  if (route.includes('/attachments/')) {
    if (method === 'PUT' && status === 201) return 'device.attachment';
    return method === 'PATCH' && status === 204 && headers['upload-complete'] === '?1' ? 'device.attachment' : null;
  }
  if (route.includes('/ratings/') || route.includes('/follow-ups/'))
    return method === 'PUT' && status === 201 ? 'device.record-push' : null;
  if (method === 'POST' && route === '/v1/reconcile') return status === 200 ? 'device.reconcile' : null;
  if (method === 'GET' && route === '/v1/document-counters/:date') return status === 200 ? 'device.counter-read' : null;
  return null;
}

/** Adds the hook to the signed scope. */
export function registerDeviceAudit(app: FastifyInstance, pool: pg.Pool): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const device = request.device;
    if (!device) return payload;
    const route = request.routeOptions.url ?? '';
    const action = deviceAction(request.method, route, reply.statusCode, reply.getHeaders());
    if (!action) return payload;
    const params = (request.params ?? {}) as Record<string, string>;
    const details: Record<string, unknown> = { windowCode: device.windowCode, requestId: request.id };
    for (const key of ['supplementId', 'attachmentId', 'ratingId', 'followUpId', 'stepId', 'date'])
      if (params[key]) details[key] = params[key];
    await audit(pool, {
      actor: `device:${device.deviceId}`,
      action,
      target: params.caseId ? `case:${params.caseId}` : null,
      details,
    }).catch((err: unknown) => request.log.error({ err }, 'device action not audited'));
    return payload;
  });
}
