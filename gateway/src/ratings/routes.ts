// 好差评 records, pushed by a window after the case itself (the outbox runs in order per case):
//
//   PUT /v1/cases/{caseId}/ratings/{ratingId}                           Idempotency-Key = ratingId
//   PUT /v1/cases/{caseId}/follow-ups/{followUpId}                      Idempotency-Key = followUpId
//   PUT /v1/cases/{caseId}/follow-ups/{followUpId}/steps/{stepId}       Idempotency-Key = stepId
//
// Bodies: packages/protocol/src/sync/records.ts. Ids are UUIDv7 made at the window. Same rules as
// cases: 201 first time, 200 with the same body `{id, caseId, receivedAt}` on a replay with the
// same canonical manifest, 422 `manifest-mismatch` (nothing changed) for the same id with another
// body. 404 `case-not-found` (the window pushes the case again first, then retries), 403
// `district-forbidden` for a case of another district, 409 `out-of-order` when the rating, the
// follow-up or the previous step (回访 → 核实 → 整改 → 反馈) has not arrived (retried), 422
// `record-conflict` when the case already has another rating, the rating another follow-up, or
// the step another id. A real-name rating's contact is personal data: stored, shown masked, never logged.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { z } from 'zod';
import {
  followUpManifestSchema,
  followUpStepManifestSchema,
  ratingManifestSchema,
} from '@tongban/protocol/sync/records';
import { deviceOf } from '../cases/routes';
import { GatewayError, zodFields } from '../http/errors';
import { storeFollowUp, storeFollowUpStep, storeRating, type StoredRecord } from './repo';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Parses the body and checks the path ids (lower-case UUIDs, equal to the body's) and the Idempotency-Key. */
function parse<S extends z.ZodType<Record<string, unknown>>>(
  request: FastifyRequest,
  schema: S,
  path: Record<string, string>,
  key: string,
): z.infer<S> {
  if (!Object.values(path).every((id) => UUID.test(id)))
    throw new GatewayError('invalid-request', 'ids in the path must be lower-case UUIDs');
  if (request.headers['idempotency-key'] !== key)
    throw new GatewayError('idempotency-key-mismatch', 'Idempotency-Key must be the last id in the path');
  const parsed = schema.safeParse(request.body);
  if (!parsed.success) throw new GatewayError('invalid-manifest', 'invalid record manifest', zodFields(parsed.error));
  const body = parsed.data as Record<string, unknown>;
  const wrong = Object.keys(path).find((k) => body[k] !== path[k]);
  if (wrong)
    throw new GatewayError('invalid-manifest', 'ids differ from the path', [{ path: wrong, code: 'path-mismatch' }]);
  return parsed.data;
}

const answer = (reply: FastifyReply, stored: StoredRecord) =>
  reply.code(stored.created ? 201 : 200).send(stored.answer);

/** Registers the rating, follow-up and follow-up step routes. */
export function registerRatingRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.put<{ Params: { caseId: string; ratingId: string } }>(
    '/v1/cases/:caseId/ratings/:ratingId',
    async (request, reply) => {
      const device = deviceOf(request);
      const { caseId, ratingId } = request.params;
      const m = parse(request, ratingManifestSchema, { caseId, ratingId }, ratingId);
      return answer(reply, await storeRating(pool, m, device));
    },
  );

  app.put<{ Params: { caseId: string; followUpId: string } }>(
    '/v1/cases/:caseId/follow-ups/:followUpId',
    async (request, reply) => {
      const device = deviceOf(request);
      const { caseId, followUpId } = request.params;
      const m = parse(request, followUpManifestSchema, { caseId, followUpId }, followUpId);
      return answer(reply, await storeFollowUp(pool, m, device));
    },
  );

  app.put<{ Params: { caseId: string; followUpId: string; stepId: string } }>(
    '/v1/cases/:caseId/follow-ups/:followUpId/steps/:stepId',
    async (request, reply) => {
      const device = deviceOf(request);
      const { caseId, followUpId, stepId } = request.params;
      const m = parse(request, followUpStepManifestSchema, { caseId, followUpId, stepId }, stepId);
      return answer(reply, await storeFollowUpStep(pool, m, device));
    },
  );
}
