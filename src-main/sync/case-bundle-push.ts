// A case push as one request (decision 0235): the case manifest and every file of its slots in one
// `PUT /v1/cases/{caseId}/bundle`, so the gateway spends one nonce and one transaction on the case.
// Falls back to the case PUT (the files then follow as their own operations) when a file is too large
// for a bundle or not on this PC, and when the gateway has no bundle route (an older gateway).
import { canonicalJson } from '@tongban/protocol/canonical-json';
import { CASE_BUNDLE_MEDIA_TYPE, caseBundleParts, fitsCaseBundle } from '@tongban/protocol/sync/case-bundle';
import { signedRequest, type GatewayReply } from './gateway-client';
import type { OperationContext } from './operation-context';

/** A reply to a case push; `bundledFiles` names the slots whose files travelled with it (bundle only). */
export type CasePushReply = GatewayReply & { bundledFiles?: string[] };

/** Per gateway URL, for the run: true when it accepted a bundle, false when it has no bundle route (cases go the old way). */
const hasRoute = new Map<string, boolean>();
/** The bundle in flight to a gateway not yet known: the other workers wait for its answer instead of probing too. */
const probes = new Map<string, Promise<unknown>>();
/** The smallest bundle body a gateway (or a proxy before it) refused as too large, by URL. */
const refusedSize = new Map<string, number>();

/** The bundle body of a case, or null when its files cannot travel in one (too large, or not on this PC). */
export function caseBundleOf(
  ctx: OperationContext,
  manifest: { attachments: { attachmentId: string; sha256: string; size: number }[] },
): { body: Buffer[]; length: number; files: string[] } | null {
  if (!fitsCaseBundle(manifest.attachments.map((a) => a.size))) return null;
  const files: Buffer[] = [];
  for (const slot of manifest.attachments) {
    const bytes = ctx.attachments.bytes(slot.sha256);
    if (!bytes || bytes.length !== slot.size) return null;
    files.push(bytes);
  }
  // The files go as read, not copied into one buffer: the body is sent part after part.
  const body = caseBundleParts(Buffer.from(canonicalJson(manifest)), files).map((p) =>
    Buffer.isBuffer(p) ? p : Buffer.from(p.buffer, p.byteOffset, p.length),
  );
  return {
    body,
    length: body.reduce((sum, p) => sum + p.length, 0),
    files: manifest.attachments.map((a) => a.attachmentId),
  };
}

/**
 * True when a reply says the route does not exist: an older gateway's `not-found` (its answer for an unknown
 * /v1 path), or a bare 404/405 from whatever stands in front of it. The bundle route itself never answers
 * `not-found` (a missing case is `case-not-found`).
 */
export function isMissingRoute(reply: GatewayReply): boolean {
  if (reply.status !== 404 && reply.status !== 405) return false;
  return reply.errorCode === undefined || reply.errorCode === 'not-found';
}

/**
 * Pushes a case as a bundle when it can, else returns null (the caller sends the case PUT). Every retry sends
 * the same body (the manifest is built from stored, immutable data; the files are content-addressed), signed afresh.
 */
export async function sendCaseBundle(
  ctx: OperationContext,
  caseId: string,
  manifest: Parameters<typeof caseBundleOf>[1],
): Promise<CasePushReply | null> {
  const gateway = ctx.device.gatewayUrl;
  // An older gateway costs one extra request per run, not one per case (nor one per worker).
  while (!hasRoute.has(gateway) && probes.has(gateway)) await probes.get(gateway);
  if (hasRoute.get(gateway) === false) return null;
  const bundle = caseBundleOf(ctx, manifest);
  if (!bundle || bundle.length >= (refusedSize.get(gateway) ?? Infinity)) return null;
  const sending = signedRequest(ctx.device, ctx.client, {
    method: 'PUT',
    path: `/v1/cases/${caseId}/bundle`,
    body: bundle.body,
    contentType: CASE_BUNDLE_MEDIA_TYPE,
    idempotencyKey: caseId,
  });
  if (!hasRoute.has(gateway))
    probes.set(
      gateway,
      sending.finally(() => probes.delete(gateway)),
    );
  const reply = await sending;
  if (isMissingRoute(reply)) {
    hasRoute.set(gateway, false);
    return null;
  }
  if (reply.status === 200 || reply.status === 201) hasRoute.set(gateway, true);
  // A proxy's body limit (nginx: 1 MB by default) below the bundle: bundles this large go the old way.
  if (reply.status === 413) {
    refusedSize.set(gateway, Math.min(bundle.length, refusedSize.get(gateway) ?? Infinity));
    return null;
  }
  return { ...reply, bundledFiles: bundle.files };
}
