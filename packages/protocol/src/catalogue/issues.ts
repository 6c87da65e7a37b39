// Helpers that turn zod issues into flat, path-addressed validation errors.
import type { z } from 'zod';

/** One validation error: `path` like `matters[3].situations[0].materials[2].form` ('' for the root). */
export interface ValidationError {
  path: string;
  message: string;
}

/** Result of a pure parse: the typed value, or every error found. */
export type ParseResult<K extends string, T> =
  ({ ok: true } & { [P in K]: T }) | { ok: false; errors: ValidationError[] };

/** Formats a zod issue path as `a.b[2].c`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/** Converts zod issues into ValidationErrors, de-duplicated and sorted by path (numeric-aware). */
export function issuesToErrors(issues: readonly z.core.$ZodIssue[]): ValidationError[] {
  const seen = new Set<string>();
  const errors: ValidationError[] = [];
  for (const issue of issues) {
    const error = { path: formatIssuePath(issue.path), message: issue.message };
    const key = `${error.path}\u0000${error.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    errors.push(error);
  }
  return errors.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
}

/** Minimal refinement context (structural subset of zod's). */
export interface IssueSink {
  addIssue(issue: { code: 'custom'; message: string; path?: PropertyKey[] }): void;
}

/** Zod refinement options that run the refinement even when sibling fields already failed. */
export const ALWAYS_REFINE = { when: () => true } as const;

/** Reads `value[key]` defensively from an unknown value (refinements may see malformed input). */
export function prop(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

/** Reports every repeated string `key` inside the array `items` (non-strings are ignored). */
export function reportDuplicates(ctx: IssueSink, items: unknown, key: string, arrayPath: string, label: string): void {
  if (!Array.isArray(items)) return;
  const firstIndex = new Map<string, number>();
  items.forEach((item, index) => {
    const value = prop(item, key);
    if (typeof value !== 'string') return;
    const first = firstIndex.get(value);
    if (first === undefined) firstIndex.set(value, index);
    else
      ctx.addIssue({
        code: 'custom',
        path: [arrayPath, index, key],
        message: `duplicate ${label} "${value}" (first at index ${first})`,
      });
  });
}
