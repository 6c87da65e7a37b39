// Receipt printers reached through a device file (/dev/usb/lp0, a serial port, COM/LPT on Windows).
import { constants } from 'node:fs';
import { access, open } from 'node:fs/promises';
import { AppError } from '@common/errors';

const UNREACHABLE = new Set(['ENOENT', 'ENODEV', 'ENXIO', 'EBUSY', 'EIO']);

function osPath(path: string): string {
  return /^(COM|LPT)\d+$/.test(path) ? `\\\\.\\${path}` : path;
}

function asAppError(path: string, err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  if (err instanceof AppError) return err;
  return new AppError(UNREACHABLE.has(code) ? 'printer-unreachable' : 'printer-error', `device ${path}: ${code}`, {
    target: path,
    cause: code,
  });
}

/** Writes a job to the device (never creates a file: the device must exist). */
export async function sendToDevice(path: string, bytes: Buffer, timeoutMs = 15_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const handle = await open(osPath(path), constants.O_WRONLY).catch((err: unknown) => {
    throw asAppError(path, err);
  });
  try {
    await Promise.race([
      handle.write(bytes),
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new AppError('printer-error', `device ${path}: write timed out`, {
                target: path,
                cause: 'write-timeout',
              }),
            ),
          timeoutMs,
        );
      }),
    ]);
  } catch (err) {
    throw asAppError(path, err);
  } finally {
    clearTimeout(timer);
    await handle.close().catch(() => undefined);
  }
}

/** True when the device exists and may be written. */
export async function deviceReachable(path: string): Promise<boolean> {
  try {
    await access(osPath(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
