import { canonicalJson } from '@tongban/protocol/canonical-json';
import { signedRequest, type GatewayReply } from './gateway-client';
import type { OperationContext } from './operation-context';
import { buildCaseManifest } from './manifest-builder';
import { requeueCaseIfUnknown, sendRecord } from './record-operations';
import { sendCaseBundle, type CasePushReply } from './case-bundle-push';
import type { OutboxOp } from './sync-repo';

/**
 * A case goes as a bundle on its first attempts only; after that the case PUT and its files one by one (smaller
 * requests, resumable files), so a link too slow or too lossy for a large bundle within the timeout still delivers.
 */
export const BUNDLE_ATTEMPTS = 3;

/** Files up to this size go in one PUT; larger ones in resumable chunks. */
export const SINGLE_UPLOAD_LIMIT = 1024 * 1024;

const gone = (what: string): GatewayReply => ({
  status: 400,
  body: null,
  retryAfter: null,
  errorCode: `local-${what}-missing`,
});

/** Sends one outbox operation as the identical request every time it is retried. */
export async function sendOperation(ctx: OperationContext, op: OutboxOp): Promise<CasePushReply> {
  switch (op.kind) {
    case 'case':
      return sendCase(ctx, op.caseId, op.attempts < BUNDLE_ATTEMPTS);
    case 'attachment':
      return sendAttachment(ctx, op.caseId, op.ref ?? '');
    case 'supplement':
      return sendSupplement(ctx, op.caseId, op.ref ?? '');
    case 'rating':
    case 'follow-up':
    case 'follow-up-step':
    case 'ticket':
    case 'ticket-message':
    case 'document':
      return sendRecord(ctx, op.caseId, op.kind, op.ref ?? '');
    case 'ticket-file':
      return sendTicketFile(ctx, op.caseId, op.ref ?? '');
  }
}

/** The manifest a case is pushed with (the same on every retry and for reconcile), or null when the case is gone. */
export function caseManifestOf(ctx: OperationContext, caseId: string): ReturnType<typeof buildCaseManifest> | null {
  const stored = ctx.cases.get(caseId);
  if (!stored) return null;
  const attachments = ctx.attachments.listByCase(caseId).filter((a) => !a.supplementId);
  return buildCaseManifest(
    stored,
    ctx.cases.materials(caseId),
    attachments,
    ctx.hallDivision,
    ctx.device.district,
    ctx.signatures?.(stored) ?? [],
    ctx.faceMatches?.(stored) ?? [],
  );
}

/** The case with its files in one bundle when they fit (case-bundle-push.ts), else the case PUT alone. */
async function sendCase(ctx: OperationContext, caseId: string, bundle: boolean): Promise<CasePushReply> {
  const manifest = caseManifestOf(ctx, caseId);
  if (!manifest) return gone('case');
  if (bundle && ctx.bundles !== false) {
    const bundled = await sendCaseBundle(ctx, caseId, manifest);
    if (bundled) return bundled;
  }
  return signedRequest(ctx.device, ctx.client, {
    method: 'PUT',
    path: `/v1/cases/${caseId}`,
    body: Buffer.from(canonicalJson(manifest)),
    idempotencyKey: caseId,
  });
}

async function sendAttachment(ctx: OperationContext, caseId: string, attachmentId: string): Promise<GatewayReply> {
  const meta = ctx.attachments.get(attachmentId);
  const bytes = meta && ctx.attachments.bytes(meta.sha256);
  if (!meta || !bytes) return gone('attachment');
  return uploadBytes(ctx, caseId, attachmentId, bytes);
}

/** A 问题处理 file: the slot its ticket/message manifest declared, uploaded like a case's file. */
async function sendTicketFile(ctx: OperationContext, caseId: string, attachmentId: string): Promise<GatewayReply> {
  const bytes = ctx.repo.tickets.files.bytes(attachmentId);
  if (!bytes) return gone('ticket-file');
  return requeueCaseIfUnknown(ctx, caseId, await uploadBytes(ctx, caseId, attachmentId, bytes));
}

/** Uploads a file to its slot: one PUT when small, otherwise resumable chunks from where the gateway stands. */
async function uploadBytes(
  ctx: OperationContext,
  caseId: string,
  attachmentId: string,
  bytes: Buffer,
): Promise<GatewayReply> {
  const path = `/v1/cases/${caseId}/attachments/${attachmentId}`;
  if (bytes.length <= SINGLE_UPLOAD_LIMIT) {
    return signedRequest(ctx.device, ctx.client, {
      method: 'PUT',
      path,
      body: bytes,
      contentType: 'application/octet-stream',
      idempotencyKey: attachmentId,
    });
  }
  // Resumable: ask where the gateway got to, then send the rest in chunks.
  const head = await signedRequest(ctx.device, ctx.client, { method: 'HEAD', path, idempotencyKey: attachmentId });
  if (head.status !== 200 && head.status !== 204) return head;
  let offset = Number(head.headers?.['upload-offset'] ?? 0);
  let reply: GatewayReply = head;
  let realigned = 0;
  while (offset < bytes.length) {
    const chunk = bytes.subarray(offset, Math.min(bytes.length, offset + SINGLE_UPLOAD_LIMIT));
    reply = await signedRequest(ctx.device, ctx.client, {
      method: 'PATCH',
      path,
      body: Buffer.from(chunk),
      contentType: 'application/offset+octet-stream',
      idempotencyKey: attachmentId,
      headers: { 'Upload-Offset': String(offset) },
    });
    // A chunk whose reply was lost may have been stored: continue from where the gateway says it is.
    if (reply.status === 409 && reply.errorCode === 'upload-offset-mismatch' && realigned++ < 3) {
      offset = Number(reply.headers?.['upload-offset'] ?? offset);
      continue;
    }
    if (reply.status !== 204 && reply.status !== 200 && reply.status !== 201) return reply;
    offset = Number(reply.headers?.['upload-offset'] ?? offset + chunk.length);
  }
  return reply;
}

async function sendSupplement(ctx: OperationContext, caseId: string, supplementId: string): Promise<GatewayReply> {
  const supplement = ctx.repo.supplement(supplementId);
  if (!supplement) return gone('supplement');
  const attachments = ctx.attachments.listByCase(caseId).filter((a) => a.supplementId === supplementId);
  const manifest = {
    supplementId,
    caseId,
    materials: supplement.materials,
    attachments: attachments.map((a) => ({
      attachmentId: a.attachmentId,
      materialCode: a.materialCode,
      sha256: a.sha256,
      size: a.size,
      mediaType: a.mediaType,
    })),
    note: supplement.note,
    submittedAt: supplement.submittedAt,
  };
  const reply = await signedRequest(ctx.device, ctx.client, {
    method: 'PUT',
    path: `/v1/cases/${caseId}/supplements/${supplementId}`,
    body: Buffer.from(canonicalJson(manifest)),
    idempotencyKey: supplementId,
  });
  return requeueCaseIfUnknown(ctx, caseId, reply);
}
