// The one owner of "whose case is this": every handler, service and query asks here.
// A case or draft the caller may not touch is answered exactly like one that does not exist
// (AppError 'not-found'), so ids cannot be probed: docs/decisions/0050-not-yours-is-not-found.md.
import { AppError } from '@common/errors';

/** Who is asking: the signed-in staff member's id and role. */
export interface CaseViewer {
  id: number;
  role: string;
}

/** Township helpers (乡镇帮办员) see only the cases they filed themselves; every other counter role sees all. */
export function canSeeCase(viewer: CaseViewer, filedBy: number): boolean {
  const own = restrictedTo(viewer);
  return own === undefined || filedBy === own;
}

/** A draft is worked on by its owner, or by the supervisor on duty (who may finish a colleague's draft). */
export function canWorkOnDraft(viewer: CaseViewer, ownerId: number): boolean {
  return ownerId === viewer.id || viewer.role === 'supervisor';
}

/** The "not yours" answer, identical to "no such thing". */
export function notFound(what: 'case' | 'draft' | 'waybill' = 'case'): AppError {
  return new AppError('not-found', `no such ${what}`);
}

/** The stored case (anything with the filing clerk's id), or not-found when absent or not the viewer's. */
export function visibleCase<T>(viewer: CaseViewer, found: T | null | undefined, filedBy: (c: T) => number): T {
  if (found == null || !canSeeCase(viewer, filedBy(found))) throw notFound('case');
  return found;
}

/** The draft, or not-found when absent or not the viewer's to work on. */
export function ownDraft<T extends { ownerId: number }>(viewer: CaseViewer, draft: T | null | undefined): T {
  if (draft == null || !canWorkOnDraft(viewer, draft.ownerId)) throw notFound('draft');
  return draft;
}

/** The staff id whose records alone the viewer may list (helpers: their own), or undefined for everyone's. */
export function restrictedTo(viewer: CaseViewer): number | undefined {
  return viewer.role === 'helper' ? viewer.id : undefined;
}

/** A list filter narrowed to what the viewer may see (helpers: only the cases they filed). */
export function scopeToViewer<F extends object>(viewer: CaseViewer, filter: F): F & { clerkId?: number } {
  const own = restrictedTo(viewer);
  return own === undefined ? filter : { ...filter, clerkId: own };
}
