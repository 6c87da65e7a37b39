// Pushing 好差评 records (rating, follow-up, follow-up step) as outbox operations. They are queued
// after their case, so the case has been delivered when they run; each is a signed PUT keyed by
// the record's id, identical on every retry.
import { canonicalJson } from '@tongban/protocol/canonical-json';
import { classify, type Outcome } from './backoff';
import { signedRequest, type GatewayReply } from './gateway-client';
import type { OperationContext } from './operation-context';
import type { RecordKind } from './records-repo';

const gone = (kind: RecordKind): GatewayReply => ({
  status: 400,
  body: null,
  retryAfter: null,
  errorCode: `local-${kind}-missing`,
});

function request(ctx: OperationContext, kind: RecordKind, ref: string): { path: string; body: unknown } | null {
  const records = ctx.repo.records;
  switch (kind) {
    case 'rating': {
      const m = records.rating(ref);
      return m && { path: `/v1/cases/${m.caseId}/ratings/${m.ratingId}`, body: m };
    }
    case 'follow-up': {
      const m = records.followUp(ref);
      return m && { path: `/v1/cases/${m.caseId}/follow-ups/${m.followUpId}`, body: m };
    }
    case 'follow-up-step': {
      const m = records.step(ref);
      return m && { path: `/v1/cases/${m.caseId}/follow-ups/${m.followUpId}/steps/${m.stepId}`, body: m };
    }
    case 'ticket': {
      const m = ctx.repo.tickets.ticketManifest(ref);
      return m && { path: `/v1/cases/${m.caseId}/tickets/${m.ticketId}`, body: m };
    }
    case 'ticket-message': {
      const m = ctx.repo.tickets.messageManifest(ref);
      return m && { path: `/v1/cases/${m.caseId}/tickets/${m.ticketId}/messages/${m.messageId}`, body: m };
    }
    case 'document': {
      const m = records.document(ref);
      return m && { path: `/v1/cases/${m.caseId}/documents/${m.printId}`, body: m };
    }
    case 'ticket-file':
      return null; // bytes, not JSON: operations.ts uploads it
  }
}

/** Sends one record; when the gateway does not know the case, the case push is queued again first. */
export async function sendRecord(
  ctx: OperationContext,
  caseId: string,
  kind: RecordKind,
  ref: string,
): Promise<GatewayReply> {
  const req = request(ctx, kind, ref);
  if (!req) return gone(kind);
  const reply = await signedRequest(ctx.device, ctx.client, {
    method: 'PUT',
    path: req.path,
    body: Buffer.from(canonicalJson(req.body)),
    idempotencyKey: ref,
  });
  return requeueCaseIfUnknown(ctx, caseId, reply);
}

/**
 * A 好差评 record or a supplement the gateway answers with 404 case-not-found (it lost the case, e.g.
 * restored from an older backup): the case push goes back in line ahead of it, and it is retried.
 */
export function requeueCaseIfUnknown(ctx: OperationContext, caseId: string, reply: GatewayReply): GatewayReply {
  if (reply.status === 404 && reply.errorCode === 'case-not-found') ctx.repo.requeueLostCases([caseId]);
  return reply;
}

/**
 * The loop's action for a record's or a supplement's reply: as for cases, except that an unknown
 * case (404, pushed again first) and an earlier record not there yet (409 out-of-order) are retried,
 * not failed.
 */
export function classifyRecord(status: number | null, errorCode?: string): Outcome {
  if ((status === 404 && errorCode === 'case-not-found') || (status === 409 && errorCode === 'out-of-order'))
    return 'retry';
  return classify(status, errorCode);
}
