import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactPersonalData } from '@common/validators/masking';

/** A small structured logger; everything it writes passes through personal-data redaction. */
export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

function serialise(value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}

/** A logger appending JSON lines to `file` (and to stderr when `echo` is set). */
export function fileLogger(file: string, now: () => Date = () => new Date(), echo = false): Logger {
  mkdirSync(dirname(file), { recursive: true });
  const write = (level: string, message: string, data?: Record<string, unknown>) => {
    const line = JSON.stringify({ at: now().toISOString(), level, message, ...data }, (_k, v: unknown) => serialise(v));
    const safe = redactPersonalData(line);
    appendFileSync(file, `${safe}\n`);
    if (echo) process.stderr.write(`${safe}\n`);
  };
  return {
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}
