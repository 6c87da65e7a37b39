import type { CardRead } from '@common/identity/card';
import { AppError } from '@common/errors';

/** What a driver can tell without reading: is the reader there, is a card on it (when the driver knows). */
export interface ReaderProbe {
  state: 'disconnected' | 'ready' | 'card-present' | 'error';
  message?: string;
  errorCode?: string;
}

/**
 * One card reader driver. `read` runs one complete read and returns the normalised card, or throws
 * an AppError: reader-no-card, reader-unavailable, reader-library-missing, reader-timeout, reader-error.
 * A card must be taken away and put back before it can be read again (domain-facts §7.2).
 */
export interface CardReader {
  status(): Promise<ReaderProbe>;
  read(signal: AbortSignal): Promise<CardRead>;
  close(): void;
}

/** Optional licensed WLT decoder (WltRS.dll / libwlt): 1024 WLT bytes → an image; absent, chip photos are unavailable. */
export type DecodePhoto = (wlt: Uint8Array) => Promise<CardRead['photo'] | undefined>;

/** Thrown when a read was aborted (service closing, settings changed). */
export function abortedError(): AppError {
  return new AppError('reader-error', 'read aborted', { reason: 'aborted' });
}

/** The probe that matches a read failure: no card means the reader is ready. */
export function probeOfError(err: unknown): ReaderProbe {
  if (!(err instanceof AppError))
    return { state: 'error', errorCode: 'reader-error', message: err instanceof Error ? err.message : String(err) };
  switch (err.code) {
    case 'reader-no-card':
      return { state: 'ready' };
    case 'reader-unavailable':
    case 'reader-not-configured':
      return { state: 'disconnected', errorCode: err.code, message: err.message };
    default:
      return { state: 'error', errorCode: err.code, message: err.message };
  }
}

/** A reader for windows without one: every read asks for manual verification. */
export class NoReader implements CardReader {
  status(): Promise<ReaderProbe> {
    return Promise.resolve({
      state: 'disconnected',
      errorCode: 'reader-not-configured',
      message: 'no card reader configured',
    });
  }

  read(): Promise<CardRead> {
    return Promise.reject(new AppError('reader-not-configured', 'no card reader configured; verify manually'));
  }

  close(): void {}
}
