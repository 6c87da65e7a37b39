import type { ErrorCode } from './errors';

/** Error as it crosses the contract: a stable code, a developer message, optional structured details. */
export interface AppErrorData {
  code: ErrorCode;
  message: string;
  details?: ErrorDetails;
}

/** Structured details: field-level problems for forms, plus free data (e.g. lock expiry). */
export interface ErrorDetails {
  fields?: FieldProblem[];
  [key: string]: unknown;
}

/** One problem with one input field; `code` is a stable validator or schema code. */
export interface FieldProblem {
  path: string;
  code: string;
}

/** The result of every contract call. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

/** Builds a success result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

/** Builds a failure result. */
export const fail = (code: ErrorCode, message: string, details?: ErrorDetails): Result<never> =>
  details === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, details } };
