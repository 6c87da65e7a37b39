// A window's audit chain head, witnessed by the gateway (issue #19, 责任追溯). The window reports the head of
// its hash-chained audit log (sequence + hash) over a signed request, with its current hash at the sequence
// the gateway witnessed last (the anchor). The gateway keeps the heads and records a conflict when a report
// contradicts an earlier one; the window's own verification compares its chain with the gateway's record.
import { z } from 'zod';

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'sha256-format');
const seq = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** `POST /v1/audit-witnesses` body. `anchor.hash` null: the window has no row at that sequence any more. */
export const auditWitnessPushSchema = z.strictObject({
  head: z.strictObject({ seq, hash: sha256Hex }),
  anchor: z.strictObject({ seq, hash: sha256Hex.nullable() }).nullable(),
});
export type AuditWitnessPush = z.infer<typeof auditWitnessPushSchema>;

/** What a report can contradict (see gateway migration's window_audit_conflicts). */
export type AuditWitnessConflictKind = 'changed' | 'missing' | 'rewound';

/** `POST /v1/audit-witnesses` 200 body. */
export const auditWitnessPushResponseSchema = z.strictObject({
  recorded: z.boolean(),
  conflicts: z.array(z.strictObject({ seq, kind: z.enum(['changed', 'missing', 'rewound']) })),
});
export type AuditWitnessPushResponse = z.infer<typeof auditWitnessPushResponseSchema>;

/** `GET /v1/audit-witnesses?afterSeq=N&limit=M` 200 body: this device's witnesses by sequence, ascending. */
export const auditWitnessListSchema = z.strictObject({
  witnesses: z.array(z.strictObject({ seq, hash: sha256Hex, receivedAt: z.string() })),
  hasMore: z.boolean(),
  /** The highest sequence witnessed (null: none yet). */
  latest: z.strictObject({ seq, hash: sha256Hex }).nullable(),
});
export type AuditWitnessList = z.infer<typeof auditWitnessListSchema>;

export const AUDIT_WITNESS_PAGE_MAX = 1000;
