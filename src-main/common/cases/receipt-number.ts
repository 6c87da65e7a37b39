/**
 * Receipt numbers made offline: window code + China business date + daily sequence + an
 * ISO/IEC 7064 MOD 37,36 check character, e.g. `50010112-20261130-0007K`. Unique per window as
 * long as the window's counter lives (the counter is in the same transaction as the case).
 */

import { mod3736CheckChar } from '@tongban/protocol/validators/check-digits';

export { mod3736CheckChar };

/** The parts of a receipt number. */
export interface ReceiptNumberParts {
  windowCode: string;
  date: string; // YYYY-MM-DD
  sequence: number;
}

/** Formats a receipt number from its parts. */
export function formatReceiptNumber({ windowCode, date, sequence }: ReceiptNumberParts): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > 9999)
    throw new RangeError('daily sequence must be 1..9999');
  const ymd = date.replace(/-/g, '');
  const seq = String(sequence).padStart(4, '0');
  return `${windowCode}-${ymd}-${seq}${mod3736CheckChar(`${windowCode}${ymd}${seq}`)}`;
}

const PATTERN = /^([0-9A-Z]{4,10})-?(\d{8})-?(\d{4})([0-9A-Z])$/;

/** Parses a receipt number typed or scanned (any case, hyphens optional); null when malformed or its check fails. */
export function parseReceiptNumber(input: string): ReceiptNumberParts | null {
  const m = PATTERN.exec(input.trim().toUpperCase());
  if (!m) return null;
  const [, windowCode, ymd, seq, check] = m as unknown as [string, string, string, string, string];
  if (mod3736CheckChar(`${windowCode}${ymd}${seq}`) !== check) return null;
  const sequence = Number(seq);
  if (sequence < 1) return null;
  return { windowCode, date: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`, sequence };
}
