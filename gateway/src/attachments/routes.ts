// Attachment uploads: PUT (whole small file), HEAD (where a ranged upload stands), PATCH (next chunk).
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import type { AttachmentPutResponse } from '@tongban/protocol/sync/api';
import { MAX_CHUNK_BYTES, SINGLE_PUT_MAX_BYTES } from '@tongban/protocol/sync/manifest';
import { deviceOf } from '../cases/routes';
import { GatewayError } from '../http/errors';
import type { BlobStore } from './blob-store';
import { appendChunk, findSlot, putWhole } from './repo';

type SlotParams = { Params: { caseId: string; attachmentId: string } };
const PATH = '/v1/cases/:caseId/attachments/:attachmentId';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checkParams(p: { caseId: string; attachmentId: string }): void {
  if (!UUID.test(p.caseId) || !UUID.test(p.attachmentId))
    throw new GatewayError('slot-not-found', 'ids in the path must be lower-case UUIDs');
}

const bodyBytes = (body: unknown): Buffer => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));

/** Registers the attachment routes. */
export function registerAttachmentRoutes(app: FastifyInstance, pool: pg.Pool, store: BlobStore): void {
  app.put<SlotParams>(PATH, { bodyLimit: SINGLE_PUT_MAX_BYTES }, async (request, reply) => {
    const device = deviceOf(request);
    checkParams(request.params);
    const bytes = bodyBytes(request.body);
    // The Content-Digest check hashed exactly these bytes (an octet-stream body); anything else is hashed here.
    const sha256 = Buffer.isBuffer(request.body) ? (request.bodySha256 ?? undefined) : undefined;
    const { created, slot } = await putWhole(
      pool,
      store,
      request.params.caseId,
      request.params.attachmentId,
      device.district,
      bytes,
      sha256,
    );
    const body: AttachmentPutResponse = { attachmentId: slot.attachmentId, verified: true, size: slot.size };
    return reply.code(created ? 201 : 200).send(body);
  });

  app.head<SlotParams>(PATH, async (request, reply) => {
    const device = deviceOf(request);
    checkParams(request.params);
    const slot = await findSlot(pool, request.params.caseId, request.params.attachmentId, device.district);
    return reply
      .code(200)
      .headers({
        'upload-offset': String(slot.verified ? slot.size : slot.receivedBytes),
        'upload-length': String(slot.size),
        'upload-complete': slot.verified ? '?1' : '?0',
        'cache-control': 'no-store',
      })
      .send();
  });

  app.patch<SlotParams>(PATH, { bodyLimit: MAX_CHUNK_BYTES }, async (request, reply) => {
    const device = deviceOf(request);
    checkParams(request.params);
    const offsetText = request.headers['upload-offset'];
    if (typeof offsetText !== 'string' || !/^\d{1,12}$/.test(offsetText)) {
      throw new GatewayError('invalid-request', 'Upload-Offset header required', [
        { path: 'upload-offset', code: 'required' },
      ]);
    }
    const outcome = await appendChunk(
      pool,
      store,
      request.params.caseId,
      request.params.attachmentId,
      device.district,
      Number(offsetText),
      bodyBytes(request.body),
    );
    if (outcome.hashMismatch) {
      throw new GatewayError(
        'hash-mismatch',
        'the uploaded bytes do not match the slot; the upload starts again at 0',
        undefined,
        { 'upload-offset': '0' },
      );
    }
    return reply
      .code(204)
      .headers({ 'upload-offset': String(outcome.offset), 'upload-complete': outcome.verified ? '?1' : '?0' })
      .send();
  });
}
