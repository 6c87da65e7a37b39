// POST /v1/enroll: the only unsigned /v1 request.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { enrollRequestSchema, type EnrollResponse } from '@tongban/protocol/sync/api';
import { GatewayError, zodFields } from '../http/errors';
import { cataloguePublicKey } from '../catalogue/repo';
import { enrolDevice } from './repo';

/** Registers the enrolment route. */
export function registerEnrolRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.post('/v1/enroll', { bodyLimit: 16 * 1024 }, async (request, reply) => {
    const parsed = enrollRequestSchema.safeParse(request.body);
    if (!parsed.success)
      throw new GatewayError('invalid-request', 'invalid enrolment request', zodFields(parsed.error));
    const publicKey = Buffer.from(parsed.data.publicKey, 'base64');
    if (publicKey.length !== 32)
      throw new GatewayError('invalid-request', 'publicKey must be 32 bytes', [
        { path: 'publicKey', code: 'ed25519-public-key' },
      ]);
    const device = await enrolDevice(pool, { ...parsed.data, publicKey });
    if (!device)
      throw new GatewayError(
        'enrolment-code-invalid',
        'enrolment code is unknown, used, expired or for another window',
      );
    const body: EnrollResponse = {
      deviceId: device.deviceId,
      epoch: device.epoch,
      district: device.district,
      serverTime: new Date().toISOString(),
      catalogueKey: await cataloguePublicKey(pool),
    };
    return reply.code(201).send(body);
  });
}
