// Normalises the JSON answer of a vendor's local reader service (domain-facts §7.2) through the
// configured field mapping. Vendors differ in field names, date formats (19900307, 1990-03-07,
// 1990.03.07), sex (男/女, 1/2) and ethnicity (汉, 汉族, 01): all are accepted.
import { compactDateToIso } from '@tongban/protocol/validators/date';
import { cardReadSchema, LONG_TERM, sniffPhotoType, type CardDocType, type CardRead } from './card';
import { findEthnicity } from './ethnic-groups';
import type { HttpMapping } from './settings';

/** The value at a JSON path such as `data.list[0].name`, or undefined. */
export function getPath(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.match(/[^.[\]]+/g) ?? []) {
    if (current === null || typeof current !== 'object') return undefined;
    current =
      /^\d+$/.test(part) && Array.isArray(current) ? current[Number(part)] : (current as Record<string, unknown>)[part];
  }
  return current;
}

/** How a vendor answer is read: mapping, result codes and card type values. */
export interface VendorAnswerRules {
  mapping: HttpMapping;
  resultCodePath: string;
  okCodes: readonly string[];
  noCardCodes: readonly string[];
  docTypeValues: Readonly<Record<string, CardDocType>>;
}

/** A vendor answer: a card, no card on the reader, a vendor error, or a card whose data cannot be used. */
export type VendorAnswer =
  | { kind: 'card'; card: CardRead }
  | { kind: 'no-card'; vendorCode: string }
  | { kind: 'vendor-error'; vendorCode: string }
  | { kind: 'invalid'; field: string };

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function sexOf(v: string): 'M' | 'F' | undefined {
  if (/^(男|1|M|MALE)$/i.test(v)) return 'M';
  if (/^(女|2|F|FEMALE)$/i.test(v)) return 'F';
  return undefined;
}

function dateOf(v: string): string | undefined {
  const digits = v.replace(/\D/g, '');
  return digits.length === 8 ? (compactDateToIso(digits) ?? undefined) : undefined;
}

function docTypeOf(raw: unknown, idNumber: string, values: Readonly<Record<string, CardDocType>>): CardDocType {
  const value = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined;
  if (value !== undefined) {
    const mapped = values[value] ?? values[value.trim()];
    if (mapped) return mapped;
  }
  if (/^9\d{16}[\dX]$/.test(idNumber)) return 'foreign-permanent-2023';
  if (/^[A-Z]{3}\d{12}$/.test(idNumber)) return 'foreign-permanent-2017';
  if (/^8[123]0000/.test(idNumber)) return 'hk-mo-tw-residence';
  return 'resident-id';
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The first bytes of base64 data (enough to sniff an image type). */
export function base64Head(b64: string, bytes = 8): Uint8Array {
  const chars = b64.slice(0, Math.ceil(bytes / 3) * 4);
  const out: number[] = [];
  for (let i = 0; i < chars.length; i += 4) {
    const n = [0, 1, 2, 3].map((k) => Math.max(0, B64.indexOf(chars.charAt(i + k))));
    const triple = ((n[0] ?? 0) << 18) | ((n[1] ?? 0) << 12) | ((n[2] ?? 0) << 6) | (n[3] ?? 0);
    out.push((triple >> 16) & 0xff, (triple >> 8) & 0xff, triple & 0xff);
  }
  return Uint8Array.from(out.slice(0, bytes));
}

function photoOf(v: string): CardRead['photo'] {
  const b64 = v.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!b64) return undefined;
  const mediaType = sniffPhotoType(base64Head(b64));
  return mediaType ? { mediaType, base64: b64 } : undefined;
}

/** Reads a vendor answer through the rules; never throws on odd input. */
export function normaliseVendorAnswer(json: unknown, rules: VendorAnswerRules): VendorAnswer {
  if (rules.resultCodePath) {
    const code = text(getPath(json, rules.resultCodePath));
    if (rules.noCardCodes.includes(code)) return { kind: 'no-card', vendorCode: code };
    if (!rules.okCodes.includes(code)) return { kind: 'vendor-error', vendorCode: code };
  }
  const m = rules.mapping;
  const get = (path: string | undefined) => (path ? text(getPath(json, path)) : '');
  const idNumber = get(m.idNumber).toUpperCase();
  const docType = docTypeOf(m.docType ? getPath(json, m.docType) : undefined, idNumber, rules.docTypeValues);
  const validToText = get(m.validTo);
  const count = get(m.issueCount);
  const candidate: Record<string, unknown> = {
    docType,
    name: get(m.name),
    nameEn: get(m.nameEn) || undefined,
    sex: sexOf(get(m.sex)),
    ethnicity: docType === 'resident-id' ? (findEthnicity(get(m.ethnicity)) ?? undefined) : undefined,
    nationality: docType.startsWith('foreign') ? get(m.nationality).toUpperCase() || undefined : undefined,
    birthDate: dateOf(get(m.birthDate)),
    address: get(m.address) || undefined,
    idNumber,
    issuer: get(m.issuer) || undefined,
    validFrom: dateOf(get(m.validFrom)),
    validTo: validToText === '长期' ? LONG_TERM : dateOf(validToText),
    passNo: get(m.passNo) || undefined,
    issueCount: /^\d{1,2}$/.test(count) ? Number(count) : undefined,
    photo: photoOf(get(m.photo)),
  };
  for (const key of Object.keys(candidate)) if (candidate[key] === undefined) delete candidate[key];
  const parsed = cardReadSchema.safeParse(candidate);
  if (!parsed.success) return { kind: 'invalid', field: String(parsed.error.issues[0]?.path[0] ?? 'card') };
  return { kind: 'card', card: parsed.data };
}
