// The gateway's success bodies as the window reads them: parsed, never cast. Objects are not strict,
// so a newer gateway may add fields; a body that does not parse is treated as the gateway's fault.
import { z } from 'zod';

/** `POST /v1/enroll` 201 body (EnrollResponse of api.ts). */
export const enrollResponseSchema = z.object({
  deviceId: z.string().min(1),
  epoch: z.number().int().min(0),
  district: z.string().min(1),
  serverTime: z.iso.datetime({ offset: true }),
  /** Absent from gateways older than catalogue versions: the window then cannot take versions until it re-enrols. */
  catalogueKey: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/)
    .optional(),
});

/** `PUT /v1/cases/{caseId}` 201/200 body (CasePushResponse of api.ts). */
export const casePushResponseSchema = z.object({
  departmentNo: z.string().min(1),
  caseVersion: z.number().int().min(1),
  missingAttachments: z.array(z.string()),
});

/** `POST /v1/reconcile` 200 body (ReconcileResponse of api.ts). */
export const reconcileResponseSchema = z.object({
  unknown: z.array(z.string()),
  mismatched: z.array(z.string()),
});
