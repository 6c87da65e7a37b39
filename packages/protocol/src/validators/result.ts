/** Every stable code a validator can report; the UI picks its message by code, never by text. */
export type ValidatorCode =
  | 'required'
  | 'too-long'
  | 'id-format'
  | 'id-region'
  | 'id-birthdate'
  | 'id-checksum'
  | 'id-county-unknown'
  | 'id15-format'
  | 'fprc-format'
  | 'fprc-birthdate'
  | 'fprc-checksum'
  | 'fprc-region'
  | 'fprc-icao-check'
  | 'permit-format'
  | 'passport-cn-format'
  | 'passport-legacy'
  | 'passport-format'
  | 'uscc-format'
  | 'uscc-checksum'
  | 'uscc-org-checksum'
  | 'mobile-format'
  | 'mobile-segment'
  | 'landline-format'
  | 'phone-format'
  | 'postcode-format'
  | 'postcode-province-mismatch'
  | 'name-format'
  | 'name-dot'
  | 'name-length'
  | 'name-private-use'
  | 'date-format'
  | 'date-invalid'
  | 'date-future'
  | 'date-too-early'
  | 'ems-format'
  | 'ems-checksum'
  | 'ems-service';

/** One finding of a validator: a blocking error or an advisory warning. */
export type ValidationIssue = { code: ValidatorCode; severity: 'error' | 'warning' };

/** Outcome of a validator: the normalised value, or the errors that block it; warnings in both cases. */
export type Validation<T> =
  | { ok: true; value: T; warnings: ValidationIssue[] }
  | { ok: false; errors: ValidationIssue[]; warnings: ValidationIssue[] };

/**
 * Error codes that staff may override with a recorded reason (domain-facts §2.3: early pilot
 * USCC codes are reported genuine yet fail the check). The override itself is recorded by the caller.
 */
export const OVERRIDABLE_CODES: ReadonlySet<ValidatorCode> = new Set<ValidatorCode>([
  'uscc-checksum',
  'uscc-org-checksum',
]);

/** Builds an error issue. */
export function error(code: ValidatorCode): ValidationIssue {
  return { code, severity: 'error' };
}

/** Builds a warning issue. */
export function warning(code: ValidatorCode): ValidationIssue {
  return { code, severity: 'warning' };
}

/** Builds a successful validation. */
export function valid<T>(value: T, warnings: ValidationIssue[] = []): Validation<T> {
  return { ok: true, value, warnings };
}

/** Builds a failed validation from error codes. */
export function invalid<T>(codes: readonly ValidatorCode[], warnings: ValidationIssue[] = []): Validation<T> {
  return { ok: false, errors: codes.map(error), warnings };
}

/** True when a failed validation could pass if staff override it (every error is overridable). */
export function isOverridable(result: Validation<unknown>): boolean {
  return !result.ok && result.errors.length > 0 && result.errors.every((e) => OVERRIDABLE_CODES.has(e.code));
}

/** All issues of a validation, errors first. */
export function issuesOf(result: Validation<unknown>): ValidationIssue[] {
  return result.ok ? [...result.warnings] : [...result.errors, ...result.warnings];
}
