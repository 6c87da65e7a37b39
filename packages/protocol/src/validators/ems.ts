import { s10CheckDigit } from './check-digits';
import { prepareInput } from './input';
import { invalid, valid, type Validation } from './result';

/** A checked EMS item number: a UPU S10 identifier of the EMS service (E?) or a 13-digit domestic waybill number. */
export type EmsNumber =
  | { kind: 's10'; number: string; serviceIndicator: string; serial: string; countryCode: string }
  | { kind: 'numeric'; number: string };

/**
 * Validates an EMS / China Post item number (domain-facts §2.8): S10 '2 letters + 8 digits + check
 * digit + 2 letters' with the mod-11 check, or 13 digits (no public checksum). Numbers come from the
 * EMS 单号池 and are never generated locally.
 */
export function validateEmsNumber(s: string | null | undefined): Validation<EmsNumber> {
  const text = prepareInput(s);
  if (typeof text !== 'string') return text;
  const number = text.toUpperCase().replace(/\s+/g, '');
  if (/^\d{13}$/.test(number)) return valid({ kind: 'numeric', number });
  const m = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/.exec(number);
  if (!m) return invalid(['ems-format']);
  const [, serviceIndicator = '', serial = '', check = '', countryCode = ''] = m;
  if (s10CheckDigit(serial) !== Number(check)) return invalid(['ems-checksum']);
  // UPU S10 service indicators starting with E are EMS; R (registered), L (letter post express),
  // C (parcels), V (insured) … are other China Post services (docs/decisions/0102).
  if (!serviceIndicator.startsWith('E')) return invalid(['ems-service']);
  return valid({ kind: 's10', number, serviceIndicator, serial, countryCode });
}
