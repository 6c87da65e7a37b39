import type { ConflictReason } from '@common/errors';
import type { AppErrorData, FieldProblem } from '@common/result';
import { formatUntil } from './datetime';
import { i18next } from './index';

// The reasons of CONFLICT_REASONS (@common/accounts), spelled here so the sign-in bundle does not load the
// account schemas (zod) for two strings; the type keeps them in step.
const CONFLICT_SELF: ConflictReason = 'self';
const CONFLICT_LAST_ADMIN: ConflictReason = 'last-admin';

/** The user-facing message for a failed command, chosen by code (and structured details), never by message text. */
export function errorMessage(error: AppErrorData): string {
  const details = error.details ?? {};
  if (error.code === 'account-locked' && typeof details.until === 'string') {
    return i18next.t('errors.accountLockedUntil', { time: formatUntil(details.until) });
  }
  if (error.code === 'conflict' && details.reason === CONFLICT_SELF) return i18next.t('errors.conflictSelf');
  if (error.code === 'conflict' && details.reason === CONFLICT_LAST_ADMIN) return i18next.t('errors.conflictLastAdmin');
  if (typeof details.reason === 'string' && i18next.exists(`supervisor.reasons.${details.reason}`))
    return i18next.t(`supervisor.reasons.${details.reason}`);
  return i18next.t(`errors.${error.code}`, { defaultValue: i18next.t('errors.internal') });
}

/** The message for one field problem code (validator, schema or service code). */
export function fieldMessage(code: string): string {
  return i18next.t(`fields.${code}`, { defaultValue: i18next.t('fields.schema-fallback') });
}

/** Field problems of an error grouped by path (`hall.name`), each as translated messages. */
export function fieldErrors(error: AppErrorData): Map<string, string[]> {
  const byPath = new Map<string, string[]>();
  const fields: FieldProblem[] = Array.isArray(error.details?.fields) ? error.details.fields : [];
  for (const { path, code } of fields) byPath.set(path, [...(byPath.get(path) ?? []), fieldMessage(code)]);
  return byPath;
}
