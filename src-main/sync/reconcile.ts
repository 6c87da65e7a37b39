// Reconcile (docs/sync-protocol.md, POST /v1/reconcile): once a day the window asks the gateway whether it
// still holds the cases it acknowledged over the last weeks. A gateway restored from an older backup
// has lost the ones delivered since; those are pushed again (with their files and 好差评 records).
import { createHash } from 'node:crypto';
import { canonicalJson } from '@tongban/protocol/canonical-json';
import { signedRequest, type GatewayReply } from './gateway-client';
import type { OperationContext } from './operation-context';
import { caseManifestOf } from './operations';
import { reconcileResponseSchema } from '@tongban/protocol/sync/replies';

/** How far back a window checks its delivered cases. */
export const RECONCILE_DAYS = 30;
/** Cases per request (the most `reconcileRequestSchema` takes). */
const PAGE = 1000;

/** What a reconcile found: ids pushed again and ids the gateway holds with another manifest; `failed`, the reply that stopped it part way. */
export interface ReconcileOutcome {
  requeued: string[];
  mismatched: string[];
  failed?: GatewayReply;
}

/** Asks about every case delivered since `sinceDate`, 1,000 at a time; requeues the ones the gateway does not hold. */
export async function reconcileDelivered(ctx: OperationContext, sinceDate: string): Promise<ReconcileOutcome> {
  const ids = ctx.repo.deliveredSince(sinceDate);
  const requeued: string[] = [];
  const mismatched: string[] = [];
  for (let i = 0; i < ids.length; i += PAGE) {
    const cases = ids.slice(i, i + PAGE).flatMap((caseId) => {
      const manifest = caseManifestOf(ctx, caseId);
      // The hash of exactly the body a push sends (its canonical JSON), which is what the gateway hashes.
      return manifest
        ? [{ caseId, manifestHash: createHash('sha256').update(canonicalJson(manifest), 'utf8').digest('hex') }]
        : [];
    });
    const reply = await signedRequest(ctx.device, ctx.client, {
      method: 'POST',
      path: '/v1/reconcile',
      body: Buffer.from(canonicalJson({ cases })),
    });
    if (reply.status !== 200) return { requeued, mismatched, failed: reply }; // the pages before it stay done
    // An unreadable answer requeues nothing (as an empty one would); the next reconcile asks again.
    const parsed = reconcileResponseSchema.safeParse(reply.body);
    const body = parsed.success ? parsed.data : { unknown: [], mismatched: [] };
    ctx.repo.requeueLostCases(body.unknown);
    requeued.push(...body.unknown);
    mismatched.push(...body.mismatched);
  }
  return { requeued, mismatched };
}
