// The gateway's error body and its closed set of codes. Clients branch on `code` (and status),
// never on `message`, which is English text for logs.
import { z } from 'zod';

/** Every error code the gateway's /v1 API returns, with the HTTP status it comes with. */
export const GATEWAY_ERROR_STATUS = {
  'invalid-request': 400,
  'invalid-manifest': 400,
  'malformed-json': 400,
  'digest-mismatch': 400,
  'idempotency-key-mismatch': 400,
  'enrolment-code-invalid': 401,
  'signature-missing': 401,
  'signature-invalid': 401,
  'clock-skew': 401,
  'nonce-replayed': 401,
  'device-revoked': 403,
  'district-forbidden': 403,
  'not-found': 404,
  'case-not-found': 404,
  'slot-not-found': 404,
  'upload-offset-mismatch': 409,
  /** A follow-up or step arrived before the record it follows (its rating, follow-up or previous step). */
  'out-of-order': 409,
  'cursor-reset': 410,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'manifest-mismatch': 422,
  'hash-mismatch': 422,
  'attachment-conflict': 422,
  'supplement-not-requested': 422,
  /** The case already has another rating, the rating another follow-up, or the step another id. */
  'record-conflict': 422,
  /** The catalogue version the case names (or the newest one) does not route its matter and locality to this department. */
  'department-not-routed': 422,
  unavailable: 503,
  /** The 电子证照 provider did not answer (the window keeps the paper path). */
  'licence-provider-unavailable': 503,
  internal: 500,
} as const;

/** A gateway error code (closed kebab-case union). */
export type GatewayErrorCode = keyof typeof GATEWAY_ERROR_STATUS;

/** Every gateway error code. */
export const GATEWAY_ERROR_CODES = Object.keys(GATEWAY_ERROR_STATUS) as GatewayErrorCode[];

/** Whether a string is a known gateway error code. */
export function isGatewayErrorCode(code: string): code is GatewayErrorCode {
  return Object.hasOwn(GATEWAY_ERROR_STATUS, code);
}

/** One invalid field of a request body: a dotted path (`applicant.idNumber`, `attachments.0.sha256`) and a code. */
export interface FieldError {
  path: string;
  code: string;
}

/** The body of every gateway error response. `code` is parsed as a string so newer codes still parse. */
export const gatewayErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), code: z.string() })).optional(),
  }),
});

/** A gateway error body. */
export interface GatewayErrorBody {
  error: { code: GatewayErrorCode; message: string; fields?: FieldError[] };
}
