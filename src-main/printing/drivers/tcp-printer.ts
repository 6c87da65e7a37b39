// Network receipt printers (raw TCP, usually port 9100): send a job, and ask for the status with
// ESC/POS real-time requests (DLE EOT 2: offline cause, DLE EOT 4: paper sensor).
import { connect, type Socket } from 'node:net';
import { AppError } from '@common/errors';

/** What the printer said about itself; `answered: false` when it stayed silent (many do). */
export interface TcpStatus {
  answered: boolean;
  paperOut: boolean;
  paperNearEnd: boolean;
  coverOpen: boolean;
  error: boolean;
}

/** Timeouts in milliseconds. */
export interface TcpOptions {
  connectTimeoutMs?: number;
  statusTimeoutMs?: number;
  jobTimeoutMs?: number;
}

const STATUS_REQUEST = Buffer.from([0x10, 0x04, 0x02, 0x10, 0x04, 0x04]);
// Fixed bits of every status byte: bit 1 and bit 4 set, bits 0 and 7 clear.
const isStatusByte = (b: number) => (b & 0x93) === 0x12;

/** Interprets the answers to DLE EOT 2 and DLE EOT 4 (either may be missing). */
export function parseStatusBytes(bytes: readonly number[]): TcpStatus {
  const [offline, paper] = bytes.filter(isStatusByte);
  const status: TcpStatus = {
    answered: offline !== undefined,
    paperOut: false,
    paperNearEnd: false,
    coverOpen: false,
    error: false,
  };
  if (offline !== undefined) {
    status.coverOpen = (offline & 0x04) !== 0;
    status.paperOut = (offline & 0x20) !== 0;
    status.error = (offline & 0x40) !== 0;
  }
  if (paper !== undefined) {
    status.paperNearEnd = (paper & 0x0c) !== 0;
    status.paperOut ||= (paper & 0x60) !== 0;
  }
  return status;
}

function unreachable(host: string, port: number, cause: string): AppError {
  return new AppError('printer-unreachable', `printer ${host}:${port} unreachable (${cause})`, {
    target: `tcp://${host}:${port}`,
    cause,
  });
}

function open(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(unreachable(host, port, 'connect-timeout'));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(unreachable(host, port, err.code ?? 'error'));
    });
  });
}

function askStatus(socket: Socket, timeoutMs: number): Promise<TcpStatus> {
  return new Promise((resolve) => {
    const got: number[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      resolve(parseStatusBytes(got));
    };
    const onData = (chunk: Buffer) => {
      got.push(...chunk);
      if (got.filter(isStatusByte).length >= 2) done();
    };
    const timer = setTimeout(done, timeoutMs);
    socket.on('data', onData);
    socket.write(STATUS_REQUEST);
  });
}

/** Connects, asks for the status, and hangs up. Throws `printer-unreachable` when nothing listens. */
export async function tcpStatus(host: string, port: number, opts: TcpOptions = {}): Promise<TcpStatus> {
  const socket = await open(host, port, opts.connectTimeoutMs ?? 2000);
  try {
    return await askStatus(socket, opts.statusTimeoutMs ?? 400);
  } finally {
    socket.destroy();
  }
}

/** The error a status forbids printing with, if any. */
export function statusProblem(status: TcpStatus, target: string): AppError | null {
  if (status.paperOut) return new AppError('printer-paper-out', 'printer reports paper out', { target });
  if (status.coverOpen || status.error)
    return new AppError('printer-error', 'printer reports an error', {
      target,
      coverOpen: status.coverOpen,
      error: status.error,
    });
  return null;
}

/**
 * Sends a job: connect, check the status (a silent printer counts as ready), write, close.
 * Throws `printer-unreachable`, `printer-paper-out` or `printer-error`; nothing is written then.
 */
export async function sendTcp(host: string, port: number, bytes: Buffer, opts: TcpOptions = {}): Promise<TcpStatus> {
  const target = `tcp://${host}:${port}`;
  const socket = await open(host, port, opts.connectTimeoutMs ?? 2000);
  try {
    const status = await askStatus(socket, opts.statusTimeoutMs ?? 400);
    const problem = statusProblem(status, target);
    if (problem) throw problem;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(unreachable(host, port, 'write-timeout')), opts.jobTimeoutMs ?? 15_000);
      socket.once('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(unreachable(host, port, err.code ?? 'error'));
      });
      socket.end(bytes, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return status;
  } finally {
    socket.destroy();
  }
}
