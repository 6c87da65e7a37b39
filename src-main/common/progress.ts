// Progress of long operations (export, backup, sync of a backlog), pushed from main to the renderer.
import { z } from 'zod';

export const PROGRESS_KINDS = ['export', 'backup', 'restore', 'encryption', 'catalogue', 'sync'] as const;

/** One progress report; the last one of a task has a phase other than 'running'. */
export const progressEventSchema = z.object({
  taskId: z.string(),
  kind: z.enum(PROGRESS_KINDS),
  /** What is counted: rows of an export, steps of a backup, cases of a sync backlog. */
  unit: z.enum(['rows', 'steps', 'cases']),
  done: z.number().int().min(0),
  /** null while the total is not known yet. */
  total: z.number().int().min(0).nullable(),
  phase: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** Whether 取消 is offered: only where stopping leaves nothing half-done. */
  cancellable: z.boolean(),
});
export type ProgressEvent = z.infer<typeof progressEventSchema>;
