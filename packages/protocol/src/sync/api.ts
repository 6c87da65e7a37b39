// Request and response bodies of the /v1 endpoints other than the manifests and the feed.
import { z } from 'zod';

/** `POST /v1/enroll` body; `publicKey` is base64 of the raw 32-byte Ed25519 public key. */
export const enrollRequestSchema = z.strictObject({
  code: z.string().min(1).max(64),
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'ed25519-public-key'),
  windowCode: z.string().min(1).max(40),
  hallDivision: z.string().regex(/^\d{6}$/, 'division-format'),
  deviceName: z.string().min(1).max(100),
});

/** An enrolment request. */
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

/** `POST /v1/enroll` 201 body: the device id is the `keyid` of every later signature. */
export interface EnrollResponse {
  deviceId: string;
  epoch: number;
  district: string;
  serverTime: string;
  /** Raw 32-byte Ed25519 public key (base64) that signs catalogue versions; the window pins it. */
  catalogueKey: string;
}

/** `PUT /v1/cases/{caseId}` 201/200 body; the department number never changes on replays. */
export interface CasePushResponse {
  departmentNo: string;
  caseVersion: number;
  missingAttachments: string[];
}

/** `PUT /v1/cases/{caseId}/supplements/{supplementId}` 201/200 body. */
export interface SupplementPushResponse {
  caseVersion: number;
  missingAttachments: string[];
}

/** `PUT /v1/cases/{caseId}/attachments/{attachmentId}` 201/200 body. */
export interface AttachmentPutResponse {
  attachmentId: string;
  verified: true;
  size: number;
}

/** `POST /v1/reconcile` body: cases the client believes delivered, with its manifest hashes (hex). */
export const reconcileRequestSchema = z.strictObject({
  cases: z
    .array(z.strictObject({ caseId: z.uuid(), manifestHash: z.string().regex(/^[0-9a-f]{64}$/, 'sha256-format') }))
    .max(1000),
});

/** A reconcile request. */
export type ReconcileRequest = z.infer<typeof reconcileRequestSchema>;

/** `POST /v1/reconcile` 200 body: ids the gateway does not hold, and ids it holds with another hash. */
export interface ReconcileResponse {
  unknown: string[];
  mismatched: string[];
}

/** Headers of ranged uploads (tus-like). */
export const UPLOAD_HEADERS = { offset: 'upload-offset', length: 'upload-length' } as const;

/**
 * GET /v1/document-counters/{date}: the highest daily sequence among the receipt numbers this
 * window's cases of that business date carry at the gateway (0 when it has none). A window restored
 * from an older backup, or reinstalled, continues its numbering above it.
 */
export const documentCounterResponseSchema = z.strictObject({
  windowCode: z.string().min(1).max(20),
  date: z.iso.date(),
  lastSequence: z.number().int().min(0).max(9999),
});
export type DocumentCounterResponse = z.infer<typeof documentCounterResponseSchema>;
