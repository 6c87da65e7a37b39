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
  'already-initialized',
  'not-initialized',
  'not-found',
  'conflict',
  'database-too-new',
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
  'unavailable',
  'internal',
] as const;

/** A stable kebab-case error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Thrown by services for expected failures; the gate turns it into a `Result` error. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
