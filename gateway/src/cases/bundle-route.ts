// PUT /v1/cases/{caseId}/bundle (decision 0231): a new case and all of its files in one signed request.
// Same checks and answers as the case PUT followed by a whole-file PUT of every slot, done atomically;
// the request's nonce and the device's revocation are checked in the case's own statement.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { CasePushResponse } from '@tongban/protocol/sync/api';
import {
  CASE_BUNDLE_BODY_LIMIT,
  CASE_BUNDLE_MEDIA_TYPE,
  fitsCaseBundle,
  splitBundleFiles,
  splitCaseBundle,
} from '@tongban/protocol/sync/case-bundle';
import type { BlobStore } from '../attachments/blob-store';
import { settleDeferredNonce } from '../auth/verify';
import { digestCheckedBytes } from '../http/body';
import { apiErrorHandler, GatewayError } from '../http/errors';
import { checkBundleFiles, storeCaseBundle } from './bundle-repo';
import { checkCaseManifest, checkIds, deviceOf } from './routes';

/** Refusals that are the device's state or its nonce: counted as signature failures, as the onRequest hook does. */
const DEVICE_STATE_CODES = new Set(['device-revoked', 'nonce-replayed']);

/**
 * The route's error handler: a refusal before the case's statement recorded the deferred nonce records it
 * now, so a revoked device or a replayed nonce is refused as such (the protocol's order of checks), and any
 * other refusal leaves its nonce behind exactly as on every other signed route.
 */
function bundleErrorHandler(pool: pg.Pool) {
  // Async, so it returns the reply: fastify sends an async error handler's `undefined` result as a second reply
  // while the first is still in its onSend hooks (a 500 in the log, "Reply was already sent").
  return async (
    err: FastifyError | GatewayError,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> => {
    let error = err;
    try {
      await settleDeferredNonce(pool, request);
    } catch (refusal) {
      error = refusal as GatewayError;
    }
    // request.device is set only once the hook passed: the hook counts its own refusals.
    if (error instanceof GatewayError && request.device && DEVICE_STATE_CODES.has(error.code))
      request.server.metrics.signatureFailures.inc({ reason: error.code });
    apiErrorHandler(error, request, reply);
    return reply;
  };
}

/** Registers the bundle route and its body parser (the bundle's bytes, Content-Digest checked) on `app`. */
export function registerCaseBundleRoute(app: FastifyInstance, pool: pg.Pool, store: BlobStore): void {
  app.addContentTypeParser(
    CASE_BUNDLE_MEDIA_TYPE,
    { parseAs: 'buffer', bodyLimit: CASE_BUNDLE_BODY_LIMIT },
    digestCheckedBytes,
  );

  app.put<{ Params: { caseId: string } }>(
    '/v1/cases/:caseId/bundle',
    { bodyLimit: CASE_BUNDLE_BODY_LIMIT, config: { deferNonce: true }, errorHandler: bundleErrorHandler(pool) },
    async (request, reply) => {
      const device = deviceOf(request);
      const { caseId } = request.params;
      checkIds(request, [caseId], caseId);
      const nonce = request.pendingNonce;
      if (!nonce) throw new Error('the bundle route was reached without its deferred nonce');
      if (!String(request.headers['content-type'] ?? '').startsWith(CASE_BUNDLE_MEDIA_TYPE))
        throw new GatewayError('unsupported-media-type', `a case bundle is sent as ${CASE_BUNDLE_MEDIA_TYPE}`);
      const parts = Buffer.isBuffer(request.body) ? splitCaseBundle(request.body) : null;
      if (!parts) throw new GatewayError('invalid-request', `body is not a case bundle (${CASE_BUNDLE_MEDIA_TYPE})`);
      let json: unknown;
      try {
        json = JSON.parse(parts.manifest.toString('utf8'));
      } catch {
        throw new GatewayError('malformed-json', 'the manifest of the bundle is not valid JSON');
      }
      const m = await checkCaseManifest(pool, json, caseId, device);
      const sizes = m.attachments.map((a) => a.size);
      if (!fitsCaseBundle(sizes))
        throw new GatewayError('invalid-request', 'a file is too large for a bundle: upload the files one by one');
      const files = splitBundleFiles(parts.files, sizes);
      if (!files) throw new GatewayError('invalid-request', "the bundle's files do not add up to its slots' sizes");
      checkBundleFiles(m, files);
      const stored = await storeCaseBundle(pool, m, {
        store,
        deviceId: device.deviceId,
        district: device.district,
        nonce,
        audit: { windowCode: device.windowCode, requestId: request.id },
        onNonceSettled: () => {
          request.pendingNonce = null;
        },
        files,
        filesBytes: parts.files,
      });
      const body: CasePushResponse = {
        departmentNo: stored.departmentNo,
        caseVersion: stored.caseVersion,
        missingAttachments: stored.missingAttachments,
      };
      return reply.code(stored.created ? 201 : 200).send(body);
    },
  );
}
