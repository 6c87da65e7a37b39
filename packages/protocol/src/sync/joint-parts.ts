// 多地联办 (decision 0215): a case whose matter names several departments' parts. The manifest lists the parts
// with their routed departments; the gateway keeps one status per part, pushes a step's parts once the earlier
// steps are decided, and derives the case's own status from the parts. Every status event of such a case
// carries the parts' statuses (`details.parts`), so the window and every department see all of them.
import { z } from 'zod';
import type { CaseStatus } from './status';

const str = (min: number, max: number) => z.string().min(min, 'required').max(max, 'too-long');

/** One part as the window pushes it: the catalogue's part with the department the routing gave it. */
export const manifestPartSchema = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9-]{0,31}$/, 'part-code'),
  name: str(1, 100),
  departmentId: str(1, 64),
  departmentName: str(1, 100),
  step: z.number().int().min(1).max(8),
  required: z.boolean(),
});

/** A part of a manifest. */
export type ManifestPart = z.infer<typeof manifestPartSchema>;

/** The parts of a 多地联办 manifest: 2–8, unique codes and departments, steps from 1, the first part's department is the case's. */
export const manifestPartsSchema = z
  .array(manifestPartSchema)
  .min(2)
  .max(8)
  .superRefine((parts, ctx) => {
    for (const key of ['code', 'departmentId'] as const) {
      if (new Set(parts.map((p) => p[key])).size !== parts.length)
        ctx.addIssue({ code: 'custom', path: [], message: `duplicate-part-${key}` });
    }
    const steps = [...new Set(parts.map((p) => p.step))].sort((a, b) => a - b);
    if (steps.some((s, i) => s !== i + 1)) ctx.addIssue({ code: 'custom', path: [], message: 'part-steps' });
    if (!parts.some((p) => p.required)) ctx.addIssue({ code: 'custom', path: [], message: 'no-required-part' });
  });

/** Statuses of a part: 'waiting' until its step is reached (not yet pushed to its department), then a case status. */
export const PART_STATUSES = [
  'waiting',
  'received',
  'reviewing',
  'supplement-requested',
  'supplement-received',
  'approved',
  'rejected',
] as const;

/** A part's status. */
export type PartStatus = (typeof PART_STATUSES)[number];

/** Chinese names of the part statuses. */
export const PART_STATUS_LABELS_ZH: Record<PartStatus, string> = {
  waiting: '待前序办结',
  received: '已送达',
  reviewing: '审查中',
  'supplement-requested': '需补正',
  'supplement-received': '已补正',
  approved: '已办结',
  rejected: '不予办理',
};

/** One part's state as status events carry it. */
export const partStateSchema = z.object({
  code: z.string(),
  name: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  step: z.number().int(),
  required: z.boolean(),
  status: z.enum(PART_STATUSES),
  reason: z.string().nullable().optional(),
});

/** A part's state. */
export type PartState = z.infer<typeof partStateSchema>;

const decided = (s: PartStatus) => s === 'approved' || s === 'rejected';

/**
 * The case status the parts make: refused as soon as a required part is refused; 办结 (approved) when every
 * required part is; otherwise 需补正 / 已补正 while any part is there, 审查中 once any part was taken up, else 已送达.
 */
export function jointCaseStatus(parts: readonly Pick<PartState, 'status' | 'required'>[]): CaseStatus {
  const required = parts.filter((p) => p.required);
  if (required.some((p) => p.status === 'rejected')) return 'rejected';
  if (required.every((p) => p.status === 'approved')) return 'approved';
  if (parts.some((p) => p.status === 'supplement-requested')) return 'supplement-requested';
  if (parts.some((p) => p.status === 'supplement-received')) return 'supplement-received';
  if (parts.some((p) => p.status !== 'received' && p.status !== 'waiting')) return 'reviewing';
  return 'received';
}

/**
 * The waiting parts to push now: those of the lowest waiting step, once every part of the earlier steps is
 * decided and no required one was refused (a refusal ends the case). Empty when nothing is due.
 */
export function partsDue<P extends Pick<PartState, 'status' | 'required' | 'step'>>(parts: readonly P[]): P[] {
  const waiting = parts.filter((p) => p.status === 'waiting');
  if (waiting.length === 0) return [];
  const next = Math.min(...waiting.map((p) => p.step));
  const earlier = parts.filter((p) => p.step < next);
  if (!earlier.every((p) => decided(p.status)) || earlier.some((p) => p.required && p.status === 'rejected')) return [];
  return waiting.filter((p) => p.step === next);
}
