import { prepareInput } from './input';
import { invalid, valid, type Validation } from './result';

/**
 * Travel permits validated by pattern only (domain-facts §2.6; none has a public checksum):
 * 'hk-mo-home-return' 港澳居民来往内地通行证, 'tw-mtp' 台湾居民来往大陆通行证,
 * 'mainland-hk-mo' 往来港澳通行证, 'mainland-tw' 大陆居民往来台湾通行证.
 */
export type TravelPermitKind = 'hk-mo-home-return' | 'tw-mtp' | 'mainland-hk-mo' | 'mainland-tw';

/** A pattern-checked permit number; issueCount is the 2-digit 换证次数 when it was typed. */
export type TravelPermit = {
  kind: TravelPermitKind;
  /** The permit number without the 换证次数 suffix. */
  number: string;
  issueCount?: string;
  /** Issuing region of a home-return permit: H = Hong Kong, M = Macau. */
  region?: 'HK' | 'MO';
};

/** Each kind's pattern; group 1 is the card number and the optional group 2 the 换证次数. */
const PATTERNS: Record<TravelPermitKind, RegExp> = {
  'hk-mo-home-return': /^([HM]\d{8})(\d{2})?$/,
  'tw-mtp': /^(\d{8})(\d{2})?$/,
  'mainland-hk-mo': /^(C[0-9A-HJ-NP-Z]\d{7})()$/,
  'mainland-tw': /^(L\d{8})()$/,
};

/** All permit kinds, for pickers and exhaustive tests. */
export const TRAVEL_PERMIT_KINDS: readonly TravelPermitKind[] = [
  'hk-mo-home-return',
  'tw-mtp',
  'mainland-hk-mo',
  'mainland-tw',
];

/** Validates a permit number of the given kind by its pattern (upper-cased; spaces and "(01)" brackets removed). */
export function validateTravelPermit(s: string | null | undefined, kind: TravelPermitKind): Validation<TravelPermit> {
  const text = prepareInput(s);
  if (typeof text !== 'string') return text;
  // The 换证次数 is sometimes written in brackets after the number, e.g. H12345678(01).
  const compact = text
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/\((\d{2})\)$/, '$1');
  const m = PATTERNS[kind].exec(compact);
  if (!m) return invalid(['permit-format']);
  const [, number = '', issueCount = ''] = m;
  const permit: TravelPermit = { kind, number };
  if (issueCount !== '') permit.issueCount = issueCount;
  if (kind === 'hk-mo-home-return') permit.region = number.startsWith('H') ? 'HK' : 'MO';
  return valid(permit);
}
