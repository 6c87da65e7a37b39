// 问题处理 from the windows, signed like every /v1 call and pushed through the window's outbox:
//
//   PUT /v1/cases/{caseId}/tickets/{ticketId}                          Idempotency-Key = ticketId
//   PUT /v1/cases/{caseId}/tickets/{ticketId}/messages/{messageId}     Idempotency-Key = messageId
//
// Bodies: packages/protocol/src/sync/tickets.ts. 201 first time, 200 with the same body on a replay, 422
// `manifest-mismatch` for another body under the id (nothing changed), 404 `case-not-found`, 403
// `district-forbidden`, 409 `out-of-order` for a message whose ticket has not arrived. The ticket's state (due
// date, answers, files) goes back to the window in the status feed. Files the manifests declare are uploaded through
// `PUT /v1/cases/{caseId}/attachments/{id}`; the window fetches the department's files with
//
//   GET /v1/cases/{caseId}/tickets/{ticketId}/attachments/{attachmentId}   (404 `not-found` until verified)
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { ticketManifestSchema, ticketMessageManifestSchema } from '@tongban/protocol/sync/tickets';
import { deviceOf } from '../cases/routes';
import { withTransaction } from '../db/pool';
import { GatewayError, zodFields } from '../http/errors';
import type { BlobStore } from '../attachments/blob-store';
import { findTicketFile } from './attachments';
import { storeWindowMessage, storeWindowTicket, type TicketClock } from './repo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checkPath(path: Record<string, string>, body: Record<string, unknown>, key: unknown, last: string): void {
  if (!Object.values(path).every((id) => UUID.test(id)))
    throw new GatewayError('invalid-request', 'ids in the path must be lower-case UUIDs');
  if (key !== last)
    throw new GatewayError('idempotency-key-mismatch', 'Idempotency-Key must be the last id in the path');
  const wrong = Object.keys(path).find((k) => body[k] !== path[k]);
  if (wrong)
    throw new GatewayError('invalid-manifest', 'ids differ from the path', [{ path: wrong, code: 'path-mismatch' }]);
}

/** Registers the window's ticket routes. */
export function registerTicketRoutes(app: FastifyInstance, pool: pg.Pool, clock: TicketClock, store: BlobStore): void {
  app.get<{ Params: { caseId: string; ticketId: string; attachmentId: string } }>(
    '/v1/cases/:caseId/tickets/:ticketId/attachments/:attachmentId',
    async (request, reply) => {
      const device = deviceOf(request);
      const { caseId, ticketId, attachmentId } = request.params;
      if (![caseId, ticketId, attachmentId].every((id) => UUID.test(id)))
        throw new GatewayError('invalid-request', 'ids in the path must be lower-case UUIDs');
      const file = await findTicketFile(pool, { caseId, ticketId, attachmentId, district: device.district });
      const bytes = file ? await store.get(file.sha256) : null;
      if (!file || !bytes) throw new GatewayError('not-found', 'no such ticket file');
      return reply
        .type(file.type)
        .headers({ 'x-content-sha256': file.sha256, 'cache-control': 'no-store' })
        .send(bytes);
    },
  );

  app.put<{ Params: { caseId: string; ticketId: string } }>(
    '/v1/cases/:caseId/tickets/:ticketId',
    async (request, reply) => {
      const device = deviceOf(request);
      const parsed = ticketManifestSchema.safeParse(request.body);
      if (!parsed.success) throw new GatewayError('invalid-manifest', 'invalid ticket', zodFields(parsed.error));
      const { caseId, ticketId } = request.params;
      checkPath({ caseId, ticketId }, parsed.data, request.headers['idempotency-key'], ticketId);
      const stored = await withTransaction(pool, (db) => storeWindowTicket(db, clock, parsed.data, device));
      return reply.code(stored.created ? 201 : 200).send(stored.answer);
    },
  );

  app.put<{ Params: { caseId: string; ticketId: string; messageId: string } }>(
    '/v1/cases/:caseId/tickets/:ticketId/messages/:messageId',
    async (request, reply) => {
      const device = deviceOf(request);
      const parsed = ticketMessageManifestSchema.safeParse(request.body);
      if (!parsed.success)
        throw new GatewayError('invalid-manifest', 'invalid ticket message', zodFields(parsed.error));
      const { caseId, ticketId, messageId } = request.params;
      checkPath({ caseId, ticketId, messageId }, parsed.data, request.headers['idempotency-key'], messageId);
      const stored = await withTransaction(pool, (db) => storeWindowMessage(db, clock, parsed.data, device));
      return reply.code(stored.created ? 201 : 200).send(stored.answer);
    },
  );
}
