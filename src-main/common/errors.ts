/** Every error code a command may return: a closed union the UI branches on. */
export const ERROR_CODES = [
  'invalid-input',
  'unknown-command',
  'payload-too-large',
  'unauthenticated',
  'session-locked',
  'forbidden',
  'invalid-credentials',
  'account-locked',
  'account-disabled',
  'weak-password',
  'password-change-required',
  'placeholder-not-printable',
  'cancelled',
  'already-initialized',
  'not-initialized',
  'not-found',
  'conflict',
  'database-too-new',
  'database-unreadable',
  'formal-check-failed',
  'materials-missing',
  'nothing-missing',
  'case-decided',
  'guidance-only',
  'remedy-not-configured',
  'unsupported-file',
  'catalogue-invalid',
  'document-not-applicable',
  'printer-not-configured',
  'printer-unreachable',
  'printer-paper-out',
  'printer-error',
  'waybill-pool-empty',
  'waybill-invalid',
  'waybill-taken',
  'reader-not-configured',
  'reader-unavailable',
  'reader-library-missing',
  'reader-no-card',
  'reader-timeout',
  'reader-error',
  'reader-not-simulated',
  'card-read-expired',
  'face-image-invalid',
  'face-chip-photo-missing',
  'face-notice-invalid',
  'licence-offline',
  'licence-provider-unavailable',
  'licence-applicant-unverified',
  'unavailable',
  'training-mode',
  'training-unavailable',
  'training-only',
  'internal',
] as const;

/** A stable kebab-case error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why a command met a `conflict` (`details.reason`): a closed union, like the codes. */
export const CONFLICT_REASON_CODES = [
  'self',
  'last-admin',
  'restore-pending',
  'numbers-exhausted',
  'not-requested',
  'supplement-sent',
  'day-closed',
  'day-not-closed',
  'already-signed',
  'already-rated',
  'signature-binding-mismatch',
  'ticket-used',
  'ticket-superseded',
  'ticket-expired',
  'step-out-of-order',
  'backup-invalid',
  'others-signed-in',
  'appointment-served',
  'appointment-cancelled',
  'appointment-linked',
  'not-refused-for-routing',
  'route-not-allowed',
] as const;

/** One of CONFLICT_REASON_CODES. */
export type ConflictReason = (typeof CONFLICT_REASON_CODES)[number];

/** What a `conflict` carries: its reason, or the fields that clash (e.g. a user name taken). */
export type ConflictDetails =
  ({ reason: ConflictReason } & Record<string, unknown>) | { fields: { path: string; code: string }[] };

/** The reason of a `conflict` error, or null for other errors and unknown reasons. */
export function conflictReasonOf(error: { code: string; details?: unknown }): ConflictReason | null {
  if (error.code !== 'conflict' || typeof error.details !== 'object' || error.details === null) return null;
  const reason = (error.details as { reason?: unknown }).reason;
  return (CONFLICT_REASON_CODES as readonly unknown[]).includes(reason) ? (reason as ConflictReason) : null;
}

/** Thrown by services for expected failures; the gate turns it into a `Result` error. */
export class AppError extends Error {
  readonly details?: Record<string, unknown>;
  constructor(code: 'conflict', message: string, details: ConflictDetails);
  constructor(code: Exclude<ErrorCode, 'conflict'>, message: string, details?: Record<string, unknown>);
  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
    if (details !== undefined) this.details = details;
  }

  /** The same error (code, message, and a conflict's reason) with more details. */
  withDetails(extra: Record<string, unknown>): AppError {
    const Same = AppError as new (code: ErrorCode, message: string, details?: Record<string, unknown>) => AppError;
    return new Same(this.code, this.message, { ...this.details, ...extra });
  }
}
