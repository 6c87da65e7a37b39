import { invalid, type Validation } from './result';

/** Longest raw input any validator looks at; longer input fails with 'too-long' before any pattern work. */
export const MAX_INPUT_LENGTH = 256;

/**
 * Folds full-width ASCII (U+FF01-FF5E, typed by Chinese IMEs) to half-width and the ideographic
 * space U+3000 to a plain space.
 */
export function foldWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/**
 * Common first step of every validator: rejects missing or over-long input, otherwise returns the
 * width-folded, trimmed text (a string) for the caller to check further.
 */
export function prepareInput(s: string | null | undefined, fold = true): string | Validation<never> {
  if (s === null || s === undefined) return invalid(['required']);
  if (s.length > MAX_INPUT_LENGTH) return invalid(['too-long']);
  const text = (fold ? foldWidth(s) : s).trim();
  return text === '' ? invalid(['required']) : text;
}

/** Removes spaces (of any kind) and hyphens, which people type as separators in numbers. */
export function stripSeparators(s: string): string {
  return s.replace(/[\s\-\u2010-\u2015\u2212]/g, '');
}
