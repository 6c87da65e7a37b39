// The 256-byte UCS-2LE text block that SDT_ReadBaseMsg returns (domain-facts §7.1). Every card type
// shares the frame; the type flag at byte 248 chooses the layout: none → resident ID card,
// 'J' → 港澳台居民居住证, 'I' → 2017 外国人永久居留身份证, 'Y' → 2023 外国人永久居留身份证.
import { compactDateToIso } from '@tongban/protocol/validators/date';
import { validateForeignPermanentResidenceId } from '@tongban/protocol/validators/foreign-permanent-id';
import { validateResidentId } from '@tongban/protocol/validators/resident-id';
import type { CardDocType, CardRead } from './card';
import { LONG_TERM } from './card';
import { findEthnicity } from './ethnic-groups';

/** Length of the text block. */
export const TEXT_BLOCK_BYTES = 256;
/** Byte offset of the 2-byte card type flag. */
export const TYPE_FLAG_OFFSET = 248;

/** A field of a layout: byte offset and length. */
export type FieldSpan = readonly [offset: number, length: number];

/** Byte layouts of the four card types (offset, length), from the public SDK headers cited in §7.1. */
export const LAYOUTS = {
  'resident-id': {
    name: [0, 30],
    sex: [30, 2],
    ethnicity: [32, 4],
    birthDate: [36, 16],
    address: [52, 70],
    idNumber: [122, 36],
    issuer: [158, 30],
    validFrom: [188, 16],
    validTo: [204, 16],
  },
  'hk-mo-tw-residence': {
    name: [0, 30],
    sex: [30, 2],
    birthDate: [36, 16],
    address: [52, 70],
    idNumber: [122, 36],
    issuer: [158, 30],
    validFrom: [188, 16],
    validTo: [204, 16],
    passNo: [220, 18],
    issueCount: [238, 4],
    typeFlag: [248, 2],
  },
  'foreign-permanent-2017': {
    nameEn: [0, 120],
    sex: [120, 2],
    idNumber: [122, 30],
    nationality: [152, 6],
    name: [158, 30],
    validFrom: [188, 16],
    validTo: [204, 16],
    birthDate: [220, 16],
    cardVersion: [236, 4],
    issuerCode: [240, 8],
    typeFlag: [248, 2],
  },
  'foreign-permanent-2023': {
    name: [0, 30],
    sex: [30, 2],
    issueCount: [32, 4],
    birthDate: [36, 16],
    nameEn: [52, 70],
    idNumber: [122, 36],
    validFrom: [188, 16],
    validTo: [204, 16],
    nameEnMore: [220, 22],
    nationality: [242, 6],
    typeFlag: [248, 2],
  },
} as const satisfies Record<CardDocType, Record<string, FieldSpan>>;

/** The type flag character of each non-default layout. */
export const TYPE_FLAGS: Readonly<Record<string, CardDocType>> = {
  J: 'hk-mo-tw-residence',
  I: 'foreign-permanent-2017',
  Y: 'foreign-permanent-2023',
};

/** Outcome of parsing: the card without its photo, or the field that could not be read. */
export type TextBlockParse = { ok: true; card: Omit<CardRead, 'photo'> } | { ok: false; field: string; code: string };

function decodeRaw(bytes: Uint8Array, [offset, length]: FieldSpan): string {
  let text = '';
  for (let i = offset; i + 1 < offset + length && i + 1 < bytes.length; i += 2)
    text += String.fromCharCode((bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8));
  // NUL padding reads as space padding.
  return text.split(String.fromCharCode(0)).join(' ');
}

/** Decodes UCS-2 little-endian bytes, dropping the space and NUL padding at both ends. */
export function decodeUcs2(bytes: Uint8Array, span: FieldSpan): string {
  return decodeRaw(bytes, span).trim();
}

/** The card type named by the block's type flag. */
export function cardTypeOf(block: Uint8Array): CardDocType {
  return TYPE_FLAGS[decodeUcs2(block, [TYPE_FLAG_OFFSET, 2])] ?? 'resident-id';
}

class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly code: string,
  ) {
    super(`${field}: ${code}`);
  }
}

function date(field: string, text: string): string {
  const iso = compactDateToIso(text);
  if (!iso) throw new FieldError(field, 'date-invalid');
  return iso;
}

function sexOf(text: string): 'M' | 'F' {
  // GB/T 2261.1: 1 男, 2 女 (0 未知 and 9 未说明 never appear on a card).
  if (text === '1') return 'M';
  if (text === '2') return 'F';
  throw new FieldError('sex', 'sex-code-unknown');
}

function required(field: string, text: string): string {
  if (!text) throw new FieldError(field, 'required');
  return text;
}

function checkNumber(docType: CardDocType, number: string, today: Date): string {
  if (docType === 'resident-id' || docType === 'hk-mo-tw-residence') {
    const r = validateResidentId(number, { today });
    if (!r.ok) throw new FieldError('idNumber', r.errors[0]?.code ?? 'id-format');
    if ((r.value.kind === 'resident') !== (docType === 'resident-id')) throw new FieldError('idNumber', 'id-region');
    return r.value.number;
  }
  const r = validateForeignPermanentResidenceId(number, { today });
  if (!r.ok) throw new FieldError('idNumber', r.errors[0]?.code ?? 'fprc-format');
  if ((r.value.version === '2023') !== (docType === 'foreign-permanent-2023'))
    throw new FieldError('idNumber', 'fprc-format');
  return r.value.number;
}

function optional<T>(value: T | '' | undefined): T | undefined {
  return value === '' ? undefined : value;
}

function validity(block: Uint8Array, from: FieldSpan, to: FieldSpan): Pick<CardRead, 'validFrom' | 'validTo'> {
  const end = decodeUcs2(block, to);
  return {
    validFrom: date('validFrom', decodeUcs2(block, from)),
    validTo: end === '长期' ? LONG_TERM : date('validTo', end),
  };
}

function parseLayout(block: Uint8Array, docType: CardDocType, today: Date): Omit<CardRead, 'photo'> {
  const f = (span: FieldSpan) => decodeUcs2(block, span);
  switch (docType) {
    case 'resident-id': {
      const l = LAYOUTS[docType];
      const ethnicity = findEthnicity(f(l.ethnicity));
      if (!ethnicity) throw new FieldError('ethnicity', 'ethnicity-unknown');
      return {
        docType,
        name: required('name', f(l.name)),
        sex: sexOf(f(l.sex)),
        ethnicity,
        birthDate: date('birthDate', f(l.birthDate)),
        address: optional(f(l.address)),
        idNumber: checkNumber(docType, f(l.idNumber), today),
        issuer: optional(f(l.issuer)),
        ...validity(block, l.validFrom, l.validTo),
      };
    }
    case 'hk-mo-tw-residence': {
      const l = LAYOUTS[docType];
      const count = f(l.issueCount);
      return {
        docType,
        name: required('name', f(l.name)),
        sex: sexOf(f(l.sex)),
        birthDate: date('birthDate', f(l.birthDate)),
        address: optional(f(l.address)),
        idNumber: checkNumber(docType, f(l.idNumber), today),
        issuer: optional(f(l.issuer)),
        ...validity(block, l.validFrom, l.validTo),
        passNo: optional(f(l.passNo)),
        issueCount: /^\d{1,2}$/.test(count) ? Number(count) : undefined,
      };
    }
    case 'foreign-permanent-2017': {
      const l = LAYOUTS[docType];
      const nameEn = f(l.nameEn);
      return {
        docType,
        name: required('name', f(l.name) || nameEn),
        nameEn: optional(nameEn),
        sex: sexOf(f(l.sex)),
        nationality: optional(f(l.nationality)),
        birthDate: date('birthDate', f(l.birthDate)),
        idNumber: checkNumber(docType, f(l.idNumber), today),
        ...validity(block, l.validFrom, l.validTo),
      };
    }
    case 'foreign-permanent-2023': {
      const l = LAYOUTS[docType];
      // The English name runs over two fields: characters 1-35, then 36-46.
      const nameEn = `${decodeRaw(block, l.nameEn)}${decodeRaw(block, l.nameEnMore)}`.trim();
      const count = f(l.issueCount);
      return {
        docType,
        name: required('name', f(l.name) || nameEn),
        nameEn: optional(nameEn),
        sex: sexOf(f(l.sex)),
        nationality: optional(f(l.nationality)),
        birthDate: date('birthDate', f(l.birthDate)),
        idNumber: checkNumber(docType, f(l.idNumber), today),
        ...validity(block, l.validFrom, l.validTo),
        issueCount: /^\d{1,2}$/.test(count) ? Number(count) : undefined,
      };
    }
  }
}

/** Drops undefined members so the record serialises the same wherever it was built. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * Parses the 256-byte text block of any of the four card types into the normalised record. The ID
 * number must pass its validator: a failure means a misread layout or a damaged block.
 */
export function parseTextBlock(block: Uint8Array, opts: { today: Date }): TextBlockParse {
  if (block.length !== TEXT_BLOCK_BYTES) return { ok: false, field: 'block', code: 'length' };
  try {
    return { ok: true, card: compact(parseLayout(block, cardTypeOf(block), opts.today)) };
  } catch (err) {
    if (err instanceof FieldError) return { ok: false, field: err.field, code: err.code };
    throw err;
  }
}
